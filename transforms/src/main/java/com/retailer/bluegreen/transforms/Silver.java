package com.retailer.bluegreen.transforms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import com.retailer.bluegreen.storage.DeltaTxn;
import com.retailer.bluegreen.ingest.bronze.SqlDates;
import com.retailer.bluegreen.layout.Domain;
import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bronze micro-batch to Silver: one MERGE per batch per table, carrying (appId, batchId). Each batch is first
 * reduced to one row per key by the same rule the MERGE applies against the table, so the outcome does not
 * depend on how records are split into batches (docs/semantics.md, "Silver").
 */
public final class Silver {
    private static final List<String> ORDER_VERSION = List.of("seq", "src_partition", "src_offset");
    private static final List<String> FIRST_DELIVERY = List.of("src_partition", "src_offset");
    private static final List<String> SHIPMENT_WINNER = List.of("status_rank", "last_event_ts", "src_partition",
            "src_offset");
    private static final List<String> SHIPMENT_STATE = List.of("order_id", "status", "status_rank", "warehouse_id",
            "carrier_id", "last_event_ts", "src_partition", "src_offset");
    private static final List<String> MILESTONES = List.of("picked_ts", "packed_ts", "shipped_ts", "delivered_ts");

    private Silver() {
    }

    /** MERGEs the valid rows of a Bronze batch into the domain's Silver table. */
    public static void merge(Domain domain, Dataset<Row> bronzeBatch, String tableLocation, String appId,
                             long batchId) {
        Dataset<Row> valid = bronzeBatch.where(col("decode_status").equalTo("OK"));
        switch (domain) {
            case ORDERS -> mergeOrders(valid, tableLocation, appId, batchId);
            case INVENTORY -> mergeMovements(valid, tableLocation, appId, batchId);
            case FULFILLMENT -> mergeShipments(valid, tableLocation, appId, batchId);
            default -> throw new IllegalStateException("no Silver table for " + domain);
        }
    }

    /**
     * The row each valid Bronze record contributes to its Silver table, before the batch is reduced to one row per
     * key, as SQL over a Bronze row: what data-quality expectations are evaluated on ({@link Expectations}).
     */
    public static List<String> recordProjection(Domain domain) {
        return switch (domain) {
            case ORDERS -> ORDER_RECORD;
            case INVENTORY -> MOVEMENT_RECORD;
            case FULFILLMENT -> SHIPMENT_RECORD;
        };
    }

    private static final List<String> ORDER_RECORD = List.of(
            "payload.order_id AS order_id", "payload.seq AS seq", "payload.op AS op",
            "payload.op = 'd' AS is_deleted",
            image("customer_id"),
            "IF(payload.op = 'd', NULL, timestamp_millis(payload.after.order_ts_ms)) AS order_ts",
            "IF(payload.op = 'd', NULL, " + SqlDates.utcDateOfMillis("payload.after.order_ts_ms")
                    + ") AS order_date",
            image("region"), image("category"), image("sku"), image("quantity"), image("amount_cents"),
            image("status"), image("currency"), image("channel"),
            "timestamp_millis(payload.source_ts_ms) AS source_ts",
            "partition AS src_partition", "offset AS src_offset");

    private static final List<String> MOVEMENT_RECORD = List.of(
            "payload.event_id AS event_id", "payload.sku AS sku", "payload.warehouse_id AS warehouse_id",
            "payload.quantity_delta AS quantity_delta", "payload.reason AS reason",
            "timestamp_millis(payload.event_ts_ms) AS event_ts",
            SqlDates.utcDateOfMillis("payload.event_ts_ms") + " AS event_date",
            "partition AS src_partition", "offset AS src_offset");

    private static final List<String> SHIPMENT_RECORD = List.of(
            "payload.shipment_id AS shipment_id", "payload.order_id AS order_id", "payload.status AS status",
            "CASE payload.status WHEN 'PICKED' THEN 1 WHEN 'PACKED' THEN 2 WHEN 'SHIPPED' THEN 3"
                    + " WHEN 'DELIVERED' THEN 4 END AS status_rank",
            "payload.warehouse_id AS warehouse_id", "payload.carrier_id AS carrier_id",
            "timestamp_millis(payload.event_ts_ms) AS last_event_ts",
            "partition AS src_partition", "offset AS src_offset");

    static Dataset<Row> orderRows(Dataset<Row> valid) {
        return valid.selectExpr(ORDER_RECORD.toArray(String[]::new));
    }

    private static String image(String field) {
        return "IF(payload.op = 'd', NULL, payload.after." + field + ") AS " + field;
    }

    private static void mergeOrders(Dataset<Row> valid, String location, String appId, long batchId) {
        Dataset<Row> latest = firstPerKey(orderRows(valid), "order_id",
                "seq DESC, src_partition DESC, src_offset DESC");
        DeltaTxn.write(valid.sparkSession(), appId, batchId, () -> DeltaTable.forPath(valid.sparkSession(), location)
                .as("t").merge(latest.as("s"), "t.order_id = s.order_id")
                .whenMatched(Lex.sourceGreater(ORDER_VERSION)).updateAll()
                .whenNotMatched().insertAll()
                .execute());
    }

    static Dataset<Row> movementRows(Dataset<Row> valid) {
        return valid.selectExpr(MOVEMENT_RECORD.toArray(String[]::new));
    }

    private static void mergeMovements(Dataset<Row> valid, String location, String appId, long batchId) {
        Dataset<Row> first = firstPerKey(movementRows(valid), "event_id", "src_partition ASC, src_offset ASC");
        DeltaTxn.write(valid.sparkSession(), appId, batchId, () -> DeltaTable.forPath(valid.sparkSession(), location)
                .as("t").merge(first.as("s"), "t.event_id = s.event_id")
                .whenMatched(Lex.sourceLess(FIRST_DELIVERY)).updateAll()
                .whenNotMatched().insertAll()
                .execute());
    }

    static Dataset<Row> shipmentRows(Dataset<Row> valid) {
        Dataset<Row> events = valid.selectExpr(SHIPMENT_RECORD.toArray(String[]::new));
        for (String m : MILESTONES) {
            String status = m.substring(0, m.indexOf('_')).toUpperCase(java.util.Locale.ROOT);
            events = events.withColumn(m, expr("min(IF(status = '" + status + "', last_event_ts, NULL))"
                    + " OVER (PARTITION BY shipment_id)"));
        }
        return firstPerKey(events, "shipment_id",
                        "status_rank DESC, last_event_ts DESC, src_partition DESC, src_offset DESC")
                .select("shipment_id", "order_id", "status", "status_rank", "warehouse_id", "carrier_id",
                        "picked_ts", "packed_ts", "shipped_ts", "delivered_ts", "last_event_ts",
                        "src_partition", "src_offset");
    }

    private static void mergeShipments(Dataset<Row> valid, String location, String appId, long batchId) {
        Dataset<Row> batch = shipmentRows(valid);
        String wins = Lex.sourceGreater(SHIPMENT_WINNER);
        Map<String, String> update = new LinkedHashMap<>();
        for (String c : SHIPMENT_STATE) {
            update.put(c, "CASE WHEN " + wins + " THEN s." + c + " ELSE t." + c + " END");
        }
        for (String m : MILESTONES) {
            update.put(m, "least(t." + m + ", s." + m + ")");
        }
        DeltaTxn.write(valid.sparkSession(), appId, batchId, () -> DeltaTable.forPath(valid.sparkSession(), location)
                .as("t").merge(batch.as("s"), "t.shipment_id = s.shipment_id")
                .whenMatched().updateExpr(update)
                .whenNotMatched().insertAll()
                .execute());
    }

    /** Keeps the first row per key under the given ordering (MERGE needs one source row per target row). */
    private static Dataset<Row> firstPerKey(Dataset<Row> rows, String key, String orderBy) {
        return rows.withColumn("_rn", expr("row_number() OVER (PARTITION BY " + key + " ORDER BY " + orderBy + ")"))
                .where("_rn = 1").drop("_rn");
    }
}

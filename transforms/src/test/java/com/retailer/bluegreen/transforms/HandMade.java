package com.retailer.bluegreen.transforms;

import com.retailer.bluegreen.ingest.bronze.Bronze;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Test fixtures for the Silver and Gold rule tests: a Delta-enabled local session, a colour's tables created with the
 * pipeline's own DDL under a temporary directory, hand-made Bronze rows (decoded payloads in the reader schemas'
 * shape, as {@code Bronze.decode} produces them), and table contents rendered as text for hand-written expectations.
 * Nothing here computes an expected value.
 */
final class HandMade {
    /** The raw Kafka value of every hand-made record: Silver reads only the decoded payload. */
    private static final byte[] VALUE = {0};

    private HandMade() {
    }

    /**
     * A {@code local[1]} session with Delta, one shuffle partition and no UI. Its time zone is deliberately not UTC
     * (Los Angeles, UTC−8 in November): every date in docs/semantics.md is a UTC date whatever the session's zone.
     * Adaptive execution and whole-stage code generation are off: on rows this few, compiling each new plan costs
     * more than it saves (these tests run markedly faster without them), and neither changes a result.
     */
    static SparkSession deltaSession(String app) {
        SparkSession spark = SparkSession.builder().master("local[1]").appName(app)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.default.parallelism", "1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.sql.session.timeZone", "America/Los_Angeles")
                .config("spark.databricks.delta.snapshotPartitions", "1")
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.sql.codegen.wholeStage", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** A colour whose tables live under {@code dir}. */
    static ColourLayout layout(Path dir) {
        return new ColourLayout("retail_ops", Colour.BLUE, 1, "spark_catalog", dir.resolve("ckpt").toString(),
                dir.resolve("lake").toString());
    }

    /** Creates {@code tables} at the layout's locations with the pipeline's DDL (change feed on Silver tables). */
    static void create(SparkSession spark, ColourLayout layout, Features features, String... tables) {
        List<String> wanted = Arrays.asList(tables);
        for (TableDef def : Tables.all(features)) {
            if (wanted.contains(def.name())) {
                spark.sql(Tables.createSql(layout, def));
            }
        }
    }

    /** The table's rows as {@code "v1 v2 ..."} for the given columns (SQL expressions), in text order. */
    static List<String> rows(SparkSession spark, String location, String... columns) {
        return spark.read().format("delta").load(location).selectExpr(columns).collectAsList()
                .stream().map(r -> r.mkString(" ")).sorted().toList();
    }

    /** The table's latest Delta version. */
    static long version(SparkSession spark, String location) {
        return spark.sql("DESCRIBE HISTORY delta.`" + location + "` LIMIT 1").first().<Long>getAs("version");
    }

    static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** A Bronze batch of {@code domain} made of {@code rows}. */
    static Dataset<Row> bronze(SparkSession spark, Domain domain, Row... rows) {
        return spark.createDataFrame(Arrays.asList(rows), Bronze.schema(domain));
    }

    private static Row ok(String topic, int partition, long offset, Row payload) {
        return RowFactory.create(topic, partition, offset, null, null, null, VALUE, 1, "OK", null, 0L, payload);
    }

    /** The same record with another decode status (it reached Bronze but must not reach Silver). */
    static Row withStatus(Row bronzeRow, String status) {
        Object[] v = new Object[bronzeRow.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = bronzeRow.get(i);
        }
        v[8] = status;
        v[9] = "rule:test";
        return RowFactory.create(v);
    }

    // ---- orders.cdc (reader schema v2): op, order_id, seq, source_ts_ms, before, after

    /** An order image; currency USD and channel web; customer {@code c-<order>}, sku {@code sku-<category>}. */
    record Image(String orderTs, String region, String category, int quantity, long amountCents, String status) {
        Row row(String orderId) {
            return RowFactory.create(orderId, "c-" + orderId, millis(orderTs), region, category, "sku-" + category,
                    quantity, amountCents, status, "USD", "web");
        }
    }

    /** The source committed change {@code seq} at 12:00 UTC on 2025-11-20 plus {@code seq} minutes. */
    private static long sourceTs(long seq) {
        return millis("2025-11-20T12:00:00Z") + seq * 60_000L;
    }

    /** An insert ({@code op = c}) or update ({@code op = u}) with its after image. */
    static Row upsert(int partition, long offset, String op, String orderId, long seq, Image after) {
        return ok("orders.cdc", partition, offset, RowFactory.create(op, orderId, seq, sourceTs(seq),
                op.equals("u") ? after.row(orderId) : null, after.row(orderId)));
    }

    /** A delete ({@code op = d}) with its before image. */
    static Row delete(int partition, long offset, String orderId, long seq, Image before) {
        return ok("orders.cdc", partition, offset, RowFactory.create("d", orderId, seq, sourceTs(seq),
                before.row(orderId), null));
    }

    // ---- inventory.events: event_id, sku, warehouse_id, quantity_delta, reason, event_ts_ms

    static Row movement(int partition, long offset, String eventId, String sku, String warehouse, int delta,
                        String reason, String eventTs) {
        return ok("inventory.events", partition, offset,
                RowFactory.create(eventId, sku, warehouse, delta, reason, millis(eventTs)));
    }

    // ---- fulfillment.events: event_id, order_id, shipment_id, status, carrier_id, warehouse_id, event_ts_ms

    /** A shipment event; its event id is {@code <shipment>-<status>-<offset>}, its order {@code o-<shipment>}. */
    static Row shipment(int partition, long offset, String shipmentId, String status, String warehouse,
                        String carrier, String eventTs) {
        return ok("fulfillment.events", partition, offset, RowFactory.create(shipmentId + "-" + status + "-" + offset,
                "o-" + shipmentId, shipmentId, status, carrier, warehouse, millis(eventTs)));
    }
}

package com.retailer.bluegreen.transforms;

import com.retailer.bluegreen.ingest.bronze.SqlDates;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Gold query's input: the change data feeds of the three Silver tables, each turned into signed contributions
 * (post-image and insert +1, pre-image and delete −1) in one common shape
 * {@code (src, k_date, k1, k2, m1, m2, m3, m4)} (orders: amount, count, quantity — the quantity feeds
 * {@code units_sold} only where {@link Features#unitsSold} is on) so that a single streaming query reads all three and records, in
 * its checkpoint, exactly which Silver versions it has consumed.
 */
public final class GoldFeed {
    static final String ORDERS = "orders";
    static final String INVENTORY = "inventory";
    static final String SHIPMENTS = "shipments";
    private static final String SIGN = "CASE _change_type WHEN 'update_preimage' THEN -1L WHEN 'delete' THEN -1L"
            + " ELSE 1L END";

    private GoldFeed() {
    }

    /**
     * The unioned streaming change feed, starting at version {@code startingVersion} of each Silver table: 0 for a
     * table the colour created, the first version after the clone for a colour bootstrapped from a cut (the clone's
     * rows are already accounted for in the cloned Gold tables). Only a new checkpoint uses it.
     */
    public static Dataset<Row> stream(SparkSession spark, String ordersLocation, String movementsLocation,
                                      String shipmentsLocation, long maxFilesPerTrigger, long startingVersion) {
        Dataset<Row> orders = cdf(spark, ordersLocation, maxFilesPerTrigger, startingVersion).where("NOT is_deleted").selectExpr(
                "'" + ORDERS + "' AS src", "order_date AS k_date", "region AS k1", "category AS k2",
                "(" + SIGN + ") * amount_cents AS m1", "(" + SIGN + ") AS m2",
                "(" + SIGN + ") * CAST(coalesce(quantity, 0) AS BIGINT) AS m3", "0L AS m4");
        Dataset<Row> movements = cdf(spark, movementsLocation, maxFilesPerTrigger, startingVersion).selectExpr(
                "'" + INVENTORY + "' AS src", "CAST(NULL AS DATE) AS k_date", "sku AS k1", "warehouse_id AS k2",
                "(" + SIGN + ") * quantity_delta AS m1", "(" + SIGN + ") AS m2", "0L AS m3", "0L AS m4");
        String deliveredMillis = "(unix_millis(delivered_ts) - unix_millis(shipped_ts))";
        Dataset<Row> shipments = cdf(spark, shipmentsLocation, maxFilesPerTrigger, startingVersion)
                .where("shipped_ts IS NOT NULL").selectExpr(
                "'" + SHIPMENTS + "' AS src", SqlDates.utcDateOf("shipped_ts") + " AS k_date",
                "warehouse_id AS k1", "carrier_id AS k2",
                "(" + SIGN + ") AS m1",
                "(" + SIGN + ") * IF(delivered_ts IS NULL, 0L, 1L) AS m2",
                "(" + SIGN + ") * IF(delivered_ts IS NOT NULL AND " + deliveredMillis + " <= 172800000L, 1L, 0L)"
                        + " AS m3",
                "(" + SIGN + ") * IF(delivered_ts IS NULL, 0L, CAST(floor(" + deliveredMillis + " / 1000D)"
                        + " AS BIGINT)) AS m4");
        return orders.unionByName(movements).unionByName(shipments);
    }

    private static Dataset<Row> cdf(SparkSession spark, String location, long maxFilesPerTrigger,
                                    long startingVersion) {
        return spark.readStream().format("delta")
                .option("readChangeFeed", "true")
                .option("startingVersion", Long.toString(startingVersion))
                .option("maxFilesPerTrigger", Long.toString(maxFilesPerTrigger))
                .load(location);
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.storage.DeltaTxn;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.SqlNames;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.Tables;
import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration of a release that adds {@code units_sold} to Gold {@code daily_revenue}, applied to a colour
 * bootstrapped from the cut of a colour without it: the cloned Gold table gains the column, filled from the cloned
 * Silver orders. Exact because the clones are one consistent cut: the cloned Gold table has consumed exactly the
 * cloned Silver orders, so the backfill sums the same orders Gold counted, key by key.
 *
 * <p>Runs before the colour's first batch (the job refuses to start until the bootstrap has finished). Idempotent:
 * the column is added only if absent, and the backfill is one MERGE carrying the bootstrap's txnAppId with version 0,
 * so a re-run after a crash skips it. Checked: afterwards no row may lack the column, or the cut was not consistent.
 */
final class UnitsSoldBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(UnitsSoldBackfill.class);

    private UnitsSoldBackfill() {
    }

    static void apply(SparkSession spark, ColourLayout to) {
        String revenue = to.tableLocation(Tables.REVENUE);
        String orders = to.tableLocation(Tables.ORDERS);
        if (!List.of(DeltaTable.forPath(spark, revenue).toDF().schema().fieldNames()).contains(Features.UNITS_SOLD)) {
            spark.sql("ALTER TABLE " + SqlNames.pathIdentifier(revenue) + " ADD COLUMNS (" + Features.UNITS_SOLD
                    + " BIGINT)");
        }
        DeltaTxn.write(spark, to.bootstrapTxnAppId(Tables.REVENUE), 0, () -> spark.sql(
                "MERGE INTO " + SqlNames.pathIdentifier(revenue) + " t USING ("
                        + " SELECT order_date, region, category,"
                        + " sum(CAST(coalesce(quantity, 0) AS BIGINT)) AS " + Features.UNITS_SOLD
                        + " FROM " + SqlNames.pathIdentifier(orders)
                        + " VERSION AS OF " + BootstrapState.FIRST_OWN_VERSION
                        + " WHERE NOT is_deleted GROUP BY order_date, region, category) s"
                        + " ON t.order_date <=> s.order_date AND t.region <=> s.region AND t.category <=> s.category"
                        + " WHEN MATCHED THEN UPDATE SET t." + Features.UNITS_SOLD + " = s." + Features.UNITS_SOLD));
        long missing = spark.read().format("delta").load(revenue).where(Features.UNITS_SOLD + " IS NULL").count();
        if (missing > 0) {
            throw new BootstrapException(missing + " rows of " + revenue + " have no " + Features.UNITS_SOLD
                    + " after the backfill from the cloned orders: the cloned Gold and Silver tables are not one"
                    + " consistent cut. Raise colours." + to.colour().id() + ".generation and bootstrap again, or"
                    + " bootstrap from scratch.");
        }
        LOG.info("[{}] {}.{} backfilled from the cloned orders", to.jobName(), Tables.REVENUE, Features.UNITS_SOLD);
    }
}

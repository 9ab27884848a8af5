package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.publish.Admission;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.Release;
import org.apache.spark.sql.SparkSession;

/** The release core wired to its Spark and Delta adapters: what the command line, the demo and the tests run. */
public final class SparkReleases {
    private SparkReleases() {
    }

    /**
     * Promotion and rollback of {@code layouts}' views through {@code spark}: the control table, the audit ledger and
     * its anchor at the release layout's locations, the views in the session's catalog.
     */
    public static Release create(SparkSession spark, PipelineLayout layouts, Contract contractFile, int parallelism,
                                 Admission admission) {
        return new Release(new ControlTable(spark, layouts.release().controlTableLocation()),
                new AuditLedger(spark, layouts.release().auditLedgerLocation(),
                        layouts.release().auditAnchorLocation(), () -> { }), new SparkCatalog(spark),
                layouts, contractFile, parallelism, admission);
    }
}

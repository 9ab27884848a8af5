package com.retailer.bluegreen.ingest.bronze;

import org.apache.spark.sql.SparkSession;

/**
 * Idempotent Delta writes: the write carries (txnAppId, txnVersion = batch id), so Delta skips it if that table
 * already recorded this version for this appId (a batch replayed after a crash). The confs are set on the batch's
 * own session (queries running concurrently do not share it) and always unset afterwards.
 */
public final class DeltaTxn {
    static final String APP_ID = "spark.databricks.delta.write.txnAppId";
    static final String VERSION = "spark.databricks.delta.write.txnVersion";

    private DeltaTxn() {
    }

    /** Runs {@code write}, which must perform exactly one commit to one table, under (appId, version). */
    public static void write(SparkSession session, String appId, long version, Runnable write) {
        session.conf().set(APP_ID, appId);
        session.conf().set(VERSION, Long.toString(version));
        try {
            write.run();
        } finally {
            session.conf().unset(APP_ID);
            session.conf().unset(VERSION);
        }
    }
}

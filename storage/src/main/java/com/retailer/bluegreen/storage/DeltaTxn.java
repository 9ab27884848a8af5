package com.retailer.bluegreen.storage;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The one idempotent Delta write of the project: a write that carries (txnAppId, txnVersion), so Delta skips it if
 * the table already recorded that version (or a later one) for that app id. The pipeline writes with
 * txnVersion = batch id (a batch replayed after a crash is skipped table by table); the release state writes with
 * txnVersion = the table version its compare-and-set read (an append overtaken by another commits nothing).
 *
 * <p>The settings are set on the given session, which must not be shared with concurrent writers (a micro-batch's
 * own session, or an isolated session of the release state), and always unset afterwards.
 */
public final class DeltaTxn {
    static final String APP_ID = "spark.databricks.delta.write.txnAppId";
    static final String VERSION = "spark.databricks.delta.write.txnVersion";

    private DeltaTxn() {
    }

    /** Runs {@code write}, which must perform exactly one commit to one table, under (appId, version). */
    public static void write(SparkSession session, String appId, long version, Runnable write) {
        commit(session, appId, version, () -> {
            write.run();
            return null;
        });
    }

    /** As {@link #write}, returning what {@code write} returns (say, a MERGE's metrics rows). */
    public static <T> T commit(SparkSession session, String appId, long version, Supplier<T> write) {
        session.conf().set(APP_ID, appId);
        session.conf().set(VERSION, Long.toString(version));
        try {
            return write.get();
        } finally {
            session.conf().unset(APP_ID);
            session.conf().unset(VERSION);
        }
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import org.apache.spark.sql.SparkSession;

/**
 * The job's SparkSession. On Databricks {@code getOrCreate()} returns the cluster's session and static settings
 * here are ignored; locally the configuration's {@code spark.conf} (master, Delta extensions) builds one.
 */
public final class Sessions {
    private Sessions() {
    }

    public static SparkSession.Builder builder(PipelineConfig config, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName(appName)
                .config("spark.sql.shuffle.partitions", Integer.toString(config.spark().shufflePartitions()));
        config.spark().conf().forEach(b::config);
        return b;
    }

    /** The session of the publisher's commands (status, validate, promote, rollback, audit verify). */
    static SparkSession release(PipelineConfig config) {
        return builder(config, config.release().jobName()).getOrCreate();
    }
}

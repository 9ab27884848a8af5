package com.retailer.bluegreen.local;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession per JVM for tests, the demo and the bench: {@code local[2]} (the machine has two cores), Delta
 * enabled, few shuffle partitions, no UI. The colour job itself builds its session from configuration
 * ({@code conf/local.yaml}); this one is for code that runs the job in-process and reads tables.
 */
public final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    public static synchronized SparkSession session(Path warehouse) {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("bluegreen-local")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "4")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.warehouse.dir", warehouse.toAbsolutePath().toString())
                    .config("spark.sql.datetime.java8API.enabled", "true")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    // VACUUM lists files in this many tasks (10,000 by default): minutes of task overhead locally.
                    .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "4")
                    .config("spark.sql.streaming.stopTimeout", "30s")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}

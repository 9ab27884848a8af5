package com.retailer.bluegreen.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession per test JVM, configured like the local stack's ({@code LocalSpark}): {@code local[2]}, Delta,
 * few shuffle and snapshot partitions, no UI.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            Path warehouse;
            try {
                warehouse = Files.createTempDirectory("publish-warehouse");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("publish-tests")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.warehouse.dir", warehouse.toString())
                    .config("spark.sql.datetime.java8API.enabled", "true")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** The operation of every commit of the Delta table at {@code location}, oldest first. */
    public static List<String> operations(SparkSession spark, String location) {
        List<String> out = new ArrayList<>();
        for (Row r : spark.sql("DESCRIBE HISTORY delta.`" + location + "`").orderBy("version").collectAsList()) {
            out.add(r.getAs("operation"));
        }
        return out;
    }

    /** A byte-for-byte copy of a Delta table's directory: an independent table with the same history. */
    public static Path copyTable(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

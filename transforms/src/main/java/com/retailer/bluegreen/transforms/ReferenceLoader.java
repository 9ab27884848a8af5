package com.retailer.bluegreen.transforms;

import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily reference flow: {@code <inbox>/<yyyy-MM-dd>/{products,warehouses,carriers}.csv} into effective-dated
 * reference tables. A file already loaded for its date (same SHA-256) is skipped; loading is a MERGE on
 * (key, effective_date), so re-running after a crash at any point converges.
 */
public final class ReferenceLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceLoader.class);

    /** A reference file kind: file name, target table, key column and typed CSV columns. */
    record Kind(String file, String table, String key, String csvSchema) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("products.csv", Tables.REF_PRODUCTS, "sku", "sku STRING, category STRING, price_cents BIGINT"),
            new Kind("warehouses.csv", Tables.REF_WAREHOUSES, "warehouse_id", "warehouse_id STRING, region STRING"),
            new Kind("carriers.csv", Tables.REF_CARRIERS, "carrier_id", "carrier_id STRING, name STRING"));

    private ReferenceLoader() {
    }

    /** Loads every file not yet loaded; returns how many files were loaded. */
    public static int loadNew(SparkSession spark, Path inbox, Function<String, String> locationOf) {
        if (!Files.isDirectory(inbox)) {
            LOG.info("reference inbox {} does not exist yet; nothing to load", inbox);
            return 0;
        }
        int loaded = 0;
        for (Path day : dayFolders(inbox)) {
            LocalDate date = LocalDate.parse(day.getFileName().toString());
            for (Kind kind : KINDS) {
                Path file = day.resolve(kind.file());
                if (Files.isRegularFile(file) && load(spark, file, date, kind, locationOf.apply(kind.table()))) {
                    loaded++;
                }
            }
        }
        return loaded;
    }

    private static boolean load(SparkSession spark, Path file, LocalDate date, Kind kind, String location) {
        String checksum = sha256(file);
        DeltaTable table = DeltaTable.forPath(spark, location);
        boolean seen = !table.toDF().where("file_checksum = '" + checksum + "' AND effective_date = DATE'"
                + date + "'").isEmpty();
        if (seen) {
            return false;
        }
        Dataset<Row> rows = spark.read().option("header", "true").option("mode", "FAILFAST")
                .schema(kind.csvSchema()).csv(file.toString())
                .withColumn("effective_date", lit(java.sql.Date.valueOf(date)))
                .withColumn("file_checksum", lit(checksum))
                .dropDuplicates(kind.key());
        table.as("t").merge(rows.as("s"), "t." + kind.key() + " = s." + kind.key()
                        + " AND t.effective_date = s.effective_date")
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .execute();
        LOG.info("loaded reference file {} ({}) into {}", file, checksum.substring(0, 12), kind.table());
        return true;
    }

    private static List<Path> dayFolders(Path inbox) {
        try (Stream<Path> s = Files.list(inbox)) {
            List<Path> days = new ArrayList<>();
            for (Path p : s.filter(Files::isDirectory).collect(Collectors.toList())) {
                try {
                    LocalDate.parse(p.getFileName().toString());
                    days.add(p);
                } catch (DateTimeParseException notADay) {
                    LOG.warn("ignoring {} in the reference inbox: folder names must be yyyy-MM-dd", p);
                }
            }
            days.sort(null);
            return days;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the reference inbox " + inbox, e);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read reference file " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

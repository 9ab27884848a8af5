package com.retailer.bluegreen.transforms;

import static org.apache.spark.sql.functions.lit;

import com.retailer.bluegreen.layout.Storage;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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

    /** Loads every file of {@code inbox} (read through {@code storage}) not yet loaded; returns how many. */
    public static int loadNew(SparkSession spark, Storage storage, String inbox, Function<String, String> locationOf) {
        List<String> days = dayFolders(storage, inbox);
        if (days.isEmpty()) {
            LOG.info("reference inbox {} has no day folder yet; nothing to load", inbox);
            return 0;
        }
        int loaded = 0;
        for (Kind kind : KINDS) {
            String location = locationOf.apply(kind.table());
            Set<String> done = loadedFiles(spark, location);
            for (String day : days) {
                LocalDate date = LocalDate.parse(day);
                String file = Storage.resolve(inbox, day, kind.file());
                byte[] content;
                try {
                    var read = storage.readIfExists(file);
                    if (read.isEmpty()) {
                        continue;
                    }
                    content = read.get();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read reference file " + file, e);
                }
                String checksum = sha256(content);
                if (done.add(checksum + "@" + date)) {
                    load(spark, file, date, checksum, kind, location);
                    loaded++;
                }
            }
        }
        return loaded;
    }

    /** {@code <checksum>@<effective_date>} of every file the table already holds, read once per call. */
    private static Set<String> loadedFiles(SparkSession spark, String location) {
        Set<String> done = new HashSet<>();
        for (Row r : spark.read().format("delta").load(location)
                .selectExpr("concat(file_checksum, '@', CAST(effective_date AS STRING))").distinct()
                .collectAsList()) {
            done.add(r.getString(0));
        }
        return done;
    }

    private static void load(SparkSession spark, String file, LocalDate date, String checksum, Kind kind,
                             String location) {
        DeltaTable table = DeltaTable.forPath(spark, location);
        Dataset<Row> rows = spark.read().option("header", "true").option("mode", "FAILFAST")
                .schema(kind.csvSchema()).csv(file)
                .withColumn("effective_date", lit(java.sql.Date.valueOf(date)))
                .withColumn("file_checksum", lit(checksum))
                .dropDuplicates(kind.key());
        table.as("t").merge(rows.as("s"), "t." + kind.key() + " = s." + kind.key()
                        + " AND t.effective_date = s.effective_date")
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .execute();
        LOG.info("loaded reference file {} ({}) into {}", file, checksum.substring(0, 12), kind.table());
    }

    /** The {@code yyyy-MM-dd} folders of the inbox, oldest first; none if the inbox does not exist yet. */
    private static List<String> dayFolders(Storage storage, String inbox) {
        List<String> days = new ArrayList<>();
        try {
            for (Storage.Entry e : storage.list(inbox)) {
                if (e.isFile()) {
                    continue;
                }
                try {
                    LocalDate.parse(e.name());
                    days.add(e.name());
                } catch (DateTimeParseException notADay) {
                    LOG.warn("ignoring {} in the reference inbox: folder names must be yyyy-MM-dd", e.name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the reference inbox " + inbox, e);
        }
        days.sort(null);
        return days;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

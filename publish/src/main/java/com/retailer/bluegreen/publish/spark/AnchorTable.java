package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.layout.SqlNames;

import com.retailer.bluegreen.publish.AnchorEntry;
import com.retailer.bluegreen.publish.LedgerAnchor;
import com.retailer.bluegreen.publish.LedgerCommit;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@link LedgerAnchor} on Delta: a table of (sequence, hash, at, anchored_at, note) created with
 * {@code delta.appendOnly = true}, so Delta itself refuses the commits that would change or remove a row: UPDATE,
 * DELETE, a MERGE with matched clauses, an overwrite. A {@code RESTORE} to an earlier version it does not refuse
 * (Delta 4.0.1, {@code AuditAttacksSparkTest}); like every commit but the creation and the blind appends (one
 * {@code WRITE} in mode {@code Append} per anchored record) it is named by {@code audit verify} from the anchor's
 * history, and the core then refuses to anchor a record as pending. Making the table writable takes an
 * {@code ALTER TABLE ... SET TBLPROPERTIES}, which needs the table's ownership (not the publisher's principal) and is
 * itself a commit in the anchor's history. Log and deleted-file retention are 7 years, as the ledger's.
 *
 * <p>Its location is {@code ReleaseLayout.auditAnchorLocation()}, beside the ledger; grant it separately (see
 * docs/design.md, "Audit ledger").
 */
public final class AnchorTable implements LedgerAnchor {
    /** Column name → SQL type, in table order. */
    private static final String[][] COLUMNS = {
        {"sequence", "BIGINT NOT NULL"}, {"hash", "STRING NOT NULL"}, {"at", "TIMESTAMP"},
        {"anchored_at", "TIMESTAMP NOT NULL"}, {"note", "STRING"},
    };
    static final Map<String, String> PROPERTIES = Map.of(
            "delta.appendOnly", "true",
            "delta.logRetentionDuration", "interval 2557 days",
            "delta.deletedFileRetentionDuration", "interval 2557 days");
    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("sequence", DataTypes.LongType, false),
            DataTypes.createStructField("hash", DataTypes.StringType, false),
            DataTypes.createStructField("at", DataTypes.TimestampType, true),
            DataTypes.createStructField("anchored_at", DataTypes.TimestampType, false),
            DataTypes.createStructField("note", DataTypes.StringType, true)));

    private final SparkSession spark;
    private final String location;

    /**
     * The anchor at {@code location}, existing or not. It works in a session of its own (as the ledger does), so no
     * idempotent-writer setting of the caller's session reaches its appends.
     */
    public AnchorTable(SparkSession spark, String location) {
        this.spark = LedgerTable.isolatedSession(spark);
        this.location = location;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public boolean exists() {
        return DeltaTable.isDeltaTable(spark, location);
    }

    @Override
    public void createIfAbsent() {
        LedgerTable.retryCreation(() -> {
            LedgerTable.createOnce(spark, location, createSql(location), "Audit anchor " + location + ": created"
                    + " (append-only)");
            return location;
        });
    }

    /** {@code CREATE TABLE IF NOT EXISTS} of the anchor at {@code location}, append-only. */
    static String createSql(String location) {
        String columns = java.util.Arrays.stream(COLUMNS).map(c -> c[0] + " " + c[1])
                .collect(Collectors.joining(", "));
        String props = PROPERTIES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'").collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + SqlNames.pathIdentifier(location) + " (" + columns + ") USING delta"
                + " COMMENT 'Audit ledger anchor: the hash of every ledger record; append-only (delta.appendOnly)'"
                + " TBLPROPERTIES (" + props + ")";
    }

    @Override
    public List<AnchorEntry> entries() {
        if (!exists()) {
            return List.of();
        }
        List<AnchorEntry> out = new ArrayList<>();
        for (Row r : spark.read().format("delta").load(location).collectAsList()) {
            out.add(new AnchorEntry(r.isNullAt(r.fieldIndex("sequence")) ? -1 : r.<Long>getAs("sequence"),
                    r.getAs("hash"), instant(r.getAs("at")), instant(r.getAs("anchored_at")), r.getAs("note")));
        }
        out.sort(Comparator.comparingLong(AnchorEntry::sequence));
        return List.copyOf(out);
    }

    @Override
    public List<LedgerCommit> history() {
        return LedgerTable.history(spark, location);
    }

    /** One blind append ({@code WRITE}, mode {@code Append}): the only kind of commit the anchor takes. */
    @Override
    public void append(List<AnchorEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (!exists()) {
            // A blind append to a path without a table would create one, and not an append-only one.
            throw new IllegalStateException("No audit anchor at '" + location + "': create it first");
        }
        // Instants, as the ledger's rows: createDataFrame takes them whether or not the session uses java.time types.
        List<Row> rows = entries.stream().map(e -> RowFactory.create(e.sequence(), e.hash(), e.at(), e.anchoredAt(),
                e.note())).toList();
        spark.createDataFrame(rows, SCHEMA).write().format("delta").mode("append").save(location);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }
}

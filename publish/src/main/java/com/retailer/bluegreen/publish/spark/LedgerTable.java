package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.layout.SqlNames;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.LedgerCommit;
import com.retailer.bluegreen.publish.LedgerHead;
import com.retailer.bluegreen.storage.DeltaTxn;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The ledger's one Delta table, declared once: its columns, the statement creating it with its head row, and the
 * mapping between rows and {@link AuditRecord}s. Two kinds of row share the table, partitioned by {@code kind}:
 * {@code record} rows (one per audit record, only ever inserted) and a single {@code head} row holding the
 * sequence and hash of the last record, rewritten by every append. Sharing one table is what lets one Delta commit
 * move the head and add the record together: Delta cannot commit to two tables atomically.
 */
final class LedgerTable {
    static final String KIND = "kind";
    static final String HEAD = "head";
    static final String RECORD = "record";
    /** Source-only column of the append MERGE: the target sequence each source row must match. */
    static final String MATCH_SEQUENCE = "match_sequence";

    /** Column name → SQL type, in table order. */
    private static final String[][] COLUMNS = {
        {KIND, "STRING"}, {"sequence", "BIGINT"}, {"action", "STRING"}, {"actor", "STRING"}, {"at", "TIMESTAMP"},
        {"from_colour", "STRING"}, {"to_colour", "STRING"}, {"epoch", "BIGINT"}, {"release_id", "STRING"},
        {"git_sha", "STRING"}, {"table_versions", "MAP<STRING, BIGINT>"}, {"details", "STRING"},
        {"previous_hash", "STRING"}, {"hash", "STRING"},
    };

    /**
     * Kept 7 years (SOX retention) so the Delta history, which names who ran each commit, and the files of
     * earlier versions (to restore from after a hand edit) live as long as the records they back up.
     */
    static final Map<String, String> PROPERTIES = Map.of(
            "delta.logRetentionDuration", "interval 2557 days",
            "delta.deletedFileRetentionDuration", "interval 2557 days");

    private LedgerTable() {
    }

    static List<String> columnNames() {
        return Arrays.stream(COLUMNS).map(c -> c[0]).toList();
    }

    /**
     * Creates the table and its genesis head row (sequence 0, hash {@link AuditRecord#GENESIS_HASH}) in one commit,
     * so no reader ever sees a ledger without a head and two racing creators cannot both add one: the second
     * fails to commit version 0.
     */
    static String createSql(String location) {
        String genesis = Arrays.stream(COLUMNS).map(c -> switch (c[0]) {
            case KIND -> "'" + HEAD + "' AS " + KIND;
            case "sequence" -> "CAST(0 AS BIGINT) AS sequence";
            case "hash" -> "'" + AuditRecord.GENESIS_HASH + "' AS hash";
            default -> "CAST(NULL AS " + c[1] + ") AS " + c[0];
        }).collect(Collectors.joining(", "));
        String props = PROPERTIES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'").collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + SqlNames.pathIdentifier(location)
                + " USING delta PARTITIONED BY (" + KIND + ")"
                + " COMMENT 'Audit ledger: hash-chained, append-only by contract; write only through AuditLedger'"
                + " TBLPROPERTIES (" + props + ") AS SELECT " + genesis;
    }

    /** Schema of the append MERGE's source: the table's columns plus {@link #MATCH_SEQUENCE}. */
    static StructType sourceSchema() {
        List<StructField> fields = new ArrayList<>();
        for (String[] c : COLUMNS) {
            fields.add(DataTypes.createStructField(c[0], sparkType(c[1]), true));
        }
        fields.add(DataTypes.createStructField(MATCH_SEQUENCE, DataTypes.LongType, false));
        return DataTypes.createStructType(fields);
    }

    private static org.apache.spark.sql.types.DataType sparkType(String sql) {
        return switch (sql) {
            case "STRING" -> DataTypes.StringType;
            case "BIGINT" -> DataTypes.LongType;
            case "TIMESTAMP" -> DataTypes.TimestampType;
            case "MAP<STRING, BIGINT>" -> DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true);
            default -> throw new IllegalArgumentException("no Spark type declared for " + sql);
        };
    }

    /** The record row to insert: matches (and so is skipped) if record {@code sequence} already exists. */
    static Row recordRow(AuditRecord r) {
        return RowFactory.create(RECORD, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(),
                r.epoch(), r.releaseId(), r.gitSha(), new HashMap<>(r.tableVersions()), r.details(),
                r.previousHash(), r.hash(), r.sequence());
    }

    /** The head row's new value; matches the stored head only while that still ends at {@code expected}. */
    static Row headRow(AuditRecord r, LedgerHead expected) {
        return RowFactory.create(HEAD, r.sequence(), null, null, null, null, null, null, null, null, null, null,
                expected.hash(), r.hash(), expected.sequence());
    }

    /** Column → source expression for inserting a record row. */
    static Map<String, String> insertExpressions() {
        Map<String, String> out = new HashMap<>();
        for (String name : columnNames()) {
            out.put(name, "s." + name);
        }
        return out;
    }

    static boolean isHead(Row row) {
        return HEAD.equals(row.getAs(KIND));
    }

    static LedgerHead head(Row row) {
        return new LedgerHead(longOr(row, "sequence", -1), row.getAs("hash"));
    }

    /**
     * The record a row holds, whatever was done to it: a NULL where the ledger always writes a number can only come
     * from an edit, and reads as -1, which never hashes like the original, so verification reports the record.
     */
    static AuditRecord record(Row row) {
        int versions = row.fieldIndex("table_versions");
        Map<String, Long> tableVersions = row.isNullAt(versions) ? null : row.<String, Long>getJavaMap(versions);
        return new AuditRecord(longOr(row, "sequence", -1), row.getAs("action"), row.getAs("actor"),
                instant(row.getAs("at")), row.getAs("from_colour"), row.getAs("to_colour"), longOr(row, "epoch", -1),
                row.getAs("release_id"), row.getAs("git_sha"), tableVersions, row.getAs("details"),
                row.getAs("previous_hash"), row.getAs("hash"));
    }

    private static long longOr(Row row, String column, long ifNull) {
        int i = row.fieldIndex(column);
        return row.isNullAt(i) ? ifNull : row.getLong(i);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }

    /**
     * Every commit of the Delta table at {@code location}, oldest first, as {@code DESCRIBE HISTORY} has them
     * (as far back as the log is retained); empty when there is no table.
     */
    static List<LedgerCommit> history(SparkSession spark, String location) {
        if (!io.delta.tables.DeltaTable.isDeltaTable(spark, location)) {
            return List.of();
        }
        List<LedgerCommit> out = new ArrayList<>();
        for (Row r : io.delta.tables.DeltaTable.forPath(spark, location).history().orderBy("version")
                .collectAsList()) {
            String user = r.isNullAt(r.fieldIndex("userName")) ? null : r.getAs("userName");
            out.add(new LedgerCommit(r.<Long>getAs("version"), instant(r.getAs("timestamp")), r.getAs("operation"),
                    stringMap(r, "operationParameters"), stringMap(r, "operationMetrics"),
                    user == null || user.isBlank() ? null : user));
        }
        return out;
    }

    private static Map<String, String> stringMap(Row row, String column) {
        int i = row.fieldIndex(column);
        return row.isNullAt(i) ? Map.of() : new HashMap<>(row.<String, String>getJavaMap(i));
    }

    /**
     * Delta's conflicts (another writer committed first), by their public types in {@code io.delta.exceptions}: the
     * same names on Databricks Runtime, where the internal {@code org.apache.spark.sql.delta} classes they extend in
     * open-source Delta do not exist.
     */
    private static final List<Class<? extends RuntimeException>> CONFLICTS = List.of(
            io.delta.exceptions.ConcurrentAppendException.class,
            io.delta.exceptions.ConcurrentDeleteDeleteException.class,
            io.delta.exceptions.ConcurrentDeleteReadException.class,
            io.delta.exceptions.ConcurrentTransactionException.class,
            io.delta.exceptions.ConcurrentWriteException.class,
            io.delta.exceptions.MetadataChangedException.class,
            io.delta.exceptions.ProtocolChangedException.class,
            io.delta.exceptions.DeltaConcurrentModificationException.class);

    /** The Delta conflict (another writer committed first) inside {@code e}'s causes, or null. */
    static RuntimeException deltaConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends RuntimeException> conflict : CONFLICTS) {
                if (conflict.isInstance(t)) {
                    return conflict.cast(t);
                }
            }
        }
        return null;
    }

    /**
     * Waits up to 10 s for a table that a racing process is creating at {@code location} to become readable. It
     * reads the table rather than asking {@code isDeltaTable}, because reading refreshes this JVM's cached Delta
     * log, which can still be the snapshot from before the other process's version 0.
     *
     * @return whether the table became readable
     */
    static boolean awaitCreated(SparkSession spark, String location) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                spark.read().format("delta").load(location).schema();
                return true;
            } catch (Exception notYet) {   // Delta throws a checked AnalysisException (DELTA_TABLE_NOT_FOUND)
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * A session of the caller's cluster with its own SQL settings, so an idempotent writer's txn settings never
     * reach the caller's writes. The MERGE sources used here are literal rows, so MERGE need not copy them.
     */
    static SparkSession isolatedSession(SparkSession spark) {
        SparkSession session = spark.newSession();
        session.conf().set("spark.databricks.delta.merge.materializeSource", "none");
        return session;
    }

    /**
     * Runs {@code merge} as one commit of the Delta idempotent writer ({@code appId}, {@code version}) and returns
     * its metrics rows, which are empty when Delta skipped it because this writer already committed
     * {@code version} or later. A commit refused because another writer got there first is rethrown as
     * {@code onConflict} of Delta's exception.
     */
    static List<Row> commitOnce(SparkSession session, String appId, long version, Supplier<Dataset<Row>> merge,
                                Function<RuntimeException, RuntimeException> onConflict) {
        try {
            return DeltaTxn.commit(session, appId, version, () -> merge.get().collectAsList());
        } catch (RuntimeException e) {
            RuntimeException conflict = deltaConflict(e);
            throw conflict != null ? onConflict.apply(conflict) : e;
        }
    }

    /**
     * Runs an {@code openOrCreate} of the ledger or control table, retrying for up to 10 s while a racing creator's
     * version 0 is not visible yet: when two first actions create the table at once, the one whose {@code CREATE
     * TABLE IF NOT EXISTS} returns before the other's commit is visible fails with Delta's
     * {@code DELTA_TABLE_NOT_FOUND} ({@code AnalysisException}, which {@link #awaitCreated} does not catch because
     * Java sees it as checked) or finds no table to open. A second call finds the winner's table.
     */
    static void retryCreation(Supplier<?> create) {
        for (int attempt = 1; ; attempt++) {
            try {
                create.get();
                return;
            } catch (Exception e) { // Delta's AnalysisException reaches here undeclared
                if (attempt >= 40) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                LoggerFactory.getLogger(LedgerTable.class).info("creating a release-state table raced another"
                        + " creator ({}); retrying", e.toString());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating a release-state table", e);
                }
            }
        }
    }

    /**
     * Creates the table at {@code location} with {@code createSql} (a {@code CREATE TABLE IF NOT EXISTS ... AS}
     * whose version 0 holds everything the table needs) unless it exists. Safe from several processes at once:
     * Delta refuses a second version 0, and the loser uses the winner's table once it is visible.
     */
    static void createOnce(SparkSession spark, String location, String createSql, String created) {
        if (io.delta.tables.DeltaTable.isDeltaTable(spark, location)) {
            return;
        }
        try {
            spark.sql(createSql);
            LoggerFactory.getLogger(LedgerTable.class).info(created);
        } catch (RuntimeException e) {
            // Another process created it at the same moment: its version 0 won, and that is the table to use.
            if (deltaConflict(e) == null || !awaitCreated(spark, location)) {
                throw e;
            }
        }
        // CREATE TABLE IF NOT EXISTS can also return while a racing creator's version 0 is not yet visible.
        awaitCreated(spark, location);
    }
}

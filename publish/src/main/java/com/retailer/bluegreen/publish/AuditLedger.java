package com.retailer.bluegreen.publish;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit ledger of one pipeline: a hash-chained, append-only list of {@link AuditRecord}s in one Delta table at
 * a path ({@code <storage>/<pipeline>/control/audit_ledger}).
 *
 * <h2>How appends are serialised</h2>
 * The table holds the records and one head row (sequence and hash of the last record). {@link #append} reads the
 * head, seals the draft as the next record linked to the head's hash, and commits one MERGE that both rewrites the
 * head row, on the condition that it still ends where it was read, and inserts the record. Of two appends racing
 * for the same sequence number exactly one commits:
 * <ul>
 *   <li>if both MERGEs start from the same table version, both rewrite the file holding the head row, and Delta's
 *       optimistic concurrency check fails the later commit (a MERGE reads the files it rewrites, so this holds under
 *       {@code WriteSerializable}, and under row-level concurrency too, because it is the same row);</li>
 *   <li>if the later MERGE starts after the earlier committed, the head no longer matches and the record's sequence
 *       already exists, so the MERGE changes nothing.</li>
 * </ul>
 * Either way the loser gets a {@link ConcurrentAppendException} and nothing of it is in the table (Delta may leave
 * unreferenced data files from the failed attempt, which VACUUM removes).
 *
 * <h2>Append-only</h2>
 * {@code delta.appendOnly} cannot be set, since the head row is rewritten by every append. Records are append-only
 * by contract instead: the ledger only ever inserts them, and {@link #verify} detects any edit, deletion or
 * insertion that bypassed it (the chain for edits and gaps, the head row for records removed from or added at the
 * end). Write access to the table belongs to the publisher's principal alone; the Delta history, kept 7 years, names
 * whoever else committed.
 */
public final class AuditLedger {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLedger.class);

    private final SparkSession spark;
    private final String location;
    private final Runnable beforeCommit;

    AuditLedger(SparkSession spark, String location, Runnable beforeCommit) {
        this.spark = spark;
        this.location = location;
        this.beforeCommit = beforeCommit;
    }

    /** Whether a Delta table exists at {@code location} (not whether it is a valid ledger). */
    public static boolean exists(SparkSession spark, String location) {
        return DeltaTable.isDeltaTable(spark, location);
    }

    /** The ledger at {@code location}; {@link AuditLedgerException} if there is none or the table is not a ledger. */
    public static AuditLedger open(SparkSession spark, String location) {
        if (!exists(spark, location)) {
            throw AuditErrors.noLedger(location);
        }
        List<String> columns = List.of(spark.read().format("delta").load(location).schema().fieldNames());
        List<String> missing = LedgerTable.columnNames().stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw AuditErrors.notALedger(location, missing);
        }
        return new AuditLedger(spark, location, () -> { });
    }

    /** The ledger at {@code location}, created empty (with its head row, in one commit) if there is none. */
    public static AuditLedger openOrCreate(SparkSession spark, String location) {
        if (!exists(spark, location)) {
            try {
                spark.sql(LedgerTable.createSql(location));
                LOG.info("Audit ledger {}: created", location);
            } catch (RuntimeException e) {
                // Another process created it first: its version 0 won, and that ledger is the one to use.
                if (!exists(spark, location)) {
                    throw e;
                }
            }
        }
        return open(spark, location);
    }

    public String location() {
        return location;
    }

    /**
     * Appends {@code draft} as the next record and returns it as stored (sequence, previous hash, hash).
     *
     * @throws ConcurrentAppendException if another append took that sequence number first; nothing was written
     * @throws AuditLedgerException      if the head row was edited outside the ledger
     */
    public AuditRecord append(AuditDraft draft) {
        LedgerTable.Head head = head();
        AuditRecord record = AuditRecord.seal(head.sequence() + 1, draft, head.hash());
        beforeCommit.run();
        Row metrics;
        try {
            metrics = merge(head, record).first();
        } catch (RuntimeException e) {
            DeltaConcurrentModificationException conflict = deltaConflict(e);
            if (conflict != null) {
                throw AuditErrors.concurrentAppend(location, record.sequence(), conflict);
            }
            throw e;
        }
        long headsUpdated = metrics.<Long>getAs("num_updated_rows");
        long recordsInserted = metrics.<Long>getAs("num_inserted_rows");
        if (headsUpdated == 0 && recordsInserted == 0) {
            throw AuditErrors.concurrentAppend(location, record.sequence(), null);
        }
        if (headsUpdated != 1 || recordsInserted != 1) {
            throw AuditErrors.inconsistentAppend(location, record.sequence(), headsUpdated, recordsInserted);
        }
        LOG.info("Audit ledger {}: appended record {} {} by {} ({} -> {}, epoch {}, release {}), hash {}", location,
                record.sequence(), record.action(), record.actor(), record.fromColour(), record.toColour(),
                record.epoch(), record.releaseId(), record.hash());
        return record;
    }

    /** Every record, by sequence, as stored (including any that were tampered with). */
    public List<AuditRecord> records() {
        return recordsOf(table().where(LedgerTable.KIND + " = '" + LedgerTable.RECORD + "'").collectAsList());
    }

    /**
     * Recomputes the chain ({@link ChainVerifier}) over one snapshot of the table, then checks that the head row
     * ends where the records do, which catches records removed from, or added at, the end.
     */
    public VerifyResult verify() {
        List<Row> rows = table().collectAsList();
        List<LedgerTable.Head> heads = rows.stream().filter(LedgerTable::isHead).map(LedgerTable::head).toList();
        List<AuditRecord> records = recordsOf(rows.stream().filter(r -> !LedgerTable.isHead(r)).toList());
        if (heads.size() != 1) {
            VerifyResult chain = ChainVerifier.verify(records);
            return chain.valid() ? new VerifyResult.Broken(0, "the ledger has " + heads.size() + " head rows where"
                    + " it must have exactly one; the table was edited outside the ledger") : chain;
        }
        return ChainVerifier.verify(records, heads.get(0));
    }

    private Dataset<Row> table() {
        return spark.read().format("delta").load(location);
    }

    private LedgerTable.Head head() {
        List<Row> heads = table().where(LedgerTable.KIND + " = '" + LedgerTable.HEAD + "'").collectAsList();
        if (heads.size() != 1) {
            throw AuditErrors.headRows(location, heads.size());
        }
        return LedgerTable.head(heads.get(0));
    }

    /**
     * One MERGE, one commit. Source: the new head (matches the stored head only at the expected sequence and hash)
     * and the new record (matches an existing record of the same sequence, i.e. one a concurrent append wrote).
     * {@code t.sequence >= expected} lets Delta skip the files of older records.
     */
    private Dataset<Row> merge(LedgerTable.Head expected, AuditRecord record) {
        Dataset<Row> source = spark.createDataFrame(
                List.of(LedgerTable.headRow(record, expected), LedgerTable.recordRow(record)),
                LedgerTable.sourceSchema());
        String on = "t.kind = s.kind AND t.sequence = s." + LedgerTable.MATCH_SEQUENCE
                + " AND t.sequence >= " + expected.sequence()
                + " AND (s.kind = '" + LedgerTable.RECORD + "' OR t.hash = s.previous_hash)";
        return DeltaTable.forPath(spark, location).as("t")
                .merge(source.as("s"), on)
                .whenMatched("s.kind = '" + LedgerTable.HEAD + "'")
                .updateExpr(Map.of("sequence", "s.sequence", "hash", "s.hash"))
                .whenNotMatched("s.kind = '" + LedgerTable.RECORD + "'")
                .insertExpr(LedgerTable.insertExpressions())
                .execute();
    }

    private static List<AuditRecord> recordsOf(List<Row> rows) {
        List<AuditRecord> records = new ArrayList<>(rows.stream().map(LedgerTable::record).toList());
        records.sort(Comparator.comparingLong(AuditRecord::sequence));
        return List.copyOf(records);
    }

    private static DeltaConcurrentModificationException deltaConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeltaConcurrentModificationException c) {
                return c;
            }
        }
        return null;
    }
}

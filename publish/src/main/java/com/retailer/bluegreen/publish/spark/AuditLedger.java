package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.AuditLedgerException;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.ConcurrentAppendException;
import com.retailer.bluegreen.layout.ReleaseLayout;
import com.retailer.bluegreen.publish.LedgerAnchor;
import com.retailer.bluegreen.publish.LedgerCommit;
import com.retailer.bluegreen.publish.LedgerHead;
import com.retailer.bluegreen.publish.LedgerSnapshot;
import com.retailer.bluegreen.publish.LedgerStore;
import com.retailer.bluegreen.publish.PublishErrors;
import com.retailer.bluegreen.publish.VerifyResult;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LedgerStore} on Delta: the audit ledger of one pipeline, a hash-chained, append-only list of
 * {@link AuditRecord}s in one Delta table at a path ({@code <storage>/<pipeline>/control/audit_ledger}).
 *
 * <h2>How appends are serialised</h2>
 * The table holds the records and one head row (sequence and hash of the last record). {@link #append} reads the
 * head at the table's latest version, seals the draft as the next record linked to the head's hash, and commits one
 * MERGE that both rewrites the head row, on the condition that it still holds the sequence and hash read, and
 * inserts the record. Delta cannot commit to two tables atomically, which is why head and records share a table.
 * Of two appends racing for the same sequence number exactly one commits:
 * <ul>
 *   <li>if both MERGEs start from the same table version, both rewrite the file holding the head row, and Delta's
 *       optimistic concurrency check fails the later commit: a MERGE reads the files it rewrites, so this holds under
 *       either isolation level, and under row-level concurrency too, because it is the same row;</li>
 *   <li>if the later MERGE starts after the earlier one committed, Delta skips it without committing: every append
 *       commits as Delta idempotent writer ({@code txnAppId = bluegreen.audit_ledger}, {@code txnVersion} = the
 *       table version it read the head at), and Delta skips a write whose version is not above the last one
 *       committed under that app id. Should a commit other than an append (say OPTIMIZE) land in between, Delta may
 *       not skip it; the MERGE's own conditions then leave head and records as they are, though it rewrites one
 *       file.</li>
 * </ul>
 * Either way the loser gets a {@link ConcurrentAppendException} and the table's content is unchanged (a failed
 * attempt may leave unreferenced data files, which VACUUM removes). The version is the table version rather than
 * the sequence number because Delta keeps idempotent-writer versions across a RESTORE: after restoring the ledger to
 * an earlier version, sequence numbers would repeat and every later append would be skipped; table versions only
 * rise.
 *
 * <h2>Append-only</h2>
 * {@code delta.appendOnly} cannot be set, since the head row is rewritten by every append. Records are append-only
 * by contract instead: the ledger only ever inserts them (partitioned by {@code kind}, an append never rewrites a
 * record's file), and {@link #verify} detects any edit, deletion or insertion that bypassed it: the chain for edits
 * and gaps, the head row for records removed from or added at the end. Write access to the table belongs to the
 * publisher's principal alone; the Delta history, kept 7 years, names whoever else committed ({@link #history()},
 * judged by the core's {@code LedgerHistory}: every commit must be the creation or one append). A rewrite that keeps
 * the chain whole (every hash recomputed) is caught by the anchor ({@link #anchor()}, an {@link AnchorTable} with
 * {@code delta.appendOnly = true} at {@link ReleaseLayout#anchorOf} of the ledger's location), to which the core
 * appends every record's hash after its commit.
 *
 * <p>The ledger works in a session of its own (derived from the one given), so its idempotent-writer settings
 * never reach the caller's writes. One instance may be shared by threads; its appends then take turns.
 */
public final class AuditLedger implements LedgerStore {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLedger.class);
    /**
     * Delta's idempotent-writer keys: every append commits as (APP_ID, the table version it read the head at).
     * Delta skips a write whose version is not above the last one committed under APP_ID, so an append whose head
     * was overtaken commits nothing at all. Table versions, unlike sequence numbers, keep rising after a RESTORE.
     */
    static final String APP_ID = "bluegreen.audit_ledger";

    private final SparkSession spark;
    /** The ledger's own session (same cluster, separate SQL settings): its idempotent-writer settings stay here. */
    private final SparkSession session;
    private final String location;
    private final AnchorTable anchor;
    private final Runnable beforeCommit;

    /**
     * The ledger at {@code location}, existing or not, with its anchor at {@code anchorLocation}.
     * {@code beforeCommit} runs in every {@link #append(AuditDraft)} between reading the head and committing (a
     * test's pause, to make two appends race).
     */
    public AuditLedger(SparkSession spark, String location, String anchorLocation, Runnable beforeCommit) {
        this.spark = spark;
        this.session = LedgerTable.isolatedSession(spark);
        this.location = location;
        this.anchor = new AnchorTable(spark, anchorLocation);
        this.beforeCommit = beforeCommit;
    }

    /**
     * The ledger at {@code location}, existing or not, with its anchor where {@link ReleaseLayout#anchorOf} puts it.
     * {@code beforeCommit} runs in every {@link #append(AuditDraft)} between reading the head and committing.
     */
    public AuditLedger(SparkSession spark, String location, Runnable beforeCommit) {
        this(spark, location, ReleaseLayout.anchorOf(location), beforeCommit);
    }

    /** Whether a Delta table exists at {@code location} (not whether it is a valid ledger). */
    public static boolean exists(SparkSession spark, String location) {
        return DeltaTable.isDeltaTable(spark, location);
    }

    /** The ledger at {@code location}; {@link AuditLedgerException} if there is none or the table is not a ledger. */
    public static AuditLedger open(SparkSession spark, String location) {
        if (!exists(spark, location)) {
            throw PublishErrors.noLedger(location);
        }
        List<String> columns = List.of(spark.read().format("delta").load(location).schema().fieldNames());
        List<String> missing = LedgerTable.columnNames().stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw PublishErrors.notALedger(location, missing);
        }
        return new AuditLedger(spark, location, () -> { });
    }

    /**
     * The ledger at {@code location}, created empty (table and head row in one commit) if there is none. Safe to
     * call from several processes at once: one creates the ledger, the others open it.
     */
    public static AuditLedger openOrCreate(SparkSession spark, String location) {
        LedgerTable.createOnce(spark, location, LedgerTable.createSql(location), "Audit ledger " + location
                + ": created");
        return open(spark, location);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public boolean exists() {
        return exists(spark, location);
    }

    @Override
    public void createIfAbsent() {
        LedgerTable.retryCreation(() -> openOrCreate(spark, location));
    }

    /**
     * Appends {@code draft} as the next record and returns it as stored (sequence, previous hash, hash).
     *
     * @throws ConcurrentAppendException if another append took that sequence number first; nothing was written
     * @throws AuditLedgerException      if the head row was edited outside the ledger
     */
    public AuditRecord append(AuditDraft draft) {
        return append(draft, () -> { });
    }

    /**
     * As {@link #append(AuditDraft)}; {@code check} runs after the head was read and before the commit, after the
     * ledger's own {@code beforeCommit}.
     */
    @Override
    public synchronized AuditRecord append(AuditDraft draft, Runnable check) {
        long started = System.nanoTime();
        long readVersion = DeltaTable.forPath(session, location).history(1).first().<Long>getAs("version");
        LedgerHead head = head(readVersion);
        AuditRecord record = AuditRecord.seal(head.sequence() + 1, draft, head.hash());
        beforeCommit.run();
        check.run();
        List<Row> metrics = LedgerTable.commitOnce(session, APP_ID, readVersion, () -> merge(head, record),
                conflict -> PublishErrors.concurrentAppend(location, record.sequence(), conflict));
        // Delta skips the MERGE, committing nothing and returning no metrics, when an append that read the head at
        // this table version or later has committed since: the head has moved on.
        long headsUpdated = metrics.isEmpty() ? 0 : metrics.get(0).<Long>getAs("num_updated_rows");
        long recordsInserted = metrics.isEmpty() ? 0 : metrics.get(0).<Long>getAs("num_inserted_rows");
        if (headsUpdated == 0 && recordsInserted == 0) {
            throw PublishErrors.concurrentAppend(location, record.sequence(), null);
        }
        if (headsUpdated != 1 || recordsInserted != 1) {
            throw PublishErrors.inconsistentAppend(location, record.sequence(), headsUpdated, recordsInserted);
        }
        LOG.info("Audit ledger {}: appended record {} {} by {} ({} -> {}, epoch {}, release {}) in {} ms, hash {}",
                location, record.sequence(), record.action(), record.actor(), record.fromColour(), record.toColour(),
                record.epoch(), record.releaseId(), (System.nanoTime() - started) / 1_000_000, record.hash());
        return record;
    }

    /** The commits of the ledger's table, oldest first ({@code DESCRIBE HISTORY}); empty when there is none. */
    @Override
    public List<LedgerCommit> history() {
        return LedgerTable.history(session, location);
    }

    /** The ledger's anchor, an append-only Delta table; created with the ledger's first append. */
    @Override
    public LedgerAnchor anchor() {
        return anchor;
    }

    /** Every record, by sequence, as stored (including any that were tampered with). */
    public List<AuditRecord> records() {
        return recordsOf(table().where(LedgerTable.KIND + " = '" + LedgerTable.RECORD + "'").collectAsList());
    }

    /** Records and heads of one snapshot of the table; {@link LedgerSnapshot#EMPTY} when there is no table. */
    @Override
    public LedgerSnapshot read() {
        if (!exists()) {
            return LedgerSnapshot.EMPTY;
        }
        List<Row> rows = table().collectAsList();
        return new LedgerSnapshot(recordsOf(rows.stream().filter(r -> !LedgerTable.isHead(r)).toList()),
                rows.stream().filter(LedgerTable::isHead).map(LedgerTable::head).toList());
    }

    /**
     * Recomputes the chain over one snapshot of the table, then checks that the head row ends where the records do,
     * which catches records removed from, or added at, the end ({@link LedgerSnapshot#verify()}).
     */
    public VerifyResult verify() {
        return read().verify();
    }

    /** What to do about a ledger at {@code location} that does not verify: find the edit and restore before it. */
    public static String repairAdvice(String location) {
        return PublishErrors.repair(location);
    }

    private Dataset<Row> table() {
        return session.read().format("delta").load(location);
    }

    private LedgerHead head(long version) {
        List<Row> heads = session.read().format("delta").option("versionAsOf", version).load(location)
                .where(LedgerTable.KIND + " = '" + LedgerTable.HEAD + "'").collectAsList();
        if (heads.size() != 1) {
            throw PublishErrors.headRows(location, heads.size());
        }
        return LedgerTable.head(heads.get(0));
    }

    /**
     * One MERGE, one commit. Source: the new head (matches the stored head only at the expected sequence and hash)
     * and the new record (matches an existing record of the same sequence, i.e. one a concurrent append wrote).
     * {@code t.sequence >= expected} lets Delta skip the files of older records.
     */
    private Dataset<Row> merge(LedgerHead expected, AuditRecord record) {
        Dataset<Row> source = session.createDataFrame(
                List.of(LedgerTable.headRow(record, expected), LedgerTable.recordRow(record)),
                LedgerTable.sourceSchema());
        String on = "t.kind = s.kind AND t.sequence = s." + LedgerTable.MATCH_SEQUENCE
                + " AND t.sequence >= " + expected.sequence()
                + " AND (s.kind = '" + LedgerTable.RECORD + "' OR t.hash = s.previous_hash)";
        return DeltaTable.forPath(session, location).as("t")
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
}

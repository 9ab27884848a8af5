package com.retailer.bluegreen.publish.memory;

import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.LedgerCommit;
import com.retailer.bluegreen.publish.LedgerHead;
import com.retailer.bluegreen.publish.LedgerSnapshot;
import com.retailer.bluegreen.publish.LedgerStore;
import com.retailer.bluegreen.publish.PublishErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link LedgerStore} in memory: records and one head, an append succeeding only if the head is still the one it
 * read, as the Delta table's does, with a history of commits named as Delta names them (version 0 {@code CREATE
 * TABLE AS SELECT}, one {@code MERGE} per append) and an {@link InMemoryLedgerAnchor}. Tests can also edit it behind
 * the ledger's back ({@link #tamper}, {@link #restore}, {@link #commit}, {@link #drop}), as a hand edit of the table
 * would, each such edit a commit of its own in the history as Delta would record it.
 */
public final class InMemoryLedgerStore implements LedgerStore {
    private final List<AuditRecord> records = new ArrayList<>();
    private final List<LedgerHead> heads = new ArrayList<>();
    /** The history, and what records and heads each version held (for {@link #restore}). */
    private final List<LedgerCommit> history = new ArrayList<>();
    private final List<LedgerSnapshot> versions = new ArrayList<>();
    private final InMemoryLedgerAnchor anchor = new InMemoryLedgerAnchor();
    private boolean exists;
    private long nextVersion;

    @Override
    public String location() {
        return "memory:ledger";
    }

    @Override
    public synchronized boolean exists() {
        return exists;
    }

    @Override
    public synchronized void createIfAbsent() {
        if (!exists) {
            exists = true;
            heads.add(LedgerHead.GENESIS);
            commit("CREATE TABLE AS SELECT", Map.of(), Map.of());
        }
    }

    @Override
    public synchronized LedgerSnapshot read() {
        return exists ? new LedgerSnapshot(records, heads) : LedgerSnapshot.EMPTY;
    }

    @Override
    public AuditRecord append(AuditDraft draft, Runnable beforeCommit) {
        LedgerHead head;
        synchronized (this) {
            if (!exists) {
                throw new IllegalStateException("no ledger: createIfAbsent first");
            }
            if (heads.size() != 1) {
                throw PublishErrors.headRows(location(), heads.size());
            }
            head = heads.get(0);
        }
        AuditRecord record = AuditRecord.seal(head.sequence() + 1, draft, head.hash());
        beforeCommit.run();
        synchronized (this) {
            if (!heads.equals(List.of(head))) {
                throw PublishErrors.concurrentAppend(location(), record.sequence(), null);
            }
            records.add(record);
            heads.set(0, new LedgerHead(record.sequence(), record.hash()));
            commit("MERGE", Map.of(), Map.of("numTargetRowsInserted", "1", "numTargetRowsUpdated", "1",
                    "numTargetRowsDeleted", "0"));
            return record;
        }
    }

    @Override
    public synchronized List<LedgerCommit> history() {
        return List.copyOf(history);
    }

    @Override
    public InMemoryLedgerAnchor anchor() {
        return anchor;
    }

    /**
     * Replaces the stored records and heads, bypassing the ledger: what a hand edit of the table does. Recorded in
     * the history as an {@code UPDATE}.
     */
    public synchronized void tamper(List<AuditRecord> newRecords, List<LedgerHead> newHeads) {
        tamper(newRecords, newHeads, "UPDATE", Map.of());
    }

    /** As {@link #tamper(List, List)}, recorded as {@code operation} with {@code metrics}. */
    public synchronized void tamper(List<AuditRecord> newRecords, List<LedgerHead> newHeads, String operation,
                                    Map<String, String> metrics) {
        records.clear();
        records.addAll(newRecords);
        heads.clear();
        heads.addAll(newHeads);
        commit(operation, Map.of(), metrics);
    }

    /** {@code RESTORE TABLE ... TO VERSION AS OF version}: the records and heads that version held, as a commit. */
    public synchronized void restore(long version) {
        LedgerSnapshot then = versions.get((int) (version - history.get(0).version()));
        records.clear();
        records.addAll(then.records());
        heads.clear();
        heads.addAll(then.heads());
        commit("RESTORE", Map.of("version", String.valueOf(version)), Map.of());
    }

    /** Adds a commit that changes no record (OPTIMIZE, ADD COLUMNS, SET TBLPROPERTIES, …) to the history. */
    public synchronized void commit(String operation, Map<String, String> parameters, Map<String, String> metrics) {
        history.add(new LedgerCommit(nextVersion++, Instant.now(), operation, parameters, metrics, null));
        versions.add(new LedgerSnapshot(records, heads));
    }

    /** The log entries before {@code version} are gone, as after Delta's log retention. */
    public synchronized void forgetHistoryBefore(long version) {
        while (!history.isEmpty() && history.get(0).version() < version) {
            history.remove(0);
            versions.remove(0);
        }
    }

    /** The ledger's directory deleted: no table, no history. The anchor is left as it is. */
    public synchronized void drop() {
        exists = false;
        records.clear();
        heads.clear();
        history.clear();
        versions.clear();
        nextVersion = 0;
    }
}

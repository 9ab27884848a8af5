package com.retailer.bluegreen.publish.memory;

import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.LedgerHead;
import com.retailer.bluegreen.publish.LedgerSnapshot;
import com.retailer.bluegreen.publish.LedgerStore;
import com.retailer.bluegreen.publish.PublishErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LedgerStore} in memory: records and one head, an append succeeding only if the head is still the one it
 * read, as the Delta table's does. Tests can also edit it behind the ledger's back ({@link #tamper}), as a hand edit
 * of the table would.
 */
public final class InMemoryLedgerStore implements LedgerStore {
    private final List<AuditRecord> records = new ArrayList<>();
    private final List<LedgerHead> heads = new ArrayList<>();
    private boolean exists;

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
            return record;
        }
    }

    /** Replaces the stored records and heads, bypassing the ledger: what a hand edit of the table does. */
    public synchronized void tamper(List<AuditRecord> newRecords, List<LedgerHead> newHeads) {
        records.clear();
        records.addAll(newRecords);
        heads.clear();
        heads.addAll(newHeads);
    }
}

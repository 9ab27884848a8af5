package com.retailer.bluegreen.publish.memory;

import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.LedgerAnchor;
import com.retailer.bluegreen.publish.LedgerCommit;
import com.retailer.bluegreen.publish.LedgerSnapshot;
import com.retailer.bluegreen.publish.LedgerStore;
import java.util.List;

/**
 * A {@link LedgerStore} that forwards every call to another; a test overrides the call it wants to interfere with
 * (die after an append, append from "another process" in the middle of a read).
 */
public class ForwardingLedgerStore implements LedgerStore {
    private final LedgerStore delegate;

    public ForwardingLedgerStore(LedgerStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public boolean exists() {
        return delegate.exists();
    }

    @Override
    public void createIfAbsent() {
        delegate.createIfAbsent();
    }

    @Override
    public LedgerSnapshot read() {
        return delegate.read();
    }

    @Override
    public AuditRecord append(AuditDraft draft, Runnable beforeCommit) {
        return delegate.append(draft, beforeCommit);
    }

    @Override
    public List<LedgerCommit> history() {
        return delegate.history();
    }

    @Override
    public LedgerAnchor anchor() {
        return delegate.anchor();
    }
}

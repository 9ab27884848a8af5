package com.retailer.bluegreen.publish;

import java.util.Comparator;
import java.util.List;

/**
 * The audit ledger as read at one moment: its records by sequence and its heads (exactly one unless the storage
 * was edited outside the ledger).
 */
public record LedgerSnapshot(List<AuditRecord> records, List<LedgerHead> heads) {
    /** The snapshot of a ledger that does not exist. */
    public static final LedgerSnapshot EMPTY = new LedgerSnapshot(List.of(), List.of());

    public LedgerSnapshot {
        records = records.stream().sorted(Comparator.comparingLong(AuditRecord::sequence)).toList();
        heads = List.copyOf(heads);
    }

    /**
     * Recomputes the chain ({@link ChainVerifier}) and checks that the one head ends where the records do, which
     * catches records removed from, or added at, the end.
     */
    public VerifyResult verify() {
        if (heads.size() != 1) {
            VerifyResult chain = ChainVerifier.verify(records);
            return chain.valid() ? new VerifyResult.Broken(0, "the ledger has " + heads.size() + " head rows where"
                    + " it must have exactly one; the table was edited outside the ledger") : chain;
        }
        return ChainVerifier.verify(records, heads.get(0));
    }
}

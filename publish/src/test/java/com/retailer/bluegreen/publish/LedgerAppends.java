package com.retailer.bluegreen.publish;

import java.util.List;

/**
 * Test access to the core's {@link Ledger} from other packages: appends as the release core makes them (each record
 * anchored after its commit) and its verified read, so the Delta adapters' tests can attack a ledger written exactly
 * as production writes it.
 */
public final class LedgerAppends {
    private LedgerAppends() {
    }

    /** Appends {@code draft} through the core: created if absent, the record committed, then anchored. */
    public static AuditRecord append(LedgerStore store, AuditDraft draft) {
        return new Ledger(store).append(draft);
    }

    /** The core's verified read at control epoch {@code epoch}, no view published. */
    public static List<AuditRecord> verifiedRecords(LedgerStore store, long epoch) {
        return new Ledger(store).records(true, epoch, () -> false);
    }
}

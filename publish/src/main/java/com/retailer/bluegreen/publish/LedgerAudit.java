package com.retailer.bluegreen.publish;

/**
 * {@code audit verify}: everything that shows whether the audit trail was changed outside the publisher, judged in
 * plain Java over the ports. The ledger's chain and head ({@link ChainVerifier}); the history of its storage, every
 * commit of which must be its creation or one append ({@link LedgerHistory}); its anchor, a second, append-only
 * store of every record's hash, which must match the records (a ledger rewritten with every hash recomputed does
 * not), and the anchor's own history; and the control store's epoch, which a missing ledger, or one recording too few
 * epochs, contradicts.
 */
public final class LedgerAudit {

    private LedgerAudit() {
    }

    /**
     * The verdict on the ledger of {@code ledger}, against the desired state in {@code control}. Reads only.
     *
     * @throws AuditLedgerException ({@code BAD_CONFIG}) when there is no ledger and nothing says there should be one
     *                              (control store at epoch 0, nothing anchored): the configuration points elsewhere
     */
    public static AuditVerdict verify(LedgerStore ledger, ControlStore control) {
        return new Ledger(ledger).audit(control.desired());
    }
}

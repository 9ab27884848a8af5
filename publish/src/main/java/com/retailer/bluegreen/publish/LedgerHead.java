package com.retailer.bluegreen.publish;

/**
 * The ledger's head: sequence and hash of its last record ({@code 0} and {@link AuditRecord#GENESIS_HASH} while it
 * has none). Every append moves it, on the condition that it still holds what the append read.
 */
public record LedgerHead(long sequence, String hash) {
    /** The head of an empty ledger. */
    public static final LedgerHead GENESIS = new LedgerHead(0, AuditRecord.GENESIS_HASH);
}

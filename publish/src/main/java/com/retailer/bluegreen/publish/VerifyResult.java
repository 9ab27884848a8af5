package com.retailer.bluegreen.publish;

/** The outcome of verifying the audit chain: {@link Valid} or {@link Broken}, never both, nothing else. */
public sealed interface VerifyResult permits VerifyResult.Valid, VerifyResult.Broken {

    /** Whether the chain verified. */
    default boolean valid() {
        return this instanceof Valid;
    }

    /**
     * Every record is present once, in sequence, unaltered, and linked to the one before it.
     *
     * @param count    number of records (0 for an empty ledger)
     * @param headHash hash of the last record, or {@link AuditRecord#GENESIS_HASH} when there is none
     */
    record Valid(long count, String headHash) implements VerifyResult {
    }

    /**
     * The chain is broken; nothing after {@code sequence} was judged.
     *
     * @param sequence the first bad record: the one altered, missing, duplicated, or whose link to its predecessor
     *                 does not hold; {@code 0} when every record holds but the ledger's head row itself is missing
     *                 or duplicated
     * @param reason   what is wrong with it, starting with "record N was altered", "chain broken at N",
     *                 "record N missing" or "record N duplicated"
     */
    record Broken(long sequence, String reason) implements VerifyResult {
    }
}

package com.retailer.bluegreen.publish;

import java.util.List;

/**
 * Recomputes the audit chain and names the first record that does not hold. Pure: no Spark, no I/O.
 *
 * <p>Walking the records in the order given (the ledger gives them by sequence), record at position {@code i}
 * must have sequence {@code i} (otherwise "record N missing" or "record N duplicated"), its stored hash must
 * equal the hash of its canonical form ("record N was altered"), and its {@code previousHash} must be the hash
 * of the record before it, {@link AuditRecord#GENESIS_HASH} for record 1 ("chain broken at N"). A record edited
 * together with its own hash shows up as the chain breaking at the record after it: the chain proves that
 * something changed and where the damage starts; the Delta history of the table shows who changed it.
 */
public final class ChainVerifier {

    private ChainVerifier() {
    }

    /**
     * {@link VerifyResult.Valid} with the record count and last hash, or {@link VerifyResult.Broken} naming the first
     * bad record. {@code records} in sequence order, as {@link AuditLedger#records()} returns them.
     */
    public static VerifyResult verify(List<AuditRecord> records) {
        String previousHash = AuditRecord.GENESIS_HASH;
        long expected = 1;
        for (AuditRecord r : records) {
            if (r.sequence() < 1) {
                return new VerifyResult.Broken(expected, "record " + expected + " missing: a record whose sequence"
                        + " number reads " + r.sequence() + " stands where record " + expected + " should be");
            }
            if (r.sequence() > expected) {
                return new VerifyResult.Broken(expected, "record " + expected + " missing: record " + r.sequence()
                        + " follows record " + (expected - 1) + (expected == 1 ? " (the start of the ledger)" : ""));
            }
            if (r.sequence() < expected) {
                return new VerifyResult.Broken(r.sequence(), "record " + r.sequence() + " duplicated: it appears"
                        + " again after record " + (expected - 1));
            }
            String computed = r.computedHash();
            if (!computed.equals(r.hash())) {
                return new VerifyResult.Broken(r.sequence(), "record " + r.sequence() + " was altered: its content"
                        + " hashes to " + computed + " but the hash stored with it is " + r.hash());
            }
            if (!previousHash.equals(r.previousHash())) {
                return new VerifyResult.Broken(r.sequence(), "chain broken at " + r.sequence() + ": it links to "
                        + r.previousHash() + " but " + predecessor(r.sequence(), previousHash));
            }
            previousHash = r.hash();
            expected++;
        }
        return new VerifyResult.Valid(expected - 1, previousHash);
    }

    /**
     * {@link #verify(List)}, then the ledger's head row against the last record: the chain alone cannot tell that
     * records were removed from its end, or that a well-formed record was added there without moving the head.
     */
    static VerifyResult verify(List<AuditRecord> records, LedgerHead head) {
        VerifyResult chain = verify(records);
        if (!(chain instanceof VerifyResult.Valid valid)) {
            return chain;
        }
        long count = valid.count();
        if (head.sequence() > count) {
            return new VerifyResult.Broken(count + 1, "record " + (count + 1) + " missing: the ledger's head says it"
                    + " ends at record " + head.sequence() + " but the last record present is " + count
                    + " (records were deleted from the end)");
        }
        if (head.sequence() < count) {
            return new VerifyResult.Broken(head.sequence() + 1, "chain broken at " + (head.sequence() + 1)
                    + ": the ledger's head says it ends at record " + head.sequence() + ", so record "
                    + (head.sequence() + 1) + " was added around the ledger");
        }
        if (!valid.headHash().equals(head.hash())) {
            return new VerifyResult.Broken(count, "record " + count + " was altered: the ledger's head holds hash "
                    + head.hash() + " for it but it hashes to " + valid.headHash() + " (it was rewritten together"
                    + " with its hash, or the head row was edited)");
        }
        return valid;
    }

    private static String predecessor(long sequence, String previousHash) {
        if (sequence == 1) {
            return "the first record must link to the genesis hash " + previousHash + "; it was not written as the"
                    + " first record of this ledger";
        }
        return "record " + (sequence - 1) + " hashes to " + previousHash + "; record " + (sequence - 1) + " was"
                + " rewritten together with its hash, or record " + sequence + " was not appended after it";
    }
}

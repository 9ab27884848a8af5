package com.retailer.bluegreen.publish;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of the audit ledger, as stored: what happened ({@code action}: {@code PROMOTE}, {@code ROLLBACK}, …), who
 * did it and when, the colours it moved between, the release epoch and id, the git SHA of the running artifact, the
 * Delta version of each published table, free-form evidence ({@code details}, a JSON object as text), and the two
 * hashes that chain it to the record before it.
 *
 * <p>{@code hash} is SHA-256 over the record's canonical form, which includes {@code previousHash} (see
 * {@link #canonicalForm()}); the first record's {@code previousHash} is {@link #GENESIS_HASH}. Records come from
 * {@link AuditLedger#append} (sealed there) or are read back from the table; a record read back may have been
 * tampered with, so this type accepts any values and leaves judging them to {@link ChainVerifier}. Drafts are
 * validated instead ({@link AuditDraft}).
 *
 * @param sequence      1 for the first record, then consecutive
 * @param tableVersions published table → Delta version; keys sorted (a read-only sorted copy is kept)
 * @param details       JSON object text with evidence (gate results, approver, plan), or {@code null}
 */
public record AuditRecord(long sequence, String action, String actor, Instant at, String fromColour,
                          String toColour, long epoch, String releaseId, String gitSha,
                          Map<String, Long> tableVersions, String details, String previousHash, String hash) {

    /** The {@code previousHash} of record 1: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public AuditRecord {
        tableVersions = tableVersions == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(tableVersions));
    }

    /** {@code draft} as record {@code sequence} following {@code previousHash}, with its hash computed. */
    public static AuditRecord seal(long sequence, AuditDraft draft, String previousHash) {
        AuditRecord unsealed = new AuditRecord(sequence, draft.action(), draft.actor(), draft.at(),
                draft.fromColour(), draft.toColour(), draft.epoch(), draft.releaseId(), draft.gitSha(),
                draft.tableVersions(), draft.details(), previousHash, null);
        return unsealed.withHash(unsealed.computedHash());
    }

    /**
     * The exact text the hash is computed over: one line of JSON with every field but {@code hash}, in a fixed
     * order, explicit nulls, sorted map keys, {@code at} with six fractional digits in UTC; hashed as UTF-8. The form
     * is frozen ({@code "format":"audit-record/v1"}) so records stay verifiable for as long as they are kept.
     */
    public String canonicalForm() {
        return Canonical.form(this);
    }

    /** The hash this record's content and {@code previousHash} call for; equals {@link #hash()} unless altered. */
    public String computedHash() {
        return Canonical.hash(this);
    }

    /** The same record with {@code hash} replaced. */
    AuditRecord withHash(String newHash) {
        return new AuditRecord(sequence, action, actor, at, fromColour, toColour, epoch, releaseId, gitSha,
                tableVersions, details, previousHash, newHash);
    }
}

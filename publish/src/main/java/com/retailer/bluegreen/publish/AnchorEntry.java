package com.retailer.bluegreen.publish;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One row of the ledger's anchor ({@link LedgerAnchor}): the sequence and hash of one audit record, copied to a
 * second, append-only location after the record was committed, so a ledger rewritten as a whole no longer matches.
 *
 * @param sequence   the record's sequence
 * @param hash       the record's hash
 * @param at         the record's own time ({@link AuditRecord#at()})
 * @param anchoredAt when it was anchored
 * @param note       why it was anchored by someone other than the append that wrote it (the run that appended it
 *                   stopped before anchoring it, and a later append anchored it); null normally
 */
public record AnchorEntry(long sequence, String hash, Instant at, Instant anchoredAt, String note) {

    public AnchorEntry {
        at = at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
        anchoredAt = anchoredAt == null ? null : anchoredAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The anchor of {@code record}, anchored at {@code now}. */
    public static AnchorEntry of(AuditRecord record, Instant now, String note) {
        return new AnchorEntry(record.sequence(), record.hash(), record.at(), now, note);
    }
}

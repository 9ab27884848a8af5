package com.retailer.bluegreen.publish;

import java.util.List;

/**
 * Port: the audit ledger's anchor, a second location holding the sequence and hash of every ledger record, that
 * only ever takes appends: on Delta a table with {@code delta.appendOnly = true}, so Delta itself refuses an UPDATE,
 * DELETE, MERGE that changes rows or overwrite of it ({@code publish.spark.AnchorTable}; a RESTORE it allows, and the
 * anchor's history names it, as it names everything but the creation and appends); the unit tests use
 * an in-memory one. {@link Ledger} appends each record's entry right after the record's commit and compares the two
 * on every read: a ledger whose records were edited and every hash recomputed (a chain that verifies on its own) no
 * longer matches the hashes anchored when they were written. Reached through {@link LedgerStore#anchor()}; every
 * implementation passes {@code LedgerStoreContract}.
 */
public interface LedgerAnchor {

    /** Where the anchor lives, for messages. */
    String location();

    /** Whether there is an anchor (created, possibly empty). */
    boolean exists();

    /** Creates an empty, append-only anchor if there is none; safe to call from several processes at once. */
    void createIfAbsent();

    /** Every entry as stored, by sequence (an entry anchored twice appears twice); empty when there is no anchor. */
    List<AnchorEntry> entries();

    /** The anchor's commits, oldest first, as far as its history is retained; empty when there is no anchor. */
    List<LedgerCommit> history();

    /** Appends {@code entries} in one commit; the anchor must exist. Never rewrites or removes an entry. */
    void append(List<AnchorEntry> entries);
}

package com.retailer.bluegreen.publish;

import java.util.List;

/**
 * Port: the audit ledger's storage, an append-only list of hash-chained {@link AuditRecord}s and the head
 * (sequence and hash of the last record) that serialises appends: an append succeeds only if the head is still the
 * one it read, so two appends cannot both follow one record. On Databricks and locally it is one Delta table
 * ({@code publish.spark.AuditLedger}); the unit tests use an in-memory one. Every implementation passes
 * {@code LedgerStoreContract}. The chain's rules ({@link Ledger}, {@link ChainVerifier}) are plain Java above it.
 *
 * <p>Besides the records, the store shows the core what it needs to judge the ledger without trusting it: its
 * commit history ({@link #history()}, judged by {@link LedgerHistory}: every commit must be the creation or one
 * append) and its anchor ({@link #anchor()}, a second, append-only location holding every record's hash).
 */
public interface LedgerStore {

    /** Where the ledger lives, for messages. */
    String location();

    /** Whether there is a ledger (created, possibly empty). */
    boolean exists();

    /** Creates an empty ledger (its genesis head) if there is none; safe to call from several processes at once. */
    void createIfAbsent();

    /** One consistent snapshot: every record by sequence (as stored, tampered or not) and every head found. */
    LedgerSnapshot read();

    /**
     * Seals {@code draft} as the record after the head and appends it, with the head moved to it, atomically.
     * {@code beforeCommit} runs after the head was read and before the commit (a caller's last check, or a test's
     * pause); an exception from it aborts the append with nothing written.
     *
     * @return the record as stored
     * @throws ConcurrentAppendException if another append moved the head first; nothing was written
     */
    AuditRecord append(AuditDraft draft, Runnable beforeCommit);

    /**
     * Every commit of the ledger's storage, oldest first, as far back as its history is retained (on Delta:
     * {@code DESCRIBE HISTORY}; the ledger keeps 7 years); empty when there is no ledger. The creation is version 0
     * and each {@link #append} one commit; anything else was done to the storage around the ledger.
     */
    List<LedgerCommit> history();

    /** The ledger's anchor: where every record's hash is also appended, existing or not. */
    LedgerAnchor anchor();
}

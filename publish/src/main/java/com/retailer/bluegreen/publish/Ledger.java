package com.retailer.bluegreen.publish;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit ledger as promotion and rollback use it, over its storage ({@link LedgerStore}): read in one snapshot
 * that is also verified (a broken chain is refused before anything is appended), created by the first record (never
 * by a read), and appended to at most once per epoch. Plain Java.
 */
final class Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    private static final int ATTEMPTS = 10;

    private final LedgerStore store;

    Ledger(LedgerStore store) {
        this.store = store;
    }

    String location() {
        return store.location();
    }

    /**
     * Every record, by sequence (none when there is no ledger yet), after checking chain and head over the same
     * snapshot when {@code verify}.
     *
     * @throws ReleaseRefusedException if {@code verify} and the chain is broken
     */
    List<AuditRecord> records(boolean verify) {
        if (!store.exists()) {
            return List.of();
        }
        LedgerSnapshot snapshot = store.read();
        if (verify && snapshot.verify() instanceof VerifyResult.Broken broken) {
            throw PublishErrors.chainBroken(store.location(), broken);
        }
        return snapshot.records();
    }

    /**
     * Appends {@code draft} as the record of {@code draft.epoch()} unless the ledger has one, and returns the
     * epoch's record. Never writes two records for one epoch, even when two runs record it at once: each append
     * re-checks, after reading the head it will follow, that the epoch is still unrecorded; an append that commits
     * after that check moves the head, so this one conflicts, retries and finds the record.
     *
     * @param known the records read by the caller; an epoch found there is not looked up again
     */
    AuditRecord appendOnce(AuditDraft draft, List<AuditRecord> known) {
        long epoch = draft.epoch();
        Optional<AuditRecord> seen = known.stream().filter(r -> r.epoch() == epoch).findFirst();
        if (seen.isPresent()) {
            return seen.get();
        }
        store.createIfAbsent();
        for (int attempt = 1; ; attempt++) {
            try {
                return store.append(draft, () -> {
                    if (recorded(epoch).isPresent()) {
                        throw new AlreadyRecorded();
                    }
                });
            } catch (AlreadyRecorded e) {
                LOG.info("Audit ledger {}: epoch {} was recorded by another run meanwhile", store.location(), epoch);
                return recorded(epoch).orElseThrow();
            } catch (ConcurrentAppendException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.info("Audit ledger {}: another append went first; re-checking epoch {} (attempt {})",
                        store.location(), epoch, attempt);
            }
        }
    }

    /**
     * Appends {@code draft}, a record that is not an epoch's (a gate report), retrying when another append goes
     * first.
     */
    AuditRecord append(AuditDraft draft) {
        store.createIfAbsent();
        for (int attempt = 1; ; attempt++) {
            try {
                return store.append(draft, () -> { });
            } catch (ConcurrentAppendException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.info("Audit ledger {}: another append went first; appending again (attempt {})",
                        store.location(), attempt);
            }
        }
    }

    /** The promotion or rollback record of {@code epoch}, if the ledger has one. */
    Optional<AuditRecord> recorded(long epoch) {
        if (!store.exists()) {
            return Optional.empty();
        }
        return store.read().records().stream()
                .filter(r -> r.epoch() == epoch && ReleaseSnapshot.isEpoch(r)).findFirst();
    }

    /** Aborts an append whose epoch another run recorded first; nothing of it is written. */
    private static final class AlreadyRecorded extends RuntimeException {
        AlreadyRecorded() {
            super(null, null, false, false);
        }
    }
}

package com.retailer.bluegreen.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit ledger as promotion and rollback use it, over its storage ({@link LedgerStore}) and its anchor
 * ({@link LedgerAnchor}): read in one snapshot that is also verified (a broken chain, a ledger that does not match its
 * anchor, or a missing ledger while views have been published, is refused before anything is appended), created by
 * the first record (never by a read), appended to at most once per epoch, and every record anchored right after its
 * commit. Plain Java.
 *
 * <h2>Anchoring, and a run that stops between the two writes</h2>
 * An append commits the record to the ledger, then appends its (sequence, hash, time) to the anchor: two stores, so
 * two commits. A run that stops between them leaves the last record unanchored. That record is <em>pending</em>: a
 * verified read accepts it (one record, the last), {@code audit verify} reports it, and the next append anchors it
 * before appending its own record, with a note in the anchor entry saying it was anchored late and by whom; so it is
 * repaired by the next promotion, rollback or validate, and never accepted silently. Two unanchored records cannot
 * come from one stopped run and are refused, and so is a pending record while the anchor's history shows a commit
 * that is not its own (an entry removed from the anchor makes the record after it look pending).
 *
 * <h2>The full audit</h2>
 * {@link #audit} is what {@code audit verify} reports: the chain, the anchor, the history of the ledger's storage and
 * of the anchor ({@link LedgerHistory}), and the epochs the control store reached that the ledger does not record.
 * A promotion or rollback does not refuse on the history alone: a foreign commit whose effect was undone (a RESTORE to
 * the version before it) leaves records the anchor proves intact, and an emergency rollback must not wait on an
 * incident review; {@code audit verify} keeps reporting it. The exception is recording more than one epoch from the
 * control store's history (which is how a deleted or truncated ledger would be rebuilt): that requires the full
 * audit to be clean.
 */
final class Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    private static final int ATTEMPTS = 10;
    /** Reads of a ledger that refuses, before the finding stands (see {@link #settled}). */
    private static final int SETTLE_ATTEMPTS = 5;
    private static final long SETTLE_PAUSE_MS = 300;
    /** The note on an anchor entry written by an append other than the record's own. */
    static final String LATE_NOTE = "anchored late by the next append: the record was not anchored when that"
            + " append read the ledger (the run that appended it stopped before anchoring it, or had not got there"
            + " yet)";

    private final LedgerStore store;
    private final LedgerAnchor anchor;

    Ledger(LedgerStore store) {
        this.store = store;
        this.anchor = store.anchor();
    }

    String location() {
        return store.location();
    }

    /**
     * Every record, by sequence (none when there is no ledger yet); when {@code verify}, after checking, over the
     * same snapshot, the chain and head, the anchor, and that a missing ledger is allowed: only before anything was
     * recorded, so while the control store is at epoch 0, or at epoch 1 with no view published yet (the first
     * promotion's run stopped before recording it).
     *
     * @param epoch          the control store's epoch
     * @param viewsPublished whether any published view serves a colour; asked only for a missing ledger at epoch 1
     * @throws ReleaseRefusedException if {@code verify} and the chain is broken, the ledger does not match its anchor,
     *                                 or the ledger or its anchor is missing though something was recorded
     */
    List<AuditRecord> records(boolean verify, long epoch, BooleanSupplier viewsPublished) {
        if (!verify) {
            return store.exists() ? store.read().records() : List.of();
        }
        return settled(() -> verifiedRecords(epoch, viewsPublished));
    }

    /**
     * {@code read}, judged again when it refuses: the ledger, its anchor and the anchor's history are separate reads,
     * so a read that overlaps another process's append (its ledger commit, then its anchor commit) can see one
     * without the other and mistake the append for tampering. A finding stands only when a second read, a moment
     * later, finds exactly the same; a race has settled by then (the anchor commit it saw half of is done).
     */
    private <T> T settled(java.util.function.Supplier<T> read) {
        ReleaseRefusedException previous = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (ReleaseRefusedException e) {
                if (previous != null && previous.getMessage().equals(e.getMessage()) || attempt >= SETTLE_ATTEMPTS) {
                    throw e;
                }
                previous = e;
                LOG.info("Audit ledger {}: the read found a problem; reading again in case it overlapped another"
                        + " process's append ({})", store.location(), e.getMessage().lines().findFirst().orElse(""));
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(SETTLE_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-reading the audit ledger", e);
        }
    }

    private List<AuditRecord> verifiedRecords(long epoch, BooleanSupplier viewsPublished) {
        boolean anchored = anchor.exists();
        List<AnchorEntry> entries = anchored ? anchor.entries() : List.of();
        if (!store.exists()) {
            long lastAnchored = entries.stream().mapToLong(AnchorEntry::sequence).max().orElse(0);
            if (lastAnchored > 0 || epoch > 1 || epoch == 1 && viewsPublished.getAsBoolean()) {
                throw PublishErrors.ledgerMissing(store.location(), anchor.location(), epoch, lastAnchored);
            }
            return List.of();
        }
        LedgerSnapshot snapshot = store.read();
        if (snapshot.verify() instanceof VerifyResult.Broken broken) {
            throw PublishErrors.chainBroken(store.location(), broken);
        }
        if (!anchored) {
            if (!snapshot.records().isEmpty()) {
                throw PublishErrors.anchorMissing(store.location(), anchor.location(), snapshot.records().size());
            }
            return snapshot.records();
        }
        AnchorCheck.Comparison compared = AnchorCheck.compare(anchor.location(), snapshot.records(), entries);
        if (!compared.problems().isEmpty()) {
            throw PublishErrors.anchorMismatch(store.location(), compared.problems());
        }
        compared.pending().ifPresent(r -> requireRepairable(r, entries));
        return snapshot.records();
    }

    /**
     * A pending record is accepted, and anchored by the next append, only while the anchor's history is its own:
     * an entry removed from the anchor (say by a RESTORE, which Delta allows on an append-only table) would
     * otherwise make the record after it look pending, and anchoring it would launder whatever was done to it.
     */
    private void requireRepairable(AuditRecord pending, List<AnchorEntry> entries) {
        List<AuditProblem> problems = LedgerHistory.judgeAnchor(anchor.location(), anchor.history(), entries.size());
        if (!problems.isEmpty()) {
            List<AuditProblem> all = new ArrayList<>(problems);
            all.add(0, AnchorCheck.pendingProblem(anchor.location(), pending));
            throw PublishErrors.anchorMismatch(store.location(), all);
        }
    }

    /**
     * Everything {@code audit verify} checks, with {@code desired} the control store's state: chain and head,
     * the ledger's history, the epochs recorded against {@code desired}'s, the anchor (a pending record included)
     * and the anchor's history.
     *
     * @throws AuditLedgerException ({@code BAD_CONFIG}) when there is no ledger and nothing says there should be one
     *                              (epoch 0, nothing anchored): the configuration points elsewhere
     */
    AuditVerdict audit(DesiredState desired) {
        return settledAudit(desired, false);
    }

    /** {@link #audit(DesiredState, boolean)}, an invalid verdict read again as {@link #settled} does. */
    private AuditVerdict settledAudit(DesiredState desired, boolean rebuild) {
        AuditVerdict verdict = audit(desired, rebuild);
        for (int attempt = 2; !verdict.valid() && attempt <= SETTLE_ATTEMPTS; attempt++) {
            pause();
            AuditVerdict again = audit(desired, rebuild);
            if (again.equals(verdict)) {
                return again;
            }
            verdict = again;
        }
        return verdict;
    }

    /**
     * {@link #audit(DesiredState)}; for {@code rebuild} (about to record epochs from the control store's history)
     * without the two findings that situation consists of: the unrecorded epochs and a pending anchor.
     */
    private AuditVerdict audit(DesiredState desired, boolean rebuild) {
        long epoch = desired.epoch();
        List<AuditProblem> problems = new ArrayList<>();
        boolean anchored = anchor.exists();
        List<AnchorEntry> entries = anchored ? anchor.entries() : List.of();
        long lastAnchored = entries.stream().mapToLong(AnchorEntry::sequence).max().orElse(0);
        boolean exists = store.exists();
        VerifyResult chain = new VerifyResult.Valid(0, AuditRecord.GENESIS_HASH);
        List<AuditRecord> records = List.of();
        if (!exists) {
            if (epoch == 0 && lastAnchored == 0) {
                throw PublishErrors.noLedger(store.location());
            }
            problems.add(AuditProblem.missing(store.location(), "there is no ledger, but " + (epoch > 0
                    ? "the control table is at epoch " + epoch + (lastAnchored > 0 ? " and " : "") : "")
                    + (lastAnchored > 0 ? "the anchor holds records up to " + lastAnchored : "")
                    + ": it was deleted or moved"));
        } else {
            LedgerSnapshot snapshot = store.read();
            chain = snapshot.verify();
            records = snapshot.records();
            problems.addAll(LedgerHistory.judgeLedger(store.location(), store.history(), records.size()));
            long lastRecorded = new ReleaseSnapshot(desired, records).lastRecordedEpoch();
            if (!rebuild && epoch - lastRecorded > 1) {
                problems.add(AuditProblem.missing(store.location(), "the control table is at epoch " + epoch
                        + " but the ledger records epochs only up to " + lastRecorded + ": epochs "
                        + (lastRecorded + 1) + " to " + (epoch - 1) + " were recorded and removed, or their runs"
                        + " stopped before recording them (a re-run records them only while this ledger's history"
                        + " and anchor are clean)"));
            }
        }
        if (!anchored) {
            if (!records.isEmpty()) {
                problems.add(AuditProblem.anchor(anchor.location(), null, "there is no anchor, but the ledger"
                        + " holds " + records.size() + " record(s): it was deleted or moved, or the ledger was"
                        + " written by a version without anchors"));
            }
        } else {
            if (exists) {
                AnchorCheck.Comparison compared = AnchorCheck.compare(anchor.location(), records, entries);
                problems.addAll(compared.problems());
                if (!rebuild) {
                    compared.pending().ifPresent(r -> problems.add(AnchorCheck.pendingProblem(anchor.location(),
                            r)));
                }
            }
            problems.addAll(LedgerHistory.judgeAnchor(anchor.location(), anchor.history(), entries.size()));
        }
        return new AuditVerdict(store.location(), anchor.location(), chain, problems);
    }

    /**
     * Before recording the epochs after {@code lastRecorded} up to {@code desired}'s from the control store's
     * history: the full audit must be clean, since a ledger that lost records (deleted, truncated, restored to an
     * earlier version) would otherwise be rebuilt as a fresh, valid chain.
     *
     * @throws ReleaseRefusedException naming what the audit found
     */
    void requireRebuildable(DesiredState desired, long lastRecorded) {
        AuditVerdict verdict = settledAudit(desired, true);
        if (!verdict.valid()) {
            throw PublishErrors.rebuildRefused(store.location(), lastRecorded, desired.epoch(), verdict.findings());
        }
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
        create();
        for (int attempt = 1; ; attempt++) {
            try {
                settled(() -> {
                    anchorPending();
                    return null;
                });
                return anchored(store.append(draft, () -> {
                    if (recorded(epoch).isPresent()) {
                        throw new AlreadyRecorded();
                    }
                }));
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
        create();
        for (int attempt = 1; ; attempt++) {
            try {
                settled(() -> {
                    anchorPending();
                    return null;
                });
                return anchored(store.append(draft, () -> { }));
            } catch (ConcurrentAppendException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.info("Audit ledger {}: another append went first; appending again (attempt {})",
                        store.location(), attempt);
            }
        }
    }

    /**
     * Appends {@code draft} unless {@code check}, run on the ledger's records once the head the append follows was
     * read, finds it recorded already (it returns that record, which is returned instead) or refuses it (it throws;
     * nothing is written). Retries when another append goes first, so the check always judges the records the
     * appended one follows: a compare-and-set over the whole ledger.
     */
    AuditRecord appendChecked(AuditDraft draft, Function<List<AuditRecord>, Optional<AuditRecord>> check) {
        create();
        for (int attempt = 1; ; attempt++) {
            AtomicReference<AuditRecord> found = new AtomicReference<>();
            try {
                settled(() -> {
                    anchorPending();
                    return null;
                });
                return anchored(store.append(draft, () -> check.apply(store.read().records()).ifPresent(r -> {
                    found.set(r);
                    throw new AlreadyRecorded();
                })));
            } catch (AlreadyRecorded e) {
                return found.get();
            } catch (ConcurrentAppendException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.info("Audit ledger {}: another append went first; checking again (attempt {})",
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

    /**
     * The ledger and its anchor, created empty if absent. An anchor is created only beside a ledger without
     * records: one that already holds records without an anchor cannot be shown to be unaltered.
     */
    private void create() {
        store.createIfAbsent();
        if (!anchor.exists()) {
            List<AuditRecord> records = store.read().records();
            if (!records.isEmpty()) {
                throw PublishErrors.anchorMissing(store.location(), anchor.location(), records.size());
            }
            anchor.createIfAbsent();
        }
    }

    /**
     * Anchors the last record if its run stopped before anchoring it (see the class comment); refuses to append to a
     * ledger whose chain is broken or that does not match its anchor (the caller verified it when it read it; this
     * holds for whatever was committed since).
     */
    private void anchorPending() {
        LedgerSnapshot snapshot = store.read();
        if (snapshot.verify() instanceof VerifyResult.Broken broken) {
            throw PublishErrors.chainBroken(store.location(), broken);
        }
        List<AnchorEntry> entries = anchor.entries();
        AnchorCheck.Comparison compared = AnchorCheck.compare(anchor.location(), snapshot.records(), entries);
        if (!compared.problems().isEmpty()) {
            throw PublishErrors.anchorMismatch(store.location(), compared.problems());
        }
        compared.pending().ifPresent(r -> {
            requireRepairable(r, entries);
            LOG.warn("Audit ledger {}: record {} ({} by {}, hash {}) was not anchored; anchoring it now in {} with"
                    + " a note, before appending", store.location(), r.sequence(), r.action(), r.actor(), r.hash(),
                    anchor.location());
            anchor.append(List.of(AnchorEntry.of(r, Instant.now(), LATE_NOTE)));
        });
    }

    /** Anchors {@code record}, just committed, and returns it. */
    private AuditRecord anchored(AuditRecord record) {
        anchor.append(List.of(AnchorEntry.of(record, Instant.now(), null)));
        return record;
    }

    /** Aborts an append whose epoch another run recorded first; nothing of it is written. */
    private static final class AlreadyRecorded extends RuntimeException {
        AlreadyRecorded() {
            super(null, null, false, false);
        }
    }
}

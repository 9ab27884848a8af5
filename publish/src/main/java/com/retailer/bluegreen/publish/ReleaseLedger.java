package com.retailer.bluegreen.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit ledger as promotion and rollback use it: read in one scan that also verifies the chain (refusing a
 * broken one before anything is appended), created by the first record (never by a read), and appended to at most
 * once per epoch.
 */
final class ReleaseLedger {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseLedger.class);
    private static final int ATTEMPTS = 10;

    private final SparkSession spark;
    private final String location;

    ReleaseLedger(SparkSession spark, String location) {
        this.spark = spark;
        this.location = location;
    }

    String location() {
        return location;
    }

    /**
     * Every record, by sequence (none when there is no ledger yet), after checking the chain and head row over the
     * same snapshot when {@code verify}.
     *
     * @throws ReleaseRefusedException if {@code verify} and the chain is broken
     */
    List<AuditRecord> records(boolean verify) {
        if (!AuditLedger.exists(spark, location)) {
            return List.of();
        }
        List<Row> rows = spark.read().format("delta").load(location).collectAsList();
        List<AuditRecord> records = new ArrayList<>(rows.stream().filter(r -> !LedgerTable.isHead(r))
                .map(LedgerTable::record).toList());
        records.sort(Comparator.comparingLong(AuditRecord::sequence));
        if (verify) {
            List<LedgerTable.Head> heads = rows.stream().filter(LedgerTable::isHead).map(LedgerTable::head).toList();
            VerifyResult result = heads.size() == 1 ? ChainVerifier.verify(records, heads.get(0))
                    : new VerifyResult.Broken(0, "the ledger has " + heads.size() + " head rows where it must have"
                    + " exactly one; the table was edited outside the ledger");
            if (result instanceof VerifyResult.Broken broken) {
                throw PublishErrors.chainBroken(location, broken);
            }
        }
        return List.copyOf(records);
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
        openOrCreate(() -> AuditLedger.openOrCreate(spark, location));
        for (int attempt = 1; ; attempt++) {
            AuditLedger guarded = new AuditLedger(spark, location, () -> {
                if (recorded(epoch).isPresent()) {
                    throw new AlreadyRecorded();
                }
            });
            try {
                return guarded.append(draft);
            } catch (AlreadyRecorded e) {
                LOG.info("Audit ledger {}: epoch {} was recorded by another run meanwhile", location, epoch);
                return recorded(epoch).orElseThrow();
            } catch (ConcurrentAppendException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.info("Audit ledger {}: another append went first; re-checking epoch {} (attempt {})", location,
                        epoch, attempt);
            }
        }
    }

    /**
     * Appends {@code draft}, a record that is not an epoch's (a gate report), retrying when another append goes
     * first.
     */
    AuditRecord append(AuditDraft draft) {
        openOrCreate(() -> AuditLedger.openOrCreate(spark, location));
        for (int attempt = 1; ; attempt++) {
            try {
                return new AuditLedger(spark, location, () -> { }).append(draft);
            } catch (ConcurrentAppendException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.info("Audit ledger {}: another append went first; appending again (attempt {})", location,
                        attempt);
            }
        }
    }

    /** The promotion or rollback record of {@code epoch}, if the ledger has one. */
    Optional<AuditRecord> recorded(long epoch) {
        if (!AuditLedger.exists(spark, location)) {
            return Optional.empty();
        }
        return spark.read().format("delta").load(location)
                .where(LedgerTable.KIND + " = '" + LedgerTable.RECORD + "' AND epoch = " + epoch + " AND action <> '"
                        + ReleaseState.VALIDATE + "'")
                .collectAsList().stream().map(LedgerTable::record).min(Comparator.comparingLong(AuditRecord::sequence));
    }

    /**
     * Runs an {@code openOrCreate} of the ledger or control table, retrying for up to 10 s while a racing creator's
     * version 0 is not visible yet: when two first actions create the table at once, the one whose {@code CREATE
     * TABLE IF NOT EXISTS} returns before the other's commit is visible fails with Delta's
     * {@code DELTA_TABLE_NOT_FOUND} ({@code AnalysisException}, which {@code LedgerTable.awaitCreated} does not catch
     * because Java sees it as checked) or finds no table to open. A second call finds the winner's table.
     */
    static <T> T openOrCreate(Supplier<T> create) {
        for (int attempt = 1; ; attempt++) {
            try {
                return create.get();
            } catch (Exception e) { // Delta's AnalysisException reaches here undeclared
                if (attempt >= 40) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                LOG.info("creating a release-state table raced another creator ({}); retrying", e.toString());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating a release-state table", e);
                }
            }
        }
    }

    /** Aborts an append whose epoch another run recorded first; nothing of it is written. */
    private static final class AlreadyRecorded extends RuntimeException {
        AlreadyRecorded() {
            super(null, null, false, false);
        }
    }
}

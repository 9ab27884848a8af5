package com.retailer.bluegreen.gates;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The reconciliation gate's finding ({@link ReconciliationGate}).
 *
 * @param notApplicableBecause why nothing was reconciled ({@link Verdict#NOT_APPLICABLE}); {@code null} otherwise
 * @param tables               one outcome per reconciled table
 */
public record ReconciliationResult(Verdict verdict, List<String> failures, String notApplicableBecause,
                                   List<TableOutcome> tables) implements GateResult {

    public ReconciliationResult {
        Objects.requireNonNull(verdict, "verdict");
        failures = List.copyOf(failures);
        tables = List.copyOf(tables);
        Results.requireConsistent("reconciliation", verdict, failures);
        if ((verdict == Verdict.NOT_APPLICABLE) != (notApplicableBecause != null)) {
            throw new IllegalArgumentException("a reconciliation result gives a reason exactly when it is"
                    + " NOT_APPLICABLE");
        }
    }

    /** How a table compared. */
    public enum Match {
        /** Every hour has equal counts and hashes. */
        EQUAL,
        /** Hours differ within the release's declared {@link IntendedDifference}. */
        INTENDED,
        /** Hours differ beyond anything declared. */
        DIFFERENT
    }

    /**
     * One table's totals and every hour that differs (matching hours are only counted, to keep the evidence small).
     *
     * @param hours      hours compared
     * @param countDelta sum over hours of |live rows − candidate rows|
     * @param liveHash   sum mod 2^64 of all compared live rows' hashes (a fingerprint of the table in range)
     * @param intended   the declared difference, or {@code null}
     * @param differing  the hours that differ, oldest first
     */
    public record TableOutcome(String table, Match match, long liveVersion, long candidateVersion,
                               Map<Integer, Long> lowerExclusive, Map<Integer, Long> cut, int hours, long liveRows,
                               long candidateRows, String liveHash, String candidateHash, long liveBeyondCut,
                               long candidateBeyondCut, long liveKeyExcluded, long candidateKeyExcluded,
                               long countDelta, IntendedDifference intended,
                               List<TableReconciliation.Bucket> differing) {
        public TableOutcome {
            lowerExclusive = Collections.unmodifiableMap(new TreeMap<>(lowerExclusive));
            cut = Collections.unmodifiableMap(new TreeMap<>(cut));
            differing = List.copyOf(differing);
        }
    }

    @Override
    public String gate() {
        return "reconciliation";
    }

    @Override
    public String summary() {
        if (notApplicableBecause != null) {
            return notApplicableBecause;
        }
        long rows = tables.stream().mapToLong(TableOutcome::candidateRows).sum();
        long excluded = tables.stream().mapToLong(t -> t.liveBeyondCut() + t.candidateBeyondCut()
                + t.liveKeyExcluded() + t.candidateKeyExcluded()).sum();
        long differing = tables.stream().mapToLong(t -> t.differing().size()).sum();
        return Figures.count(tables.size(), "table") + ", " + Figures.count(rows, "candidate row") + " compared, "
                + Figures.count(differing, "hour") + " differing, " + Figures.count(excluded) + " excluded";
    }
}

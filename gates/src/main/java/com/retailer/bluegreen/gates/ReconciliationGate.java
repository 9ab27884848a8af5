package com.retailer.bluegreen.gates;

import java.util.ArrayList;
import java.util.List;

/**
 * The reconciliation gate: do both colours hold the same rows, hour by hour, at the offset cut? Judges what
 * {@link Reconciler} measured; plain Java.
 *
 * <p>An hour matches when both its counts and its content hashes are equal. A table whose hours all match passes.
 * A table with differing hours passes only when the release declared an {@link IntendedDifference} for it and the
 * total count difference is within it; the differing hours are then in the evidence and not among the failures.
 * Otherwise each differing (table, hour) is a failure, with both counts, at most {@value #LISTED} per table.
 * A table with rows but none inside the comparison window (every row beyond the cut: the candidate has committed
 * nothing since its bootstrap) fails too: an empty comparison proves nothing.
 */
public final class ReconciliationGate {
    static final int LISTED = 20;

    private ReconciliationGate() {
    }

    /** The gate when there is no live colour: nothing to reconcile against, so it does not block. */
    public static ReconciliationResult notApplicable(String why) {
        return new ReconciliationResult(Verdict.NOT_APPLICABLE, List.of(), why, List.of());
    }

    /**
     * @param tables what {@link Reconciler#reconcile} measured, one per table (every Silver table, normally)
     */
    public static ReconciliationResult evaluate(Colours colours, List<TableReconciliation> tables) {
        if (!colours.hasLive()) {
            return notApplicable("no live colour to reconcile " + colours.candidateId() + " against");
        }
        List<String> failures = new ArrayList<>();
        if (tables.isEmpty()) {
            failures.add("no table was reconciled: pass every Silver table of " + colours.candidateId()
                    + " and " + colours.liveId() + " to the gate");
        }
        List<ReconciliationResult.TableOutcome> outcomes = new ArrayList<>();
        for (TableReconciliation t : tables) {
            ReconciliationResult.TableOutcome outcome = outcome(t);
            outcomes.add(outcome);
            if (outcome.match() == ReconciliationResult.Match.DIFFERENT) {
                failures.addAll(failures(colours, outcome));
            } else if (nothingCompared(outcome)) {
                failures.add(outcome.table() + ": nothing to compare yet: every row of both colours since "
                        + colours.candidateId() + "'s bootstrap lies beyond the offset cut or is excluded with it ("
                        + colours.liveId() + " " + Figures.count(outcome.liveBeyondCut() + outcome.liveKeyExcluded())
                        + ", " + colours.candidateId() + " " + Figures.count(outcome.candidateBeyondCut()
                        + outcome.candidateKeyExcluded()) + " rows); " + colours.candidateId() + " has committed"
                        + " nothing past its bootstrap. Let it process data and validate again");
            }
        }
        return new ReconciliationResult(Results.verdictOf(failures), failures, null, outcomes);
    }

    /** Rows exist, but none inside the comparison window: an empty comparison is not evidence of equality. */
    private static boolean nothingCompared(ReconciliationResult.TableOutcome o) {
        return o.liveRows() == 0 && o.candidateRows() == 0 && o.liveBeyondCut() + o.candidateBeyondCut()
                + o.liveKeyExcluded() + o.candidateKeyExcluded() > 0;
    }

    private static ReconciliationResult.TableOutcome outcome(TableReconciliation t) {
        long liveRows = 0;
        long candidateRows = 0;
        String liveHash = TableReconciliation.hex(0);
        String candidateHash = TableReconciliation.hex(0);
        long[] excluded = new long[4];
        long delta = 0;
        List<TableReconciliation.Bucket> differing = new ArrayList<>();
        for (TableReconciliation.Bucket b : t.buckets()) {
            liveRows += b.liveRows();
            candidateRows += b.candidateRows();
            liveHash = TableReconciliation.add(liveHash, b.liveHash());
            candidateHash = TableReconciliation.add(candidateHash, b.candidateHash());
            excluded[0] += b.liveBeyondCut();
            excluded[1] += b.candidateBeyondCut();
            excluded[2] += b.liveKeyExcluded();
            excluded[3] += b.candidateKeyExcluded();
            delta += Math.abs(b.liveRows() - b.candidateRows());
            if (!b.matches()) {
                differing.add(b);
            }
        }
        ReconciliationResult.Match match;
        if (differing.isEmpty()) {
            match = ReconciliationResult.Match.EQUAL;
        } else if (t.intended().isPresent() && delta <= t.intended().get().maxCountDelta()) {
            match = ReconciliationResult.Match.INTENDED;
        } else {
            match = ReconciliationResult.Match.DIFFERENT;
        }
        return new ReconciliationResult.TableOutcome(t.table(), match, t.liveVersion(), t.candidateVersion(),
                t.lowerExclusive(), t.cut(), t.buckets().size(), liveRows, candidateRows, liveHash, candidateHash,
                excluded[0], excluded[1], excluded[2], excluded[3], delta, t.intended().orElse(null), differing);
    }

    private static List<String> failures(Colours colours, ReconciliationResult.TableOutcome t) {
        List<String> out = new ArrayList<>();
        if (t.intended() != null) {
            out.add(t.table() + " differs by " + Figures.count(t.countDelta(), "row") + " over "
                    + Figures.count(t.differing().size(), "hour") + ", more than the "
                    + Figures.count(t.intended().maxCountDelta()) + " the release declares as intended ("
                    + t.intended().reason() + ")");
        }
        for (TableReconciliation.Bucket b : t.differing().subList(0, Math.min(LISTED, t.differing().size()))) {
            out.add(t.table() + " hour " + Figures.hour(b.hour()) + ": " + colours.liveId() + " "
                    + Figures.count(b.liveRows()) + " rows, " + colours.candidateId() + " "
                    + Figures.count(b.candidateRows()) + " (" + difference(b) + ")"
                    + (b.liveHash().equals(b.candidateHash()) ? "" : ", content hash differs"));
        }
        if (t.differing().size() > LISTED) {
            out.add(t.table() + ": " + Figures.count(t.differing().size() - LISTED, "more hour") + " differ (all"
                    + " are in the evidence)");
        }
        return out;
    }

    private static String difference(TableReconciliation.Bucket b) {
        long d = b.candidateRows() - b.liveRows();
        return d == 0 ? "same count" : d < 0 ? Figures.count(-d) + " fewer" : Figures.count(d) + " more";
    }
}

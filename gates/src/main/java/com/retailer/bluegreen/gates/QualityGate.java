package com.retailer.bluegreen.gates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quality gate: are the candidate's expectation failure rates under their absolute thresholds, and no worse
 * than the live colour's by more than a margin? Plain Java.
 *
 * <p>Per expectation the candidate's rate is failed / evaluated (0 when nothing was evaluated, noted). It fails when
 * above its threshold, or when it exceeds the live colour's rate for the same expectation by more than the margin
 * (an absolute difference of rates: 0.005 is half a percentage point). Without a live rate for it (no live colour,
 * a new expectation, or nothing evaluated there) only the threshold applies, and the evidence says so.
 */
public final class QualityGate {
    /** Rates are quotients of counts; a tolerance keeps 0.0092 − 0.0042 from exceeding a 0.005 margin by rounding. */
    private static final double EPSILON = 1e-12;
    private static final String DEFAULT = "*";

    private QualityGate() {
    }

    /**
     * @param candidate      the candidate's counts, one per (table, expectation)
     * @param live           the live colour's counts; empty without a live colour
     * @param maxFailureRate {@code table.expectation} → its threshold, {@code *} → the default for the rest
     * @param margin         how much worse than live a rate may be, as a rate difference
     * @throws IllegalArgumentException if an expectation has no threshold, or a colour lists one twice
     */
    public static QualityResult evaluate(Colours colours, List<ExpectationCounts> candidate,
                                         List<ExpectationCounts> live, Map<String, Double> maxFailureRate,
                                         double margin) {
        if (margin < 0) {
            throw new IllegalArgumentException("the quality margin must be >= 0, was " + margin);
        }
        Map<String, ExpectationCounts> ours = byKey(colours.candidateId(), candidate);
        Map<String, ExpectationCounts> theirs = byKey(colours.liveId(), live);
        List<String> failures = new ArrayList<>();
        if (ours.isEmpty() && !theirs.isEmpty()) {
            failures.add(colours.candidateId() + " recorded no expectation counts while " + colours.liveId()
                    + " recorded " + theirs.size() + ": the candidate's expectations did not run");
        }
        List<QualityResult.ExpectationRate> rates = new ArrayList<>();
        for (ExpectationCounts c : ours.values()) {
            double threshold = threshold(maxFailureRate, c.key());
            ExpectationCounts l = theirs.get(c.key());
            boolean baseline = l != null && l.evaluated() > 0;
            String note = c.evaluated() == 0 ? "no rows evaluated in " + colours.candidateId() + "; rate taken as 0"
                    : !baseline ? "no " + colours.liveId() + " baseline; only the threshold applies" : null;
            rates.add(new QualityResult.ExpectationRate(c.table(), c.expectation(), c.action(), c.evaluated(),
                    c.failed(), c.rate(), l == null ? null : l.evaluated(), l == null ? null : l.failed(),
                    l == null ? null : l.rate(), threshold, note));
            List<String> reasons = new ArrayList<>();
            if (c.rate() > threshold + EPSILON) {
                reasons.add("above the threshold");
            }
            if (baseline && c.rate() - l.rate() > margin + EPSILON) {
                reasons.add(Figures.points(c.rate() - l.rate()) + " worse than " + colours.liveId());
            }
            if (!reasons.isEmpty()) {
                failures.add(c.key() + ": " + colours.candidateId() + " " + rate(c)
                        + (baseline ? " vs " + colours.liveId() + " " + rate(l) + ", margin " + Figures.points(margin)
                                : ", no " + colours.liveId() + " baseline")
                        + "; threshold " + Figures.percent(threshold) + ": " + String.join(" and ", reasons));
            }
        }
        List<String> onlyInLive = theirs.keySet().stream().filter(k -> !ours.containsKey(k)).toList();
        if (ours.isEmpty() && theirs.isEmpty()) {
            return new QualityResult(Verdict.NOT_APPLICABLE, List.of(), margin, rates, onlyInLive);
        }
        return new QualityResult(Results.verdictOf(failures), failures, margin, rates, onlyInLive);
    }

    private static String rate(ExpectationCounts c) {
        return Figures.percent(c.rate()) + " (" + Figures.count(c.failed()) + " of " + Figures.count(c.evaluated())
                + ")";
    }

    private static double threshold(Map<String, Double> thresholds, String key) {
        Double t = thresholds.containsKey(key) ? thresholds.get(key) : thresholds.get(DEFAULT);
        if (t == null) {
            throw GateErrors.noThreshold(key);
        }
        if (t < 0 || t > 1) {
            throw new IllegalArgumentException("the failure-rate threshold of " + key + " must be a rate between 0"
                    + " and 1 (0.01 = 1%), was " + t);
        }
        return t;
    }

    private static Map<String, ExpectationCounts> byKey(String colour, List<ExpectationCounts> counts) {
        Map<String, ExpectationCounts> out = new TreeMap<>(Comparator.naturalOrder());
        for (ExpectationCounts c : counts) {
            if (out.put(c.key(), c) != null) {
                throw GateErrors.duplicateCounts(colour, c.key());
            }
        }
        return out;
    }
}

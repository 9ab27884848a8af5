package com.retailer.bluegreen.gates;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The quality gate's finding ({@link QualityGate}).
 *
 * @param marginPoints the allowed excess over the live colour's rate, as a rate difference (0.005 = 0.5 pp)
 * @param expectations one per expectation the candidate recorded, in table, expectation order
 * @param onlyInLive   expectations the live colour records and the candidate no longer does
 */
public record QualityResult(Verdict verdict, List<String> failures, double marginPoints,
                            List<ExpectationRate> expectations, List<String> onlyInLive) implements GateResult {

    public QualityResult {
        Objects.requireNonNull(verdict, "verdict");
        failures = List.copyOf(failures);
        expectations = List.copyOf(expectations);
        onlyInLive = List.copyOf(onlyInLive);
        Results.requireConsistent("quality", verdict, failures);
    }

    /**
     * One expectation in both colours.
     *
     * @param liveEvaluated {@code null} without a live baseline
     * @param liveFailed    {@code null} without a live baseline
     * @param liveRate      {@code null} without a live baseline
     * @param threshold     the absolute limit on the candidate's rate
     * @param note          {@code null}, or why a rule was not applied (no baseline, nothing evaluated)
     */
    public record ExpectationRate(String table, String expectation, String action, long candidateEvaluated,
                                  long candidateFailed, double candidateRate, Long liveEvaluated, Long liveFailed,
                                  Double liveRate, double threshold, String note) {
    }

    @Override
    public String gate() {
        return "quality";
    }

    @Override
    public String summary() {
        return expectations.stream().max(Comparator.comparingDouble(ExpectationRate::candidateRate))
                .map(e -> String.format(Locale.ROOT, "%d expectations, highest rate %s.%s %s", expectations.size(),
                        e.table(), e.expectation(), Figures.percent(e.candidateRate())))
                .orElse("no expectations recorded");
    }
}

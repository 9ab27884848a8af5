package com.retailer.bluegreen.gates;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The freshness gate's finding ({@link FreshnessGate}). Durations are in seconds.
 *
 * @param samples              how many samples were judged
 * @param firstAt              the first sample's time, {@code null} when there were none
 * @param lastAt               the last sample's time, {@code null} when there were none
 * @param coveredSeconds       last − first
 * @param windowSeconds        the window the samples had to cover
 * @param largestGapSeconds    the longest time between two consecutive samples
 * @param maxSampleGapSeconds  the longest allowed
 * @param maxLagSeconds        the limit every partition's lag age and the Gold lag had to stay under
 * @param partitions           per partition its worst sample, worst first
 * @param worstGoldLagSeconds  the largest end-to-end lag seen
 * @param goldBreaches         samples whose end-to-end lag was over the limit
 */
public record FreshnessResult(Verdict verdict, List<String> failures, int samples, Instant firstAt, Instant lastAt,
                              double coveredSeconds, double windowSeconds, double largestGapSeconds,
                              double maxSampleGapSeconds, double maxLagSeconds, List<PartitionMax> partitions,
                              double worstGoldLagSeconds, int goldBreaches) implements GateResult {

    public FreshnessResult {
        Objects.requireNonNull(verdict, "verdict");
        failures = List.copyOf(failures);
        partitions = List.copyOf(partitions);
        Results.requireConsistent("freshness", verdict, failures);
    }

    /**
     * One partition over all samples: never an average, so one stuck partition cannot hide behind fresh ones.
     *
     * @param maxLagSeconds     its largest lag age
     * @param lagRecordsAtWorst its lag in records in the sample with that age
     * @param worstAt           when that sample was taken
     * @param maxLagRecords     its largest lag in records in any sample
     * @param breaches          samples in which its lag age was over the limit
     * @param seenIn            samples that measured it
     */
    public record PartitionMax(String topic, int partition, double maxLagSeconds, long lagRecordsAtWorst,
                               Instant worstAt, long maxLagRecords, int breaches, int seenIn) {
    }

    @Override
    public String gate() {
        return "freshness";
    }

    @Override
    public String summary() {
        String worst = partitions.isEmpty() ? "no partitions"
                : String.format(Locale.ROOT, "worst %s-%d %.1f s", partitions.get(0).topic(),
                        partitions.get(0).partition(), partitions.get(0).maxLagSeconds());
        return String.format(Locale.ROOT, "%d samples over %.0f of %.0f s, %s, gold %.1f s (limit %.0f s)", samples,
                coveredSeconds, windowSeconds, worst, worstGoldLagSeconds, maxLagSeconds);
    }
}

package com.retailer.bluegreen.gates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The freshness gate: has the candidate kept every partition and its end-to-end output under the SLA for a whole
 * window, not just at one moment? Plain Java.
 *
 * <p>Passes only if the samples cover the window (last − first ≥ window, no two consecutive samples further apart
 * than the allowed gap, every partition in every sample) and in <em>every</em> sample every partition's lag age and
 * the Gold lag are at most the limit. Each partition is judged by its own worst sample, so a stuck partition fails
 * the gate however fresh the others are. Failures list the breaching partitions worst first.
 */
public final class FreshnessGate {

    private FreshnessGate() {
    }

    /**
     * @param samples      the samples taken while validating, in any order
     * @param maxLag       the SLA: the largest lag age of any partition, and of Gold, in any sample
     * @param window       how long the samples must span
     * @param maxSampleGap the longest allowed time between consecutive samples
     */
    public static FreshnessResult evaluate(List<FreshnessSample> samples, Duration maxLag, Duration window,
                                           Duration maxSampleGap) {
        List<FreshnessSample> sorted = samples.stream().sorted(Comparator.comparing(FreshnessSample::at)).toList();
        List<String> failures = new ArrayList<>();
        List<String> coverage = new ArrayList<>();
        if (sorted.isEmpty()) {
            failures.add("no freshness samples were taken: sample at least every " + Figures.seconds(maxSampleGap)
                    + " for " + Figures.seconds(window));
            return new FreshnessResult(Verdict.FAIL, failures, 0, null, null, 0, Figures.secondsOf(window), 0,
                    Figures.secondsOf(maxSampleGap), Figures.secondsOf(maxLag), List.of(), 0, 0);
        }
        Instant first = sorted.get(0).at();
        Instant last = sorted.get(sorted.size() - 1).at();
        Duration covered = Duration.between(first, last);
        if (covered.compareTo(window) < 0) {
            coverage.add("the " + sorted.size() + " samples cover " + Figures.seconds(covered) + " (" + first
                    + " to " + last + ") of the required " + Figures.seconds(window) + ": keep sampling");
        }
        Duration largestGap = Duration.ZERO;
        int longGaps = 0;
        Instant gapStart = null;
        for (int i = 1; i < sorted.size(); i++) {
            Duration gap = Duration.between(sorted.get(i - 1).at(), sorted.get(i).at());
            if (gap.compareTo(maxSampleGap) > 0) {
                longGaps++;
            }
            if (gap.compareTo(largestGap) > 0) {
                largestGap = gap;
                gapStart = sorted.get(i - 1).at();
            }
        }
        if (longGaps > 0) {
            coverage.add(longGaps + " gaps between samples are longer than the allowed "
                    + Figures.seconds(maxSampleGap) + ", the longest " + Figures.seconds(largestGap) + " after "
                    + gapStart + ": the window was not watched throughout");
        }

        Map<String, Worst> partitions = new LinkedHashMap<>();
        Duration worstGold = Duration.ZERO;
        int goldBreaches = 0;
        for (FreshnessSample s : sorted) {
            for (PartitionSample p : s.partitions()) {
                partitions.computeIfAbsent(p.name(), n -> new Worst(p.topic(), p.partition())).add(s.at(), p, maxLag);
            }
            if (s.goldLag().compareTo(worstGold) > 0) {
                worstGold = s.goldLag();
            }
            if (s.goldLag().compareTo(maxLag) > 0) {
                goldBreaches++;
            }
        }
        List<Worst> worstFirst = partitions.values().stream().sorted(Comparator.comparing((Worst w) -> w.maxAge)
                .reversed().thenComparing(w -> w.topic).thenComparingInt(w -> w.partition)).toList();
        for (Worst w : worstFirst) {
            if (w.breaches > 0) {
                failures.add(w.topic + "-" + w.partition + " lagged " + Figures.count(w.recordsAtWorst)
                        + " records / " + Figures.seconds(w.maxAge) + " behind at " + w.worstAt + " (limit "
                        + Figures.seconds(maxLag) + "), over the limit in " + w.breaches + " of " + sorted.size()
                        + " samples");
            }
        }
        if (goldBreaches > 0) {
            failures.add("end-to-end freshness (Gold/Silver) lagged up to " + Figures.seconds(worstGold)
                    + " (limit " + Figures.seconds(maxLag) + "), over the limit in " + goldBreaches + " of "
                    + sorted.size() + " samples");
        }
        for (Worst w : worstFirst) {
            if (w.seenIn < sorted.size()) {
                failures.add(w.topic + "-" + w.partition + " is missing from " + (sorted.size() - w.seenIn) + " of "
                        + sorted.size() + " samples: every sample must measure every partition");
            }
        }
        failures.addAll(coverage);
        List<FreshnessResult.PartitionMax> evidence = worstFirst.stream()
                .map(w -> new FreshnessResult.PartitionMax(w.topic, w.partition, Figures.secondsOf(w.maxAge),
                        w.recordsAtWorst, w.worstAt, w.maxRecords, w.breaches, w.seenIn))
                .toList();
        return new FreshnessResult(Results.verdictOf(failures), failures, sorted.size(), first, last,
                Figures.secondsOf(covered), Figures.secondsOf(window), Figures.secondsOf(largestGap),
                Figures.secondsOf(maxSampleGap), Figures.secondsOf(maxLag), evidence, Figures.secondsOf(worstGold),
                goldBreaches);
    }

    /** One partition's worst over the samples. */
    private static final class Worst {
        final String topic;
        final int partition;
        Duration maxAge = Duration.ZERO;
        long recordsAtWorst;
        Instant worstAt;
        long maxRecords;
        int breaches;
        int seenIn;

        Worst(String topic, int partition) {
            this.topic = topic;
            this.partition = partition;
        }

        void add(Instant at, PartitionSample p, Duration maxLag) {
            seenIn++;
            if (worstAt == null || p.lagAge().compareTo(maxAge) > 0) {
                maxAge = p.lagAge();
                recordsAtWorst = p.lagRecords();
                worstAt = at;
            }
            maxRecords = Math.max(maxRecords, p.lagRecords());
            if (p.lagAge().compareTo(maxLag) > 0) {
                breaches++;
            }
        }
    }
}

package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessGateTest {
    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration GAP = Duration.ofSeconds(15);

    private static PartitionSample fresh(String topic, int partition) {
        return new PartitionSample(topic, partition, 0, Duration.ZERO);
    }

    private static PartitionSample behind(String topic, int partition, long records, long seconds) {
        return new PartitionSample(topic, partition, records, Duration.ofSeconds(seconds));
    }

    /** Seven samples ten seconds apart (0 s … 60 s), each with the partitions {@code at(i)} gives. */
    private static List<FreshnessSample> everyTenSeconds(java.util.function.IntFunction<List<PartitionSample>> at,
                                                         Duration goldLag) {
        List<FreshnessSample> out = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            out.add(new FreshnessSample(T0.plusSeconds(10L * i), at.apply(i), goldLag));
        }
        return out;
    }

    @Test
    void freshPartitionsSustainedOverTheWindowPass() {
        List<FreshnessSample> samples = everyTenSeconds(i -> List.of(fresh("orders.cdc", 0),
                behind("orders.cdc", 1, 12, i)), Duration.ofSeconds(5));

        FreshnessResult r = FreshnessGate.evaluate(samples, LIMIT, WINDOW, GAP);

        assertEquals(Verdict.PASS, r.verdict());
        assertEquals(7, r.samples());
        assertEquals(60.0, r.coveredSeconds());
        assertEquals(10.0, r.largestGapSeconds());
        // orders.cdc-1 is i seconds behind in sample i: worst 6 s, first the worst, then the fresh partition.
        assertEquals("orders.cdc", r.partitions().get(0).topic());
        assertEquals(1, r.partitions().get(0).partition());
        assertEquals(6.0, r.partitions().get(0).maxLagSeconds());
        assertEquals(T0.plusSeconds(60), r.partitions().get(0).worstAt());
        assertEquals(5.0, r.worstGoldLagSeconds());
    }

    @Test
    void aStuckPartitionFailsAmongFreshOnesNamingItsWorstLagAndHowOftenItBreached() {
        // inventory.events-3 stops after sample 3: 110 s, 120 s, 130 s behind in samples 4, 5, 6 (all over 90 s).
        List<FreshnessSample> samples = everyTenSeconds(i -> List.of(fresh("inventory.events", 0),
                fresh("inventory.events", 1), fresh("inventory.events", 2),
                i < 4 ? fresh("inventory.events", 3) : behind("inventory.events", 3, 400L * i, 70 + 10L * i)),
                Duration.ofSeconds(5));

        FreshnessResult r = FreshnessGate.evaluate(samples, LIMIT, WINDOW, GAP);

        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(List.of("inventory.events-3 lagged 2,400 records / 130 s behind at 2026-11-20T14:01:00Z"
                + " (limit 90 s), over the limit in 3 of 7 samples"), r.failures());
        assertEquals(3, r.partitions().get(0).breaches());
        assertEquals(2_400, r.partitions().get(0).maxLagRecords());
    }

    @Test
    void samplesThatDoNotCoverTheWindowFail() {
        List<FreshnessSample> samples = everyTenSeconds(i -> List.of(fresh("orders.cdc", 0)), Duration.ZERO)
                .subList(0, 4);

        FreshnessResult r = FreshnessGate.evaluate(samples, LIMIT, WINDOW, GAP);

        assertEquals(List.of("the 4 samples cover 30 s (2026-11-20T14:00:00Z to 2026-11-20T14:00:30Z) of the"
                + " required 60 s: keep sampling"), r.failures());
    }

    @Test
    void aGapBetweenSamplesLongerThanAllowedFails() {
        List<FreshnessSample> samples = new ArrayList<>(everyTenSeconds(i -> List.of(fresh("orders.cdc", 0)),
                Duration.ZERO));
        samples.remove(3);
        samples.remove(3);

        FreshnessResult r = FreshnessGate.evaluate(samples, LIMIT, WINDOW, GAP);

        assertEquals(List.of("1 gaps between samples are longer than the allowed 15 s, the longest 30 s after"
                + " 2026-11-20T14:00:20Z: the window was not watched throughout"), r.failures());
        assertEquals(30.0, r.largestGapSeconds());
    }

    @Test
    void endToEndLagOverTheLimitFails() {
        FreshnessResult r = FreshnessGate.evaluate(everyTenSeconds(i -> List.of(fresh("orders.cdc", 0)),
                Duration.ofMillis(91_500)), LIMIT, WINDOW, GAP);

        assertEquals(List.of("end-to-end freshness (Gold/Silver) lagged up to 91.5 s (limit 90 s), over the limit"
                + " in 7 of 7 samples"), r.failures());
    }

    @Test
    void aPartitionMissingFromSomeSamplesFails() {
        FreshnessResult r = FreshnessGate.evaluate(everyTenSeconds(i -> i == 2 ? List.of(fresh("orders.cdc", 0))
                : List.of(fresh("orders.cdc", 0), fresh("orders.cdc", 1)), Duration.ZERO), LIMIT, WINDOW, GAP);

        assertEquals(List.of("orders.cdc-1 is missing from 1 of 7 samples: every sample must measure every"
                + " partition"), r.failures());
    }

    @Test
    void noSamplesFail() {
        assertEquals(Verdict.FAIL, FreshnessGate.evaluate(List.of(), LIMIT, WINDOW, GAP).verdict());
    }
}

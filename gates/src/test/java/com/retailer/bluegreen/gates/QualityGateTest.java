package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.retailer.bluegreen.layout.Colour;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityGateTest {
    private static final Colours GREEN_VS_BLUE = new Colours(Colour.GREEN, Colour.BLUE);
    private static final Map<String, Double> ONE_PERCENT = Map.of("*", 0.01);

    private static ExpectationCounts counts(String expectation, long evaluated, long failed) {
        return new ExpectationCounts("shipments", expectation, "quarantine", evaluated, failed);
    }

    @Test
    void aRateAboveTheThresholdAndWorseThanLiveFailsWithBothColoursRates() {
        QualityResult r = QualityGate.evaluate(GREEN_VS_BLUE, List.of(counts("valid_status", 10_000, 510)),
                List.of(counts("valid_status", 10_000, 42)), ONE_PERCENT, 0.005);

        // 510/10,000 = 5.10%; 42/10,000 = 0.42%; difference 4.68 pp
        assertEquals(List.of("shipments.valid_status: green 5.10% (510 of 10,000) vs blue 0.42% (42 of 10,000),"
                + " margin 0.50 pp; threshold 1.00%: above the threshold and 4.68 pp worse than blue"), r.failures());
        assertEquals(0.051, r.expectations().get(0).candidateRate(), 1e-15);
        assertEquals(0.0042, r.expectations().get(0).liveRate(), 1e-15);
    }

    @Test
    void aRateUnderTheThresholdButWorseThanLiveByMoreThanTheMarginFails() {
        QualityResult r = QualityGate.evaluate(GREEN_VS_BLUE, List.of(counts("valid_status", 1_000, 8)),
                List.of(counts("valid_status", 1_000, 1)), Map.of("shipments.valid_status", 0.02), 0.005);

        assertEquals(List.of("shipments.valid_status: green 0.80% (8 of 1,000) vs blue 0.10% (1 of 1,000), margin"
                + " 0.50 pp; threshold 2.00%: 0.70 pp worse than blue"), r.failures());
    }

    @Test
    void aRateExactlyAtTheMarginPasses() {
        // 92/10,000 − 42/10,000 = 0.005 exactly, though the doubles differ by a rounding error.
        QualityResult r = QualityGate.evaluate(GREEN_VS_BLUE, List.of(counts("valid_status", 10_000, 92)),
                List.of(counts("valid_status", 10_000, 42)), ONE_PERCENT, 0.005);

        assertEquals(Verdict.PASS, r.verdict());
    }

    @Test
    void withoutALiveBaselineOnlyTheThresholdAppliesAndTheEvidenceSaysSo() {
        QualityResult r = QualityGate.evaluate(Colours.withoutLive(Colour.GREEN),
                List.of(counts("valid_status", 1_000, 5), counts("shipment_id_present", 1_000, 20)), List.of(),
                ONE_PERCENT, 0.005);

        assertEquals(List.of("shipments.shipment_id_present: green 2.00% (20 of 1,000), no live baseline; threshold"
                + " 1.00%: above the threshold"), r.failures());
        QualityResult.ExpectationRate status = r.expectations().get(1);
        assertEquals("valid_status", status.expectation());
        assertNull(status.liveRate());
        assertEquals("no live baseline; only the threshold applies", status.note());
    }

    @Test
    void nothingEvaluatedCountsAsRateZeroAndIsNoted() {
        QualityResult r = QualityGate.evaluate(GREEN_VS_BLUE, List.of(counts("valid_status", 0, 0)),
                List.of(counts("valid_status", 100, 0)), ONE_PERCENT, 0.005);

        assertEquals(Verdict.PASS, r.verdict());
        assertEquals(0.0, r.expectations().get(0).candidateRate());
        assertEquals("no rows evaluated in green; rate taken as 0", r.expectations().get(0).note());
    }

    @Test
    void anExpectationWithoutAThresholdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QualityGate.evaluate(GREEN_VS_BLUE,
                List.of(counts("valid_status", 10, 0)), List.of(), Map.of("orders.x", 0.1), 0.005));
    }

    @Test
    void countsListedTwiceAreRefusedRatherThanDoubleCounted() {
        assertThrows(IllegalArgumentException.class, () -> QualityGate.evaluate(GREEN_VS_BLUE,
                List.of(counts("valid_status", 10, 0), counts("valid_status", 10, 0)), List.of(), ONE_PERCENT, 0));
    }

    @Test
    void anExpectationTheCandidateNoLongerRecordsIsListed() {
        QualityResult r = QualityGate.evaluate(GREEN_VS_BLUE, List.of(counts("valid_status", 10, 0)),
                List.of(counts("valid_status", 10, 0), counts("carrier_known", 10, 0)), ONE_PERCENT, 0.005);

        assertEquals(List.of("shipments.carrier_known"), r.onlyInLive());
    }
}

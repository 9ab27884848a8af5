package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.retailer.bluegreen.layout.Colour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconciliationGateTest {
    private static final Colours GREEN_VS_BLUE = new Colours(Colour.GREEN, Colour.BLUE);
    private static final Instant H13 = Instant.parse("2026-11-20T13:00:00Z");
    private static final Instant H14 = Instant.parse("2026-11-20T14:00:00Z");

    private static TableReconciliation.Bucket bucket(Instant hour, long live, long green, String liveHash,
                                                     String greenHash) {
        return new TableReconciliation.Bucket(hour, live, green, liveHash, greenHash, 0, 0, 0, 0);
    }

    private static TableReconciliation table(String name, Optional<IntendedDifference> intended,
                                             TableReconciliation.Bucket... buckets) {
        return new TableReconciliation(name, 7, 3, Map.of(0, 10L), Map.of(0, 500L), intended, List.of(buckets));
    }

    @Test
    void equalHoursPassWithTotalsSummedAndHashesAddedModTwoToTheSixtyFour() {
        TableReconciliation t = table("orders", Optional.empty(),
                bucket(H13, 3, 3, "ffffffffffffffff", "ffffffffffffffff"),
                bucket(H14, 2, 2, "0000000000000002", "0000000000000002"));

        ReconciliationResult r = ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(t));

        assertEquals(Verdict.PASS, r.verdict());
        ReconciliationResult.TableOutcome o = r.tables().get(0);
        assertEquals(ReconciliationResult.Match.EQUAL, o.match());
        assertEquals(5, o.liveRows());
        assertEquals(2, o.hours());
        // 0xffff_ffff_ffff_ffff + 2 = 2^64 + 1 ≡ 1 (mod 2^64)
        assertEquals("0000000000000001", o.liveHash());
    }

    @Test
    void rowsOnlyBeyondTheCutAreNoEvidenceAndFailWhileNoRowsAtAllPass() {
        TableReconciliation nothingYet = table("orders", Optional.empty(),
                new TableReconciliation.Bucket(H13, 0, 0, "0000000000000000", "0000000000000000", 40, 0, 2, 0));

        ReconciliationResult r = ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(nothingYet));

        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(List.of("orders: nothing to compare yet: every row of both colours since green's bootstrap lies"
                + " beyond the offset cut or is excluded with it (blue 42, green 0 rows); green has committed nothing"
                + " past its bootstrap. Let it process data and validate again"), r.failures());

        TableReconciliation quiet = table("shipments", Optional.empty());
        assertEquals(Verdict.PASS, ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(quiet)).verdict(),
                "a table without rows on either side has nothing to disagree about");
    }

    @Test
    void aHourWithFewerCandidateRowsFailsNamingTableHourAndCounts() {
        TableReconciliation t = table("inventory_movements", Optional.empty(),
                bucket(H13, 1204, 1180, "00000000000000aa", "00000000000000bb"),
                bucket(H14, 5, 5, "0000000000000001", "0000000000000001"));

        ReconciliationResult r = ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(t));

        assertEquals(List.of("inventory_movements hour 2026-11-20T13:00Z: blue 1,204 rows, green 1,180 (24 fewer),"
                + " content hash differs"), r.failures());
        assertEquals(24, r.tables().get(0).countDelta());
        assertEquals(List.of(H13), r.tables().get(0).differing().stream().map(TableReconciliation.Bucket::hour)
                .toList());
    }

    @Test
    void equalCountsWithDifferentContentFailByHash() {
        TableReconciliation t = table("orders", Optional.empty(), bucket(null, 4, 4, "0000000000000001",
                "0000000000000002"));

        assertEquals(List.of("orders hour no business time: blue 4 rows, green 4 (same count), content hash"
                + " differs"), ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(t)).failures());
    }

    @Test
    void aDeclaredDifferenceWithinItsAllowancePassesAndKeepsTheDifferingHoursInTheEvidence() {
        IntendedDifference test = new IntendedDifference("orders", "test orders no longer loaded", 3);
        TableReconciliation t = table("orders", Optional.of(test),
                bucket(H13, 10, 8, "0000000000000001", "0000000000000002"),
                bucket(H14, 10, 11, "0000000000000003", "0000000000000004"));

        ReconciliationResult r = ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(t));

        assertEquals(Verdict.PASS, r.verdict());
        assertEquals(List.of(), r.failures());
        assertEquals(ReconciliationResult.Match.INTENDED, r.tables().get(0).match());
        assertEquals(3, r.tables().get(0).countDelta());
        assertEquals(2, r.tables().get(0).differing().size());
        assertEquals(test, r.tables().get(0).intended());
    }

    @Test
    void aDifferenceBeyondTheDeclaredAllowanceFails() {
        TableReconciliation t = table("orders", Optional.of(new IntendedDifference("orders", "dedup fix", 1)),
                bucket(H13, 10, 8, "0000000000000001", "0000000000000002"));

        List<String> failures = ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(t)).failures();

        assertEquals("orders differs by 2 rows over 1 hour, more than the 1 the release declares as intended"
                + " (dedup fix)", failures.get(0));
        assertEquals(2, failures.size());
    }

    @Test
    void manyDifferingHoursAreListedUpToALimitAndCounted() {
        List<TableReconciliation.Bucket> buckets = new ArrayList<>();
        for (int h = 0; h < 25; h++) {
            buckets.add(bucket(H13.plusSeconds(3600L * h), 2, 1, "0000000000000001", "0000000000000002"));
        }
        TableReconciliation t = new TableReconciliation("shipments", 1, 1, Map.of(), Map.of(0, 9L),
                Optional.empty(), buckets);

        List<String> failures = ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(t)).failures();

        assertEquals(21, failures.size());
        assertEquals("shipments: 5 more hours differ (all are in the evidence)", failures.get(20));
    }

    @Test
    void withoutALiveColourTheGateIsNotApplicable() {
        ReconciliationResult r = ReconciliationGate.evaluate(Colours.withoutLive(Colour.GREEN), List.of());

        assertEquals(Verdict.NOT_APPLICABLE, r.verdict());
        assertEquals("no live colour to reconcile green against", r.notApplicableBecause());
    }
}

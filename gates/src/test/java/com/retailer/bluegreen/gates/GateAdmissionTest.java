package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.ReleaseRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Promotion needs the candidate's latest report to be of its running generation, passing and young enough. */
class GateAdmissionTest {
    private static final Instant AT = Instant.parse("2026-11-20T14:00:00Z");
    private static final GateAdmission ADMISSION = new GateAdmission(Map.of(Colour.BLUE, 1, Colour.GREEN, 2),
            Duration.ofHours(1));

    private static AuditRecord report(long sequence, String candidate, int generation, Instant at, boolean pass) {
        Colours colours = new Colours(Colour.parse(candidate), Colour.parse(candidate).other());
        GateResult failing = ReconciliationGate.evaluate(colours, List.of(new TableReconciliation("orders", 4, 2,
                Map.of(), Map.of(0, 20L), java.util.Optional.empty(), List.of(new TableReconciliation.Bucket(
                Instant.parse("2026-11-20T13:00:00Z"), 3, 2, "00000000000000ff", "0000000000000011", 0, 0, 0,
                0)))));
        List<GateResult> results = List.of(ReconciliationGate.notApplicable("first"),
                SchemaGate.evaluate(colours, com.retailer.bluegreen.publish.Contract.of(List.of(
                        com.retailer.bluegreen.publish.Contract.View.of("v", "t", "a", "STRING"))),
                        Map.of("t", List.of(new TableColumn("a", "STRING", true))), Map.of(),
                        WriterSchemaFindings.none()),
                FreshnessGate.evaluate(List.of(new FreshnessSample(at, List.of(), Duration.ZERO)), Duration.ofSeconds(90),
                        Duration.ZERO, Duration.ofSeconds(30)),
                QualityGate.evaluate(colours, List.of(), List.of(), Map.of("*", 0.01), 0.005));
        if (!pass) {
            results = List.of(failing, results.get(1), results.get(2), results.get(3));
        }
        GateReport r = new GateReport(candidate, generation, candidate.equals("green") ? "blue" : "green", "r",
                at.minusSeconds(30), at, results);
        return AuditRecord.seal(sequence, new AuditDraft("VALIDATE", "ci", at, null, candidate, 1, "r", "sha",
                Map.of(), r.toJson()), AuditRecord.GENESIS_HASH);
    }

    private static String refused(List<AuditRecord> reports, Instant now) {
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> ADMISSION.admit(Colour.GREEN, "r", reports, now));
        assertEquals(ReleaseRefusedException.Reason.NOT_VALIDATED, e.reason());
        return e.getMessage();
    }

    @Test
    void aPassingReportOfTheRunningGenerationYoungerThanTheLimitAdmitsAndIsNamedInTheAuditRecord() {
        Map<String, String> admitted = ADMISSION.admit(Colour.GREEN, "r", List.of(report(7, "green", 2, AT, true)),
                AT.plus(Duration.ofMinutes(59)));
        assertEquals("gates", admitted.get("kind"));
        assertEquals("7", admitted.get("reportSequence"));
    }

    @Test
    void noReportAFailedReportAStaleReportOrAnotherGenerationsReportRefuse() {
        assertTrue(refused(List.of(report(1, "blue", 1, AT, true)), AT).contains("no gate report for green"));
        assertTrue(refused(List.of(report(1, "green", 2, AT, true), report(2, "green", 2, AT, false)), AT)
                .contains("the reconciliation gate failed"), "the latest report counts");
        String stale = refused(List.of(report(1, "green", 2, AT, true)), AT.plus(Duration.ofMinutes(61)));
        assertTrue(stale.contains("is PT1H1M old, older than gates.maxReportAge PT1H"), stale);
        assertTrue(refused(List.of(report(1, "green", 1, AT, true)), AT).contains("is of generation 1, but"
                + " generation 2 is running"));
    }
}

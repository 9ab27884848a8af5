package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.publish.Admission;

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
                () -> ADMISSION.admit(new Admission.Promotion(Colour.GREEN, "r", "sha"), reports, now));
        assertEquals(ReleaseRefusedException.Reason.NOT_VALIDATED, e.reason());
        return e.getMessage();
    }

    @Test
    void aPassingReportOfTheRunningGenerationYoungerThanTheLimitAdmitsAndIsNamedInTheAuditRecord() {
        Map<String, String> admitted = ADMISSION.admit(new Admission.Promotion(Colour.GREEN, "r", "sha"), List.of(report(7, "green", 2, AT, true)),
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

    // ---- issue 9, item 6: gate evidence bound to what is promoted ----

    private static final GateThresholds DEPLOYED = new GateThresholds(Duration.ofSeconds(90), Duration.ofMinutes(2),
            Map.of("*", 0.01, "orders.status_known", 0.001), 0.005, Map.of());
    private static final GateAdmission BOUND = new GateAdmission(Map.of(Colour.BLUE, 1, Colour.GREEN, 2),
            Duration.ofHours(1), DEPLOYED);

    private static AuditRecord judgedBy(GateThresholds thresholds, String releaseId, String gitSha) {
        GateReport plain = GateReport.fromJson(report(9, "green", 2, AT, true).details());
        GateReport r = new GateReport("green", 2, "blue", releaseId, plain.startedAt(), plain.finishedAt(),
                plain.results(), thresholds);
        return AuditRecord.seal(9, new AuditDraft("VALIDATE", "ci", AT, "blue", "green", 1, releaseId, gitSha,
                Map.of(), r.toJson()), AuditRecord.GENESIS_HASH);
    }

    private static String boundRefusal(AuditRecord report, String releaseId, String gitSha) {
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> BOUND.admit(
                new Admission.Promotion(Colour.GREEN, releaseId, gitSha), List.of(report), AT.plusSeconds(60)));
        assertEquals(ReleaseRefusedException.Reason.NOT_VALIDATED, e.reason());
        return e.getMessage();
    }

    @Test
    void a_report_judged_by_the_deployed_thresholds_for_this_release_and_artifact_admits() {
        Map<String, String> admitted = BOUND.admit(new Admission.Promotion(Colour.GREEN, "r-7", "sha-7"),
                List.of(judgedBy(DEPLOYED, "r-7", "sha-7")), AT.plusSeconds(60));
        assertEquals("gates", admitted.get("kind"));
        GateThresholds stricter = new GateThresholds(Duration.ofSeconds(60), Duration.ofMinutes(5),
                Map.of("*", 0.001), 0.0, Map.of());
        assertEquals("9", BOUND.admit(new Admission.Promotion(Colour.GREEN, "r-7", "sha-7"),
                List.of(judgedBy(stricter, "r-7", "sha-7")), AT.plusSeconds(60)).get("reportSequence"));
    }

    @Test
    void a_report_of_another_release_or_another_artifact_admits_nothing() {
        String release = boundRefusal(judgedBy(DEPLOYED, "r-6", "sha-7"), "r-7", "sha-7");
        assertTrue(release.contains("judged release r-6, not this one"), release);
        String artifact = boundRefusal(judgedBy(DEPLOYED, "r-7", "sha-6"), "r-7", "sha-7");
        assertTrue(artifact.contains("made by the artifact of git SHA sha-6, but the one promoting is sha-7"),
                artifact);
    }

    @Test
    void a_report_judged_more_leniently_than_the_deployed_configuration_admits_nothing() {
        GateThresholds lenient = new GateThresholds(Duration.ofSeconds(300), Duration.ofSeconds(30),
                Map.of("*", 0.05), 0.01, Map.of("orders", "a new status mapping"));
        String message = boundRefusal(judgedBy(lenient, "r-7", "sha-7"), "r-7", "sha-7");
        for (String looser : List.of("freshness maxLag PT5M > PT1M30S", "freshness window PT30S < PT2M",
                "quality margin 0.01 > 0.005", "quality maxFailureRate of * 0.05 > 0.01",
                "quality maxFailureRate of orders.status_known 0.05 > 0.001",
                "reconciliation allowed orders's content to differ")) {
            assertTrue(message.contains(looser), looser + " in: " + message);
        }
        String none = boundRefusal(judgedBy(null, "r-7", "sha-7"), "r-7", "sha-7");
        assertTrue(none.contains("it records no thresholds"), none);
    }
}

package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.publish.Contract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateReportTest {
    private static final Colours GREEN_VS_BLUE = new Colours(Colour.GREEN, Colour.BLUE);
    private static final Instant START = Instant.parse("2026-11-20T14:00:00Z");

    private static SchemaResult schema() {
        Contract contract = Contract.of(List.of(Contract.View.of("orders", "orders", "order_id", "STRING")));
        return SchemaGate.evaluate(GREEN_VS_BLUE, contract,
                Map.of("orders", List.of(new TableColumn("order_id", "string", false),
                        new TableColumn("channel", "string", true))),
                Map.of(), new WriterSchemaFindings(List.of(new WriterSchemaFindings.Finding(Domain.ORDERS, 2,
                        WriterSchemaFindings.Compatibility.COMPATIBLE, null))));
    }

    private static ReconciliationResult reconciliation(long greenRows) {
        TableReconciliation.Bucket b = new TableReconciliation.Bucket(Instant.parse("2026-11-20T13:00:00Z"), 3,
                greenRows, "00000000000000ff", greenRows == 3 ? "00000000000000ff" : "0000000000000011", 1, 0, 0, 1);
        return ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(new TableReconciliation("orders", 4, 2,
                Map.of(0, 10L), Map.of(0, 20L, 1, 5L), Optional.of(new IntendedDifference("orders", "why", 0)),
                List.of(b))));
    }

    private static FreshnessResult freshness() {
        List<FreshnessSample> samples = new ArrayList<>();
        for (int i = 0; i <= 2; i++) {
            samples.add(new FreshnessSample(START.plusSeconds(30L * i), List.of(new PartitionSample("orders.cdc", 0,
                    i, Duration.ofMillis(1500L * i))), Duration.ofSeconds(4)));
        }
        return FreshnessGate.evaluate(samples, Duration.ofSeconds(90), Duration.ofSeconds(60),
                Duration.ofSeconds(30));
    }

    private static QualityResult quality() {
        return QualityGate.evaluate(GREEN_VS_BLUE, List.of(new ExpectationCounts("orders", "amount_positive", "warn",
                1_000, 3)), List.of(new ExpectationCounts("orders", "amount_positive", "warn", 900, 2)),
                Map.of("*", 0.01), 0.005);
    }

    private static GateReport report(List<GateResult> results) {
        return new GateReport("green", 2, "blue", "r-42", START, START.plusSeconds(75), results);
    }

    @Test
    void aReportWithFourPassingOrNotApplicableGatesPasses() {
        GateReport r = report(List.of(quality(), freshness(), reconciliation(3), schema()));

        assertTrue(r.passed(), r.table());
        assertEquals(GateResult.GATES, r.results().stream().map(GateResult::gate).toList());
        assertEquals(Optional.empty(), r.firstFailure());
    }

    @Test
    void aMissingGateOrAFailedOneKeepsTheReportFromPassing() {
        GateReport missing = report(List.of(schema(), reconciliation(3), freshness()));
        assertFalse(missing.passed());
        assertEquals(List.of("quality"), missing.missingGates());

        GateReport failed = report(List.of(schema(), reconciliation(2), freshness(), quality()));
        assertFalse(failed.passed());
        assertEquals("reconciliation", failed.firstFailure().orElseThrow().gate());
    }

    @Test
    void theJsonReadsBackToAnEqualReportAndTheSameText() {
        GateReport r = report(List.of(schema(), reconciliation(2), freshness(), quality()));

        String json = r.toJson();
        GateReport back = GateReport.fromJson(json);

        assertEquals(r, back);
        assertEquals(json, back.toJson());
    }

    @Test
    void theJsonHasAFixedFieldOrder() throws Exception {
        JsonNode root = Json.MAPPER.readTree(report(List.of(schema(), reconciliation(2), freshness(), quality()))
                .toJson());

        List<String> fields = new ArrayList<>();
        root.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("format", "candidate", "candidateGeneration", "live", "releaseId", "startedAt",
                "finishedAt", "passed", "results"), fields);
        List<String> evidence = new ArrayList<>();
        root.path("results").get(0).path("evidence").fieldNames().forEachRemaining(evidence::add);
        assertEquals(List.of("columns", "added", "missingTables", "writerSchemas"), evidence);
        JsonNode table = root.path("results").get(1).path("evidence").path("tables").get(0);
        assertEquals("{\"0\":20,\"1\":5}", table.path("cut").toString());
        assertEquals("2026-11-20T13:00:00Z", table.path("differing").get(0).path("hour").asText());
    }

    @Test
    void aTextOfAnotherFormatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GateReport.fromJson("{\"format\":\"audit-record/v1\"}"));
    }

    @Test
    void theTableShowsEachGatesVerdictFiguresAndFirstFailure() {
        String table = report(List.of(schema(), reconciliation(2), freshness())).table();

        String[] lines = table.split("\n");
        assertEquals("Gates for green (generation 2) vs blue, release r-42: NOT PASSED", lines[0]);
        assertTrue(lines[1].startsWith("gate           | verdict | key figures"), lines[1]);
        assertTrue(lines[3].startsWith("schema         | PASS    | 1 columns (0 failing, 1 added), 0 tables missing, 1"
                + " writer schemas (0 bad, 0 unknown) | -"), lines[3]);
        assertTrue(lines[4].startsWith("reconciliation | FAIL    | 1 table, 2 candidate rows compared, 1 hour"
                + " differing, 2 excluded"), lines[4]);
        assertTrue(lines[4].endsWith("| orders differs by 1 row over 1 hour, more than the 0 the release declares as"
                + " intended (why)"), lines[4]);
        assertTrue(lines[6].startsWith("quality        | MISSING | -"), lines[6]);
        assertEquals("  reconciliation: orders hour 2026-11-20T13:00Z: blue 3 rows, green 2 (1 fewer), content hash"
                + " differs", lines[8]);
    }
}

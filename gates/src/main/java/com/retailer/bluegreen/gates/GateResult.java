package com.retailer.bluegreen.gates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one gate found about a candidate colour: a verdict, the reasons when it failed, and every number it looked
 * at. The set of gates is closed: a report is complete when it holds one result of each kind.
 */
public sealed interface GateResult permits SchemaResult, ReconciliationResult, FreshnessResult, QualityResult {

    /** The gate's name: {@code schema}, {@code reconciliation}, {@code freshness} or {@code quality}. */
    String gate();

    Verdict verdict();

    /**
     * One sentence per problem, naming table, column, hour or partition and the numbers, e.g.
     * {@code inventory_movements hour 2026-11-20T13:00Z: blue 1,204 rows, green 1,180 (24 fewer), content hash
     * differs}. Empty unless the verdict is {@link Verdict#FAIL}.
     */
    List<String> failures();

    /**
     * The result's typed evidence as JSON: all the figures, not only the ones that failed. It is the record's
     * components other than the verdict and failures, so every result type's evidence has the shape of its record.
     */
    default JsonNode evidence() {
        return Json.evidence(this);
    }

    /** The key figures in one short line, for the text table. */
    String summary();

    /** The names of the four gates, in report order. */
    List<String> GATES = List.of("schema", "reconciliation", "freshness", "quality");
}

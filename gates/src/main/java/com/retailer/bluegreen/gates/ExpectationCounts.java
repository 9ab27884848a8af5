package com.retailer.bluegreen.gates;

import java.util.Objects;

/**
 * One expectation's totals in one colour over the validation period: rows evaluated and rows that failed it, summed
 * over batches with each batch id counted once (a replayed batch records the same id).
 *
 * @param action what the pipeline does with a failing row: {@code warn}, {@code drop}, {@code quarantine} or
 *               {@code fail} (shown in the evidence; the gate judges every action alike)
 */
public record ExpectationCounts(String table, String expectation, String action, long evaluated, long failed) {

    public ExpectationCounts {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(expectation, "expectation");
        if (evaluated < 0 || failed < 0 || failed > evaluated) {
            throw new IllegalArgumentException("expectation " + table + "." + expectation + " must have"
                    + " 0 <= failed <= evaluated, had " + failed + " of " + evaluated);
        }
    }

    /** {@code table.expectation}, the key thresholds are given under. */
    public String key() {
        return table + "." + expectation;
    }

    /** failed / evaluated; 0 when nothing was evaluated. */
    public double rate() {
        return evaluated == 0 ? 0 : (double) failed / evaluated;
    }
}

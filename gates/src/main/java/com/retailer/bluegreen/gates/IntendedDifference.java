package com.retailer.bluegreen.gates;

/**
 * A difference between the colours that a release declares on purpose, for one table: say a release that fixes how
 * a column is derived (same rows, other content) or stops loading test orders (fewer rows).
 *
 * <p>The shape is deliberately small. Within a declared table the content hash may differ in any hour (a hash cannot
 * tell an intended content change from another one), and the row counts may differ by at most
 * {@code maxCountDelta} in total: the sum over hours of {@code |live rows − candidate rows|}, so a row that moves
 * from one hour to another counts twice. {@code 0} therefore means "same rows, changed content". A table within its
 * allowance passes and its evidence shows every differing hour; beyond it, the table fails as if nothing were
 * declared. Tables without a declaration must match exactly.
 *
 * @param table         the table the release changes on purpose
 * @param reason        why, for the people approving the release (shown in the evidence)
 * @param maxCountDelta the largest total absolute row-count difference accepted
 */
public record IntendedDifference(String table, String reason, long maxCountDelta) {

    public IntendedDifference {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("an intended difference names the table it applies to");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("the intended difference for " + table + " needs a reason: the"
                    + " approver sees it next to the differing hours");
        }
        if (maxCountDelta < 0) {
            throw new IllegalArgumentException("maxCountDelta of the intended difference for " + table
                    + " must be >= 0, was " + maxCountDelta);
        }
    }
}

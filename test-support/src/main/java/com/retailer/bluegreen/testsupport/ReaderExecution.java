package com.retailer.bluegreen.testsupport;

import java.util.Map;
import java.util.Set;

/**
 * One execution of a {@link ReaderQuery} by a reader of {@link ViewReaders}.
 *
 * @param query      the query's name
 * @param startMs    when it was sent, epoch milliseconds
 * @param latencyMs  from sending it to having read the last row, milliseconds
 * @param ok         whether it returned a result
 * @param error      why it failed (the driver's message), null if ok
 * @param rows       rows read
 * @param releaseIds per release-id column, the distinct values seen in the result (empty when failed)
 */
public record ReaderExecution(String query, long startMs, double latencyMs, boolean ok, String error, long rows,
                              Map<String, Set<String>> releaseIds) {
    public ReaderExecution {
        releaseIds = Map.copyOf(releaseIds);
    }

    public long endMs() {
        return startMs + (long) Math.ceil(latencyMs);
    }

    /** A release-id column held more than one value: the result mixed two releases of one view. */
    public boolean mixed() {
        return releaseIds.values().stream().anyMatch(ids -> ids.size() > 1);
    }

    /** A successful result in which some release-id column held no value (no rows, or NULL). */
    public boolean withoutReleaseId() {
        return ok && releaseIds.values().stream().anyMatch(Set::isEmpty);
    }
}

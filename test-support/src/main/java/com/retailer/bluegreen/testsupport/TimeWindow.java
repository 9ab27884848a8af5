package com.retailer.bluegreen.testsupport;

/**
 * A named stretch of time, e.g. one view swap ({@code swap}) or a quiet period ({@code steady}). Reader executions
 * that overlap it count towards it; windows sharing a name are summarised together.
 *
 * @param name    the group the window belongs to
 * @param startMs epoch milliseconds, inclusive
 * @param endMs   epoch milliseconds, exclusive
 */
public record TimeWindow(String name, long startMs, long endMs) {
    public TimeWindow {
        if (endMs < startMs) {
            throw new IllegalArgumentException("Window '" + name + "' ends (" + endMs + ") before it starts ("
                    + startMs + ").");
        }
    }

    boolean overlaps(ReaderExecution e) {
        return e.startMs() < endMs && e.endMs() >= startMs;
    }
}

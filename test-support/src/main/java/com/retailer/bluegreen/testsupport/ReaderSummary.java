package com.retailer.bluegreen.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the readers of {@link ViewReaders} saw, as numbers a test asserts on and the demo prints.
 *
 * @param queries                  executions in all
 * @param failures                 executions that returned an error
 * @param firstFailures            the first few failures, {@code <query>: <message>}
 * @param mixedResults             results in which one release-id column held more than one value
 * @param firstMixed               the first few of them, {@code <query>: <column>=<values>}
 * @param resultsWithoutReleaseId  successful results in which a release-id column held no value
 * @param latency                  latency of all executions
 * @param windows                  per window name (see {@link TimeWindow}), the executions overlapping it
 * @param perQuery                 per query name
 */
public record ReaderSummary(long queries, long failures, List<String> firstFailures, long mixedResults,
                            List<String> firstMixed, long resultsWithoutReleaseId, Latency latency,
                            Map<String, Stats> windows, Map<String, Stats> perQuery) {
    private static final int FIRST = 5;

    public ReaderSummary {
        firstFailures = List.copyOf(firstFailures);
        firstMixed = List.copyOf(firstMixed);
        windows = Collections.unmodifiableMap(new TreeMap<>(windows));
        perQuery = Collections.unmodifiableMap(new TreeMap<>(perQuery));
    }

    /**
     * Latency in milliseconds.
     *
     * @param p50 median (nearest rank)
     * @param p99 99th percentile (nearest rank)
     * @param max slowest
     */
    public record Latency(double p50, double p99, double max) {
        static Latency of(Collection<ReaderExecution> executions) {
            double[] ms = executions.stream().mapToDouble(ReaderExecution::latencyMs).sorted().toArray();
            if (ms.length == 0) {
                return new Latency(0, 0, 0);
            }
            return new Latency(rank(ms, 0.50), rank(ms, 0.99), ms[ms.length - 1]);
        }

        private static double rank(double[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    /**
     * A subset of executions (one query, or one window group).
     *
     * @param queries    executions
     * @param failures   failed executions
     * @param mixed      results mixing releases of one view
     * @param latency    their latency
     * @param releaseIds per release-id column, per value, the number of results in which it appeared
     */
    public record Stats(long queries, long failures, long mixed, Latency latency,
                        Map<String, Map<String, Long>> releaseIds) {
        public Stats {
            releaseIds = Collections.unmodifiableMap(new TreeMap<>(releaseIds));
        }

        static Stats of(Collection<ReaderExecution> executions) {
            Map<String, Map<String, Long>> ids = new TreeMap<>();
            for (ReaderExecution e : executions) {
                e.releaseIds().forEach((column, values) -> values.forEach(v ->
                        ids.computeIfAbsent(column, c -> new TreeMap<>()).merge(v, 1L, Long::sum)));
            }
            return new Stats(executions.size(), count(executions, e -> !e.ok()),
                    count(executions, ReaderExecution::mixed), Latency.of(executions), ids);
        }
    }

    /** Summarises {@code executions}, with latency and counts per window group for {@code windows}. */
    public static ReaderSummary of(List<ReaderExecution> executions, List<TimeWindow> windows) {
        List<String> firstFailures = new ArrayList<>();
        List<String> firstMixed = new ArrayList<>();
        for (ReaderExecution e : executions) {
            if (!e.ok() && firstFailures.size() < FIRST) {
                firstFailures.add(e.query() + ": " + e.error());
            }
            if (e.mixed() && firstMixed.size() < FIRST) {
                e.releaseIds().forEach((column, ids) -> {
                    if (ids.size() > 1) {
                        firstMixed.add(e.query() + ": " + column + "=" + ids);
                    }
                });
            }
        }
        Map<String, List<ReaderExecution>> byQuery = new LinkedHashMap<>();
        executions.forEach(e -> byQuery.computeIfAbsent(e.query(), q -> new ArrayList<>()).add(e));
        Map<String, Stats> perQuery = new TreeMap<>();
        byQuery.forEach((q, list) -> perQuery.put(q, Stats.of(list)));
        Map<String, List<ReaderExecution>> byWindow = new LinkedHashMap<>();
        for (TimeWindow w : windows) {
            byWindow.computeIfAbsent(w.name(), n -> new ArrayList<>());
        }
        for (ReaderExecution e : executions) {
            windows.stream().filter(w -> w.overlaps(e)).map(TimeWindow::name).distinct()
                    .forEach(n -> byWindow.get(n).add(e));
        }
        Map<String, Stats> perWindow = new TreeMap<>();
        byWindow.forEach((n, list) -> perWindow.put(n, Stats.of(list)));
        return new ReaderSummary(executions.size(), count(executions, e -> !e.ok()), firstFailures,
                count(executions, ReaderExecution::mixed), firstMixed,
                count(executions, ReaderExecution::withoutReleaseId), Latency.of(executions), perWindow, perQuery);
    }

    private static long count(Collection<ReaderExecution> executions, Predicate<ReaderExecution> p) {
        return executions.stream().filter(p).count();
    }

    /** One line for logs and the demo. */
    public String oneLine() {
        return String.format("%d queries, %d failed, %d mixed, %d without release id; latency p50 %.0f ms, "
                        + "p99 %.0f ms, max %.0f ms", queries, failures, mixedResults, resultsWithoutReleaseId,
                latency.p50(), latency.p99(), latency.max());
    }
}

package com.retailer.bluegreen.demo;

import com.retailer.bluegreen.job.BatchReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * Where a micro-batch's time goes, per query: Spark's own trigger phases ({@code durationMs} of each progress
 * event: latestOffset, queryPlanning, getBatch, addBatch, walCommit, commitOffsets, triggerExecution) and, inside
 * addBatch, the job's steps ({@link BatchReport#steps()}: decode + Bronze append, Silver MERGE, counts, metrics
 * append; each Gold table's MERGE). Mean and p50 over the batches that processed records.
 */
final class BatchBreakdown implements Consumer<BatchReport> {
    private final Map<String, List<Map<String, Long>>> phases = new ConcurrentHashMap<>();
    private final List<BatchReport> reports = new CopyOnWriteArrayList<>();
    private final StreamingQueryListener listener = new StreamingQueryListener() {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            var p = event.progress();
            if (p.numInputRows() > 0 && p.name() != null) {
                Map<String, Long> d = new LinkedHashMap<>();
                p.durationMs().forEach((k, v) -> d.put(k, v));
                phases.computeIfAbsent(p.name(), k -> new CopyOnWriteArrayList<>()).add(d);
            }
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
        }
    };

    /** Starts listening to {@code spark}'s queries; the job's reports arrive through {@link #accept}. */
    static BatchBreakdown listen(SparkSession spark) {
        BatchBreakdown b = new BatchBreakdown();
        spark.streams().addListener(b.listener);
        return b;
    }

    void stop(SparkSession spark) {
        spark.streams().removeListener(listener);
    }

    @Override
    public void accept(BatchReport r) {
        if (r.total() > 0) {
            reports.add(r);
        }
    }

    /** One block of lines per query: its batches, then mean / p50 ms of each phase and step. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        Map<String, List<Map<String, Long>>> steps = new LinkedHashMap<>();
        for (BatchReport r : reports) {
            steps.computeIfAbsent(r.query().id(), k -> new ArrayList<>()).add(r.steps());
        }
        for (var e : new java.util.TreeMap<>(phases).entrySet()) {
            String query = e.getKey();
            out.add(String.format("    %s: %d batches with records; ms mean / p50", query, e.getValue().size()));
            out.add("      trigger: " + summary(e.getValue(), List.of("triggerExecution", "latestOffset",
                    "queryPlanning", "getBatch", "addBatch", "walCommit", "commitOffsets")));
            steps.entrySet().stream().filter(s -> query.endsWith("-" + s.getKey())).findFirst()
                    .ifPresent(s -> out.add("      in addBatch: " + summary(s.getValue(), keys(s.getValue()))));
        }
        return out;
    }

    private static List<String> keys(List<Map<String, Long>> rows) {
        List<String> k = new ArrayList<>();
        rows.forEach(r -> r.keySet().stream().filter(x -> !k.contains(x)).forEach(k::add));
        return k;
    }

    private static String summary(List<Map<String, Long>> rows, List<String> keys) {
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            List<Long> v = new ArrayList<>();
            rows.forEach(r -> {
                if (r.containsKey(k)) {
                    v.add(r.get(k));
                }
            });
            if (v.isEmpty()) {
                continue;
            }
            v.sort(null);
            double mean = v.stream().mapToLong(Long::longValue).average().orElse(0);
            b.append(b.isEmpty() ? "" : ", ").append(String.format("%s %,.0f/%,d", k, mean, v.get(v.size() / 2)));
        }
        return b.toString();
    }
}

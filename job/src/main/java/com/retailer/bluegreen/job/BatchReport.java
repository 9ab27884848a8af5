package com.retailer.bluegreen.job;

import com.retailer.bluegreen.layout.Query;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one micro-batch of one query did: records per decode status (domain queries) or rows per Gold delta, its
 * wall time, and the wall time of each of its steps in the order they ran (what the bench's breakdown sums).
 */
public record BatchReport(Query query, long batchId, Map<String, Long> counts, long millis, Map<String, Long> steps) {
    public BatchReport {
        counts = Map.copyOf(counts);
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Wall time of the named steps of one micro-batch, each from the end of the step before. */
    static final class Clock {
        private final long start = System.nanoTime();
        private final Map<String, Long> steps = new LinkedHashMap<>();
        private long mark = start;

        void lap(String step) {
            long now = System.nanoTime();
            steps.merge(step, (now - mark) / 1_000_000, Long::sum);
            mark = now;
        }

        BatchReport report(Query query, long batchId, Map<String, Long> counts) {
            return new BatchReport(query, batchId, counts, (System.nanoTime() - start) / 1_000_000, steps);
        }
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.layout.Query;
import java.util.Map;

/** What one micro-batch of one query did: records per decode status (domain queries) or rows per Gold delta. */
public record BatchReport(Query query, long batchId, Map<String, Long> counts, long millis) {
    public BatchReport {
        counts = Map.copyOf(counts);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}

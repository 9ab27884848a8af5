package com.retailer.bluegreen.gates;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One observation of the candidate's freshness.
 *
 * @param at         when it was taken
 * @param partitions every partition of every source topic, measured at {@code at} ({@link PartitionAges})
 * @param goldLag    end-to-end freshness: {@code at} − the newest event time visible in Gold/Silver
 */
public record FreshnessSample(Instant at, List<PartitionSample> partitions, Duration goldLag) {

    public FreshnessSample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(goldLag, "goldLag");
        partitions = List.copyOf(partitions);
    }
}

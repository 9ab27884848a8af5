package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.layout.PartitionLag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns per-partition lag in records ({@link com.retailer.bluegreen.layout.KafkaLag}, from a checkpoint's committed
 * offsets and the topics' end offsets) into lag in time: the age of the oldest record not yet consumed. Plain Java.
 */
public final class PartitionAges {

    private PartitionAges() {
    }

    /**
     * One sample per partition at {@code at}. A partition with no lag has age zero and costs no lookup; for the
     * others the age is {@code at} − the timestamp of the record at the committed offset (zero if the producer's
     * clock is ahead of ours).
     *
     * @throws IllegalStateException if a lagging partition's record cannot be read: the sample cannot be taken
     *                               (skip it; the gate reports the gap it leaves)
     */
    public static List<PartitionSample> measure(Instant at, List<PartitionLag> lags, RecordTimestamps timestamps) {
        List<PartitionSample> out = new ArrayList<>();
        for (PartitionLag lag : lags) {
            if (lag.lag() == 0) {
                out.add(new PartitionSample(lag.topic(), lag.partition(), 0, Duration.ZERO));
                continue;
            }
            Optional<Instant> oldest = timestamps.timestampAt(lag.topic(), lag.partition(), lag.committed());
            if (oldest.isEmpty()) {
                throw GateErrors.noRecordAt(lag.topic(), lag.partition(), lag.committed(), lag.end());
            }
            Duration age = Duration.between(oldest.get(), at);
            out.add(new PartitionSample(lag.topic(), lag.partition(), lag.lag(), age.isNegative() ? Duration.ZERO : age));
        }
        return List.copyOf(out);
    }
}

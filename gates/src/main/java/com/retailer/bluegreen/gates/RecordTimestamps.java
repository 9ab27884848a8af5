package com.retailer.bluegreen.gates;

import java.time.Instant;
import java.util.Optional;

/** Where the timestamp of a Kafka record comes from: {@link KafkaRecordTimestamps}, or a map in tests. */
@FunctionalInterface
public interface RecordTimestamps {

    /**
     * The timestamp of the first record of {@code topic}-{@code partition} at or after {@code offset} (the oldest
     * record not yet consumed by a reader positioned there); empty if none could be read.
     */
    Optional<Instant> timestampAt(String topic, int partition, long offset);
}

package com.retailer.bluegreen.gates;

import java.time.Duration;
import java.util.Objects;

/**
 * How far the candidate is behind on one Kafka partition at one moment.
 *
 * @param lagRecords records produced but not yet consumed (end offset − committed offset)
 * @param lagAge     the age of the oldest record not yet consumed (sample time − its timestamp); zero when
 *                   {@code lagRecords == 0}. An age, not a count: 10 records an hour old are staler than 10,000 of
 *                   the last second
 */
public record PartitionSample(String topic, int partition, long lagRecords, Duration lagAge) {

    public PartitionSample {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(lagAge, "lagAge");
        if (lagRecords < 0 || lagAge.isNegative()) {
            throw new IllegalArgumentException("lag of " + topic + "-" + partition + " must be >= 0, was "
                    + lagRecords + " records, " + lagAge);
        }
        if (lagRecords == 0 && !lagAge.isZero()) {
            throw new IllegalArgumentException(topic + "-" + partition + " has no lagging records, so its lag age"
                    + " is zero, not " + lagAge);
        }
    }

    /** {@code topic-partition}, as Kafka names it. */
    String name() {
        return topic + "-" + partition;
    }
}

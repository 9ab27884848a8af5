package com.retailer.bluegreen.layout;

/**
 * How far one Kafka partition's checkpointed position is behind its end.
 *
 * @param committed the next offset the checkpoint will read (the earliest offset for a partition the checkpoint has
 *                  not seen yet)
 * @param end       the partition's end offset (the offset the next produced record will get)
 * @param lag       {@code max(0, end - committed)}: records produced but not yet processed
 */
public record PartitionLag(String topic, int partition, long committed, long end, long lag) {

    public PartitionLag {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic must be non-empty");
        }
        if (lag < 0) {
            throw new IllegalArgumentException("lag must be >= 0, was " + lag + " for " + topic + "-" + partition);
        }
    }
}

package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.KafkaLag.OffsetRange;
import com.retailer.bluegreen.layout.KafkaLag.OffsetSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaLagTest {

    private static OffsetSource kafka(Map<TopicPartition, OffsetRange> ranges) {
        return topics -> {
            Map<TopicPartition, OffsetRange> out = new HashMap<>();
            ranges.forEach((tp, r) -> {
                if (topics.contains(tp.topic())) {
                    out.put(tp, r);
                }
            });
            return out;
        };
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Test
    void lag_is_end_minus_committed_per_partition_and_the_max_is_the_worst_partition() {
        OffsetSource source = kafka(Map.of(
                tp("orders.cdc", 0), new OffsetRange(0, 100),
                tp("orders.cdc", 1), new OffsetRange(0, 500),
                tp("inventory.events", 0), new OffsetRange(10, 10)));
        KafkaLag lag = KafkaLag.compute(Map.of("orders.cdc", Map.of(0, 100L, 1, 120L),
                "inventory.events", Map.of(0, 10L)), source);
        assertEquals(List.of(
                new PartitionLag("inventory.events", 0, 10, 10, 0),
                new PartitionLag("orders.cdc", 0, 100, 100, 0),
                new PartitionLag("orders.cdc", 1, 120, 500, 380)), lag.partitions());
        assertEquals(380, lag.maxLag());
        assertEquals(Optional.of(new PartitionLag("orders.cdc", 1, 120, 500, 380)), lag.worst());
        assertEquals(380, lag.totalLag());
    }

    @Test
    void a_partition_missing_from_the_checkpoint_counts_from_the_earliest_offset() {
        OffsetSource source = kafka(Map.of(
                tp("orders.cdc", 0), new OffsetRange(0, 100),
                tp("orders.cdc", 1), new OffsetRange(40, 90)));
        KafkaLag lag = KafkaLag.compute(Map.of("orders.cdc", Map.of(0, 100L)), source);
        assertEquals(new PartitionLag("orders.cdc", 1, 40, 90, 50), lag.partitions().get(1));
        assertEquals(50, lag.maxLag());
    }

    @Test
    void a_topic_not_yet_in_the_checkpoint_is_measured_when_asked_for() {
        OffsetSource source = kafka(Map.of(tp("fulfillment.events", 0), new OffsetRange(5, 25)));
        KafkaLag lag = KafkaLag.compute(Set.of("fulfillment.events"), Map.of(), source);
        assertEquals(List.of(new PartitionLag("fulfillment.events", 0, 5, 25, 20)), lag.partitions());
    }

    @Test
    void spark_placeholders_minus_two_and_minus_one_mean_earliest_and_end() {
        OffsetSource source = kafka(Map.of(tp("t", 0), new OffsetRange(3, 9), tp("t", 1), new OffsetRange(3, 9)));
        KafkaLag lag = KafkaLag.compute(Map.of("t", Map.of(0, -2L, 1, -1L)), source);
        assertEquals(6, lag.partitions().get(0).lag());
        assertEquals(0, lag.partitions().get(1).lag());
    }

    @Test
    void a_checkpoint_ahead_of_the_end_reports_zero_lag_not_a_negative_one() {
        OffsetSource source = kafka(Map.of(tp("t", 0), new OffsetRange(0, 10)));
        assertEquals(0, KafkaLag.compute(Map.of("t", Map.of(0, 50L)), source).maxLag());
    }

    @Test
    void a_checkpointed_partition_kafka_does_not_know_fails_closed() {
        OffsetSource source = kafka(Map.of(tp("t", 0), new OffsetRange(0, 10)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KafkaLag.compute(Map.of("t", Map.of(0, 1L, 3, 1L)), source));
        assertTrue(e.getMessage().contains("t-3"), e.getMessage());
    }

    @Test
    void no_partitions_means_no_lag() {
        KafkaLag lag = KafkaLag.compute(Map.of(), topics -> Map.of());
        assertEquals(0, lag.maxLag());
        assertEquals(Optional.empty(), lag.worst());
    }
}

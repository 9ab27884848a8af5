package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.KafkaLag.OffsetRange;
import com.retailer.bluegreen.layout.KafkaLag.OffsetSource;
import com.retailer.bluegreen.layout.OffsetsNotRetainedException.Gap;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaRetentionTest {

    private static ConsistentCut cut() {
        return new ConsistentCut("retail_ops", Colour.BLUE, 1, 5, Map.of(
                Domain.ORDERS, new DomainCut(4, "orders.cdc", Map.of(0, 100L, 1, 80L)),
                Domain.INVENTORY, new DomainCut(2, "inventory.events", Map.of(0, 50L)),
                Domain.FULFILLMENT, new DomainCut(-1, "fulfillment.events", Map.of(0, 0L))),
                Map.of("orders", 3L), Instant.EPOCH);
    }

    private static final class Kafka implements OffsetSource {
        final Map<TopicPartition, OffsetRange> ranges = new HashMap<>();

        Kafka() {
            put("orders.cdc", 0, 0, 150);
            put("orders.cdc", 1, 0, 80);
            put("inventory.events", 0, 10, 60);
            put("fulfillment.events", 0, 0, 9);
        }

        Kafka put(String topic, int partition, long earliest, long end) {
            ranges.put(new TopicPartition(topic, partition), new OffsetRange(earliest, end));
            return this;
        }

        @Override
        public Map<TopicPartition, OffsetRange> offsets(Set<String> topics) {
            Map<TopicPartition, OffsetRange> out = new HashMap<>();
            ranges.forEach((tp, r) -> {
                if (topics.contains(tp.topic())) {
                    out.put(tp, r);
                }
            });
            return out;
        }
    }

    @Test
    void retained_offsets_pass_and_the_current_partitions_include_new_ones() {
        Kafka kafka = new Kafka().put("orders.cdc", 2, 0, 7);

        Map<String, Set<Integer>> partitions = KafkaRetention.check(kafka, cut());

        assertEquals(Map.of("orders.cdc", Set.of(0, 1, 2), "inventory.events", Set.of(0),
                "fulfillment.events", Set.of(0)), partitions);
        assertEquals("{\"orders.cdc\":{\"0\":100,\"1\":80,\"2\":-2}}",
                cut().domains().get(Domain.ORDERS).startingOffsetsJson(partitions.get("orders.cdc")));
    }

    @Test
    void an_offset_below_the_earliest_retained_one_fails_naming_topic_partition_and_both_offsets() {
        Kafka kafka = new Kafka().put("inventory.events", 0, 51, 60);

        OffsetsNotRetainedException e = assertThrows(OffsetsNotRetainedException.class,
                () -> KafkaRetention.check(kafka, cut()));

        assertEquals(List.of(new Gap("inventory.events", 0, 50, 51, 60)), e.gaps());
        assertTrue(e.getMessage().contains("inventory.events-0: the cut's offset 50 is below the earliest retained"
                + " offset 51 (1 records gone)"), e.getMessage());
        assertTrue(e.getMessage().contains("Take a fresh cut"), e.getMessage());
    }

    @Test
    void the_earliest_retained_offset_itself_is_still_readable() {
        Kafka kafka = new Kafka().put("inventory.events", 0, 50, 60);        // the cut reads inventory-0 from 50

        Map<String, Set<Integer>> partitions = KafkaRetention.check(kafka, cut());

        assertEquals(Map.of("orders.cdc", Set.of(0, 1), "inventory.events", Set.of(0),
                "fulfillment.events", Set.of(0)), partitions);
    }

    @Test
    void one_offset_below_the_earliest_retained_is_a_gap_of_one_record() {
        Kafka kafka = new Kafka().put("inventory.events", 0, 50, 60);
        ConsistentCut cut = cut();
        Map<Domain, DomainCut> domains = new HashMap<>(cut.domains());
        domains.put(Domain.INVENTORY, new DomainCut(2, "inventory.events", Map.of(0, 49L)));
        ConsistentCut oneBelow = new ConsistentCut(cut.pipeline(), cut.colour(), cut.generation(), cut.goldBatch(),
                domains, cut.tableVersions(), cut.takenAt());

        OffsetsNotRetainedException e = assertThrows(OffsetsNotRetainedException.class,
                () -> KafkaRetention.check(kafka, oneBelow));

        assertEquals(List.of(new Gap("inventory.events", 0, 49, 50, 60)), e.gaps());
        assertTrue(e.getMessage().contains("inventory.events-0: the cut's offset 49 is below the earliest retained"
                + " offset 50 (1 records gone)"), e.getMessage());
    }

    @Test
    void a_new_partition_whose_first_records_are_gone_fails() {
        Kafka kafka = new Kafka().put("orders.cdc", 2, 3, 7);

        OffsetsNotRetainedException e = assertThrows(OffsetsNotRetainedException.class,
                () -> KafkaRetention.check(kafka, cut()));

        assertEquals(List.of(new Gap("orders.cdc", 2, KafkaRetention.EARLIEST, 3, 7)), e.gaps());
        assertTrue(e.getMessage().contains("orders.cdc-2 (created after the cut) must be read from offset 0 but its"
                + " earliest retained offset is 3"), e.getMessage());
    }

    @Test
    void a_recreated_topic_fails_for_every_partition_it_affects() {
        Kafka kafka = new Kafka();
        kafka.ranges.remove(new TopicPartition("orders.cdc", 1));
        kafka.put("orders.cdc", 0, 0, 20);

        OffsetsNotRetainedException e = assertThrows(OffsetsNotRetainedException.class,
                () -> KafkaRetention.check(kafka, cut()));

        assertEquals(List.of(new Gap("orders.cdc", 0, 100, 0, 20), new Gap("orders.cdc", 1, 80, -1, -1)), e.gaps());
        assertTrue(e.getMessage().contains("orders.cdc-0: the cut's offset 100 is beyond the partition's end offset 20"),
                e.getMessage());
        assertTrue(e.getMessage().contains("orders.cdc-1: the cut reads it from offset 80 but Kafka reports no such"
                + " partition"), e.getMessage());
    }
}

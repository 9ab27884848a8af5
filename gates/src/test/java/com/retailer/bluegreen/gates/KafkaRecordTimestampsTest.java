package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Against Kafka's own {@link MockConsumer}: no broker. The real consumer is exercised by the integration tests. */
class KafkaRecordTimestampsTest {
    private static final TopicPartition TP = new TopicPartition("orders.cdc", 2);

    private static ConsumerRecord<byte[], byte[]> record(long offset, long timestampMs) {
        return new ConsumerRecord<>(TP.topic(), TP.partition(), offset, timestampMs, TimestampType.CREATE_TIME, 0, 0,
                new byte[0], new byte[0], new RecordHeaders(), Optional.empty());
    }

    @Test
    void theTimestampIsTheFirstRecordsAtOrAfterTheOffsetAndNothingIsCommitted() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(4, 1_000));
            consumer.addRecord(record(5, 2_000));
            consumer.addRecord(record(6, 3_000));
        });
        KafkaRecordTimestamps timestamps = new KafkaRecordTimestamps(consumer, Duration.ofSeconds(5));

        assertEquals(Optional.of(Instant.ofEpochMilli(2_000)), timestamps.timestampAt("orders.cdc", 2, 5));
        assertTrue(consumer.committed(Set.of(TP)).isEmpty());
        assertTrue(consumer.assignment().isEmpty());
    }

    @Test
    void aPartitionWithNothingToReadGivesNoTimestampAfterTheTimeout() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        consumer.updateBeginningOffsets(Map.of(TP, 0L));

        assertEquals(Optional.empty(), new KafkaRecordTimestamps(consumer, Duration.ofMillis(300))
                .timestampAt("orders.cdc", 2, 5));
    }

    @Test
    void theConsumerJoinsNoGroupCommitsNothingAndReadsOneRecordAtATime() {
        Map<String, Object> p = KafkaRecordTimestamps.consumerProperties(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092", ConsumerConfig.GROUP_ID_CONFIG, "pipeline-blue",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true"));

        assertFalse(p.containsKey(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("false", p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals("1", p.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
        assertEquals("broker:9092", p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }
}

package com.retailer.bluegreen.gates;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the timestamp of one record per lagging partition from Kafka: {@code assign}, {@code seek} to the
 * committed offset, {@code poll} until that partition returns a record. It never joins a consumer group and never
 * commits, so it cannot disturb any colour's queries (their offsets live in their checkpoints anyway). Not
 * thread-safe, like the consumer it wraps.
 *
 * <p>An offset Kafka no longer retains resets to the earliest one: the oldest record still there is then the
 * oldest unconsumed one, and the colour's own query fails on the loss ({@code failOnDataLoss}).
 */
public final class KafkaRecordTimestamps implements RecordTimestamps, AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;

    KafkaRecordTimestamps(Consumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * A reader on the cluster {@code kafkaProperties} describe ({@code bootstrap.servers}, security settings).
     *
     * @param timeout how long one lookup may poll before it gives up (and returns empty)
     */
    public static KafkaRecordTimestamps connect(Map<String, Object> kafkaProperties, Duration timeout) {
        return new KafkaRecordTimestamps(new KafkaConsumer<>(consumerProperties(kafkaProperties)), timeout);
    }

    /** The caller's connection settings with everything that would join a group, commit or fetch much overridden. */
    static Map<String, Object> consumerProperties(Map<String, Object> kafkaProperties) {
        Map<String, Object> p = new HashMap<>(kafkaProperties);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // One record is wanted; a fetch still returns at least one whole batch, however large.
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "bluegreen-gates-freshness");
        return p;
    }

    @Override
    public Optional<Instant> timestampAt(String topic, int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seek(tp, offset);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(tp)) {
                    // A record without a timestamp (-1, pre-0.10 message format) tells nothing about its age.
                    return r.timestamp() < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(r.timestamp()));
                }
            }
            return Optional.empty();
        } finally {
            consumer.assign(List.of());
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

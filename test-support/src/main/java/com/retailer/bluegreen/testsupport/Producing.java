package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.local.QuietLogs;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends generated records to Kafka with an idempotent producer ({@code acks=all}): the partition comes from
 * Kafka's default partitioner on the key, and records of one partition land in list order.
 */
public final class Producing {
    private Producing() {
    }

    /** Sends every record, waits for every acknowledgement, and returns where each landed, in list order. */
    public static List<ProducedRecord> produceAll(String bootstrap, List<GeneratedRecord> records) {
        try (KafkaProducer<byte[], byte[]> producer = newProducer(bootstrap)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (GeneratedRecord r : records) {
                acks.add(producer.send(toProducerRecord(r, null)));
            }
            producer.flush();
            List<ProducedRecord> produced = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                produced.add(produced(records.get(i), await(acks.get(i))));
            }
            return List.copyOf(produced);
        }
    }

    /**
     * As {@link #produceAll} but every record into {@code partition} of its topic, whatever its key: a test's way to
     * load one partition while the others stay idle. Only for records whose meaning does not depend on key order
     * across partitions (inventory events, deduplicated by event id).
     */
    public static List<ProducedRecord> produceAllTo(String bootstrap, List<GeneratedRecord> records, int partition) {
        try (KafkaProducer<byte[], byte[]> producer = newProducer(bootstrap)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (GeneratedRecord r : records) {
                acks.add(producer.send(new ProducerRecord<>(r.topic(), partition, null, r.key(), r.value())));
            }
            producer.flush();
            List<ProducedRecord> produced = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                produced.add(produced(records.get(i), await(acks.get(i))));
            }
            return List.copyOf(produced);
        }
    }

    /** An idempotent byte-array producer: acks=all, ordered retries, small linger for throughput. */
    public static KafkaProducer<byte[], byte[]> newProducer(String bootstrap) {
        QuietLogs.kafka();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    static ProducerRecord<byte[], byte[]> toProducerRecord(GeneratedRecord r, Long timestampMs) {
        return new ProducerRecord<>(r.topic(), null, timestampMs, r.key(), r.value());
    }

    static ProducedRecord produced(GeneratedRecord r, RecordMetadata m) {
        return new ProducedRecord(r, m.partition(), m.offset(), m.timestamp());
    }

    static RecordMetadata await(Future<RecordMetadata> ack) {
        try {
            return ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acknowledgements", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept a record: " + e.getCause()
                    + ". Check the broker is up and the topic exists (auto-create is off).", e.getCause());
        }
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.ingest.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Avro writer schema ids of the records at the end of a topic that no colour has processed yet: from given
 * offsets to the end, read with a consumer that has no group and commits nothing. Together with the ids each colour
 * recorded per batch ({@code quality_metrics}), the ids of every record still retained in Kafka. A scan cut short by
 * its record limit or its timeout says how much it left unread, so the caller can refuse to vouch for it.
 */
final class KafkaTail {
    private static final Duration POLL = Duration.ofMillis(500);

    private KafkaTail() {
    }

    /**
     * The ids found, and per partition the offsets left unread (empty when the scan reached every end offset).
     */
    record Tail(Set<Integer> ids, Map<Integer, Long> unread) {
        boolean complete() {
            return unread.isEmpty();
        }
    }

    /**
     * @param from  partition → first offset to read (partitions not named are read from their earliest offset)
     * @param limit at most this many records per partition are read (the unprocessed tail is short: the lag)
     */
    static Tail schemaIds(PipelineConfig config, String topic, Map<Integer, Long> from, int limit,
                          Duration timeout) {
        Map<String, Object> props = config.kafka().clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Set<Integer> ids = new TreeSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, timeout).forEach(p -> partitions.add(new TopicPartition(topic,
                    p.partition())));
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> stopAt = new HashMap<>();
            Map<Integer, Long> unread = new TreeMap<>();
            for (TopicPartition tp : partitions) {
                Long start = from.get(tp.partition());
                if (start == null || start < 0) {
                    consumer.seekToBeginning(List.of(tp));
                    start = consumer.position(tp, timeout);
                } else {
                    consumer.seek(tp, start);
                }
                long last = Math.min(end.get(tp), start + limit);
                if (last < end.get(tp)) {
                    unread.put(tp.partition(), end.get(tp) - last);
                }
                if (start < last) {
                    stopAt.put(tp, last);
                }
            }
            consumer.assign(stopAt.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stopAt.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long stop = stopAt.get(tp);
                    if (stop == null || r.offset() >= stop) {
                        continue;
                    }
                    if (r.value() != null && WireFormat.parseHeader(r.value()) instanceof WireFormat.Header.Valid v) {
                        ids.add(v.schemaId());
                    }
                }
                // By position, not by the last record seen: offsets can have gaps (transaction markers, compaction).
                boolean done = stopAt.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
                if (done) {
                    consumer.assign(stopAt.keySet());
                }
            }
            // Cut short by the timeout: what lay before the stop offset is unread too (beyond it was counted above).
            for (Map.Entry<TopicPartition, Long> e : stopAt.entrySet()) {
                long left = e.getValue() - consumer.position(e.getKey(), timeout);
                unread.merge(e.getKey().partition(), left, Long::sum);
            }
            return new Tail(ids, unread);
        }
    }
}

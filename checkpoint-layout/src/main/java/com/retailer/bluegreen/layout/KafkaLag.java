package com.retailer.bluegreen.layout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-partition lag of a checkpoint's Kafka offsets behind the topics' end offsets. The freshness gate looks at
 * {@link #maxLag()}, so one stuck partition cannot hide behind fresh ones.
 *
 * <p>A partition that exists in the topic but not in the checkpoint (created after the query last planned a
 * batch) counts its lag from the partition's earliest offset, since that is where Spark starts a newly discovered
 * partition. Spark's placeholders in a checkpoint count as what they stand for: {@code -2} as the earliest offset,
 * {@code -1} as the end.
 *
 * @param partitions one entry per partition of the measured topics, ordered by topic then partition
 */
public record KafkaLag(List<PartitionLag> partitions) {

    private static final long EARLIEST = -2L;
    private static final long LATEST = -1L;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLag.class);

    public KafkaLag {
        partitions = List.copyOf(partitions);
    }

    /** Earliest and end offset of one partition. */
    public record OffsetRange(long earliest, long end) {
    }

    /** Where partition offsets come from: Kafka's Admin API in production, a map in tests. */
    @FunctionalInterface
    public interface OffsetSource {
        /** The earliest and end offsets of every partition of each of {@code topics}. */
        Map<TopicPartition, OffsetRange> offsets(Set<String> topics);
    }

    /** The largest per-partition lag; 0 when there are no partitions. */
    public long maxLag() {
        return worst().map(PartitionLag::lag).orElse(0L);
    }

    /** The partition with the largest lag (the first such, in topic/partition order). */
    public Optional<PartitionLag> worst() {
        return partitions.stream().max(Comparator.comparingLong(PartitionLag::lag)
                .thenComparing(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition).reversed()));
    }

    public long totalLag() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** Lag of the topics named in {@code committed} (topic → partition → next offset to read). */
    public static KafkaLag compute(Map<String, Map<Integer, Long>> committed, OffsetSource source) {
        return compute(committed.keySet(), committed, source);
    }

    /**
     * Lag of {@code topics}; a topic or partition missing from {@code committed} counts from its earliest offset.
     *
     * @throws IllegalStateException if the checkpoint names a partition Kafka does not report
     */
    public static KafkaLag compute(Set<String> topics, Map<String, Map<Integer, Long>> committed, OffsetSource source) {
        Set<String> measured = new TreeSet<>(topics);
        Map<TopicPartition, OffsetRange> ranges = source.offsets(Set.copyOf(measured));
        for (String topic : measured) {
            for (Integer partition : committed.getOrDefault(topic, Map.of()).keySet()) {
                if (!ranges.containsKey(new TopicPartition(topic, partition))) {
                    throw new IllegalStateException("Partition " + topic + "-" + partition + " is in the checkpoint"
                            + " but Kafka reports no such partition, so its lag cannot be measured. Was the topic"
                            + " deleted or recreated? A checkpoint cannot follow a recreated topic: start a new"
                            + " generation.");
                }
            }
        }
        List<PartitionLag> out = new ArrayList<>();
        ranges.entrySet().stream()
                .filter(e -> measured.contains(e.getKey().topic()))
                .sorted(Comparator.comparing((Map.Entry<TopicPartition, OffsetRange> e) -> e.getKey().topic())
                        .thenComparingInt(e -> e.getKey().partition()))
                .forEach(e -> out.add(lag(e.getKey(), e.getValue(), committed)));
        return new KafkaLag(out);
    }

    private static PartitionLag lag(TopicPartition tp, OffsetRange range, Map<String, Map<Integer, Long>> committed) {
        Long recorded = committed.getOrDefault(tp.topic(), Map.of()).get(tp.partition());
        long position;
        if (recorded == null || recorded == EARLIEST) {
            position = range.earliest();
        } else if (recorded == LATEST) {
            position = range.end();
        } else {
            position = recorded;
        }
        if (position > range.end()) {
            LOG.warn("checkpoint is at offset {} of {} but its end offset is {}; was the topic recreated?",
                    position, tp, range.end());
        }
        return new PartitionLag(tp.topic(), tp.partition(), position, range.end(), Math.max(0, range.end() - position));
    }

    /** Offsets from Kafka: partitions by {@code describeTopics}, earliest and end by {@code listOffsets}. */
    public static OffsetSource offsetsFrom(Admin admin, Duration timeout) {
        return topics -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                Map<String, TopicDescription> described =
                        admin.describeTopics(topics).allTopicNames().get(remaining(deadline), TimeUnit.NANOSECONDS);
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                described.values().forEach(d -> d.partitions().forEach(p -> {
                    TopicPartition tp = new TopicPartition(d.name(), p.partition());
                    earliest.put(tp, OffsetSpec.earliest());
                    latest.put(tp, OffsetSpec.latest());
                }));
                Map<TopicPartition, ListOffsetsResultInfo> first =
                        admin.listOffsets(earliest).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
                Map<TopicPartition, ListOffsetsResultInfo> last =
                        admin.listOffsets(latest).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
                Map<TopicPartition, OffsetRange> out = new HashMap<>();
                first.forEach((tp, info) -> out.put(tp, new OffsetRange(info.offset(), last.get(tp).offset())));
                return out;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while reading offsets of topics " + topics, e);
            } catch (ExecutionException e) {
                throw new KafkaException("Could not read offsets of topics " + topics + " from Kafka: "
                        + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new KafkaException("Kafka did not return the offsets of topics " + topics + " within "
                        + timeout + "; check the brokers are reachable from here", e);
            }
        };
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }
}

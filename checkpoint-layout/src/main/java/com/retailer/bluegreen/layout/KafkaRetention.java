package com.retailer.bluegreen.layout;

import com.retailer.bluegreen.layout.KafkaLag.OffsetRange;
import com.retailer.bluegreen.layout.KafkaLag.OffsetSource;
import com.retailer.bluegreen.layout.OffsetsNotRetainedException.Gap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether Kafka still holds every record after a consistent cut, checked before a colour starts from it: a Spark
 * query given specific {@code startingOffsets} below a partition's log start would otherwise fail its first batch at
 * best, and a partition created after the cut that is started at "earliest" after its first records were deleted
 * would silently skip them. Fails closed.
 */
public final class KafkaRetention {

    /** Spark's {@code startingOffsets} placeholder for a partition's earliest offset. */
    public static final long EARLIEST = -2L;
    /** How long the Admin calls may take in total. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaRetention() {
    }

    /**
     * Checks the cut against Kafka's current earliest and end offsets and returns the current partitions of each of
     * the cut's topics (the argument of {@link DomainCut#startingOffsetsJson(Set)}).
     *
     * @throws OffsetsNotRetainedException naming every partition, cut offset and earliest retained offset Kafka can no
     *                                     longer serve from
     * @throws org.apache.kafka.common.KafkaException if Kafka cannot be asked (unreachable, unknown topic)
     */
    public static Map<String, Set<Integer>> check(Admin admin, ConsistentCut cut) {
        return check(KafkaLag.offsetsFrom(admin, TIMEOUT), cut);
    }

    /** As {@link #check(Admin, ConsistentCut)}, with offsets from {@code kafka}. */
    public static Map<String, Set<Integer>> check(OffsetSource kafka, ConsistentCut cut) {
        Map<String, Map<Integer, Long>> cutOffsets = new TreeMap<>();
        cut.domains().values().forEach(d -> cutOffsets.merge(d.topic(), d.offsets(), (a, b) -> {
            throw new IllegalArgumentException("two domains of the cut read topic " + d.topic());
        }));
        Map<TopicPartition, OffsetRange> ranges = kafka.offsets(Set.copyOf(cutOffsets.keySet()));
        Map<String, Set<Integer>> current = new TreeMap<>();
        cutOffsets.keySet().forEach(t -> current.put(t, new TreeSet<>()));
        ranges.keySet().stream().filter(tp -> current.containsKey(tp.topic()))
                .forEach(tp -> current.get(tp.topic()).add(tp.partition()));

        List<Gap> gaps = new ArrayList<>();
        cutOffsets.forEach((topic, offsets) -> {
            offsets.forEach((partition, offset) -> {
                OffsetRange r = ranges.get(new TopicPartition(topic, partition));
                if (r == null) {
                    gaps.add(new Gap(topic, partition, offset, -1, -1));
                } else if (offset < r.earliest() || offset > r.end()) {
                    gaps.add(new Gap(topic, partition, offset, r.earliest(), r.end()));
                }
            });
            for (int partition : current.get(topic)) {
                OffsetRange r = ranges.get(new TopicPartition(topic, partition));
                if (!offsets.containsKey(partition) && r.earliest() > 0) {
                    gaps.add(new Gap(topic, partition, EARLIEST, r.earliest(), r.end()));
                }
            }
        });
        if (!gaps.isEmpty()) {
            throw new OffsetsNotRetainedException(gaps);
        }
        Map<String, Set<Integer>> out = new TreeMap<>();
        current.forEach((t, ps) -> out.put(t, Collections.unmodifiableSet(ps)));
        return Collections.unmodifiableMap(out);
    }
}

package com.retailer.bluegreen.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where one domain stands in a consistent cut: the domain query's batch whose Silver commit the Gold query has
 * consumed through, and the Kafka offsets at the end of that batch.
 *
 * @param batchId the domain query's batch id; {@code -1} when Gold had consumed none of the domain's batches (the cut
 *                is then before batch 0 and {@code offsets} are where the domain query started)
 * @param topic   the domain's Kafka topic
 * @param offsets partition → next offset to read (the first record not in the cut)
 */
public record DomainCut(long batchId, String topic, Map<Integer, Long> offsets) {

    public DomainCut {
        if (batchId < -1) {
            throw new IllegalArgumentException("batchId must be >= -1 (-1 = before the first batch), was " + batchId);
        }
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic must be non-empty");
        }
        Objects.requireNonNull(offsets, "offsets");
        TreeMap<Integer, Long> sorted = new TreeMap<>();
        offsets.forEach((partition, offset) -> {
            if (partition == null || partition < 0 || offset == null || offset < 0) {
                throw new IllegalArgumentException("offsets of " + topic + " must map partitions >= 0 to offsets >= 0,"
                        + " found " + partition + " -> " + offset);
            }
            sorted.put(partition, offset);
        });
        offsets = Collections.unmodifiableMap(sorted);
    }

    /**
     * Spark Kafka {@code startingOffsets} JSON for this topic, e.g. {@code {"orders.cdc":{"0":1200,"1":1150,"4":-2}}}:
     * the cut's offsets, plus {@code -2} (earliest) for every partition of {@code currentPartitions} that the cut does
     * not have (created after the cut; the colour the cut was taken from reads those from earliest too). Partitions
     * are in numeric order. Spark requires the JSON to name exactly the topic's current partitions.
     *
     * @param currentPartitions the topic's partitions now (see {@link KafkaRetention#check})
     * @throws CutException if a partition of the cut is not among {@code currentPartitions} (the topic was recreated
     *                      or the partitions are those of another topic)
     */
    public String startingOffsetsJson(Set<Integer> currentPartitions) {
        Set<Integer> missing = new TreeSet<>(offsets.keySet());
        missing.removeAll(currentPartitions);
        if (!missing.isEmpty()) {
            throw LayoutErrors.partitionsGone(topic, missing, currentPartitions);
        }
        TreeMap<Integer, Long> all = new TreeMap<>(offsets);
        currentPartitions.forEach(p -> all.putIfAbsent(p, KafkaRetention.EARLIEST));
        ObjectNode partitions = Json.MAPPER.createObjectNode();
        all.forEach((p, o) -> partitions.put(Integer.toString(p), o));
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set(topic, partitions);
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the starting offsets of " + topic, e);
        }
    }
}

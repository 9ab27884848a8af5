package com.retailer.bluegreen.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a Structured Streaming checkpoint says about progress, as read by {@link CheckpointInspector}.
 *
 * @param lastCommittedBatch highest batch id with a {@code commits/} entry; empty before the first commit
 * @param lastPlannedBatch   highest batch id with an {@code offsets/} entry; greater than the committed one while a
 *                           batch is in flight (or was interrupted and will be re-run on restart)
 * @param sourceOffsets      the end offsets of the last committed batch, one per source in source order; a source
 *                           without an offset ({@code -} in the file) is a JSON {@code null} node. Empty when nothing
 *                           is committed.
 * @param kafkaOffsets       topic → partition → next offset to read, merged from the Kafka sources in
 *                           {@code sourceOffsets}
 */
public record CheckpointState(Optional<Long> lastCommittedBatch, Optional<Long> lastPlannedBatch,
                              List<JsonNode> sourceOffsets, Map<String, Map<Integer, Long>> kafkaOffsets) {

    public CheckpointState {
        lastCommittedBatch = lastCommittedBatch == null ? Optional.empty() : lastCommittedBatch;
        lastPlannedBatch = lastPlannedBatch == null ? Optional.empty() : lastPlannedBatch;
        sourceOffsets = sourceOffsets.stream().map(n -> (JsonNode) n.deepCopy()).toList();
        kafkaOffsets = copy(kafkaOffsets);
    }

    /** A checkpoint with no batch planned yet (or no checkpoint at all). */
    public static CheckpointState empty() {
        return new CheckpointState(Optional.empty(), Optional.empty(), List.of(), Map.of());
    }

    /** True when a batch was planned after the last committed one: it will be re-run with the same offsets. */
    public boolean hasBatchInFlight() {
        return lastPlannedBatch.isPresent()
                && (lastCommittedBatch.isEmpty() || lastPlannedBatch.get() > lastCommittedBatch.get());
    }

    private static Map<String, Map<Integer, Long>> copy(Map<String, Map<Integer, Long>> in) {
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        in.forEach((topic, partitions) -> out.put(topic, Collections.unmodifiableMap(new TreeMap<>(partitions))));
        return Collections.unmodifiableMap(out);
    }
}

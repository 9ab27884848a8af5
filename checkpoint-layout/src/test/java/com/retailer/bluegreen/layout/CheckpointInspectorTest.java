package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointInspectorTest {

    private static final String METADATA = "{\"batchWatermarkMs\":0,\"batchTimestampMs\":1735689600000,\"conf\":{"
            + "\"spark.sql.streaming.stateStore.providerClass\":"
            + "\"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider\","
            + "\"spark.sql.shuffle.partitions\":\"4\"}}";
    private static final String DELTA = "{\"sourceVersion\":1,\"reservoirId\":\"4c1e9c1e-9d5a-4f3e-8a43-0d8e1f6c2b7a\","
            + "\"reservoirVersion\":%d,\"index\":-1,\"isStartingVersion\":false}";

    @TempDir
    Path ckpt;

    @BeforeEach
    void metadataFile() throws IOException {
        Files.writeString(ckpt.resolve("metadata"), "{\"id\":\"5f3c0a4e-1c55-4a8e-b5b5-1f0f1f5b8b1e\"}");
    }

    private void commit(long batch) throws IOException {
        write("commits/" + batch, "v1\n{\"nextBatchWatermarkMs\":0}");
    }

    private void offsets(long batch, String... sources) throws IOException {
        write("offsets/" + batch, "v1\n" + METADATA + (sources.length == 0 ? "" : "\n" + String.join("\n", sources)));
    }

    private void write(String relative, String content) throws IOException {
        Path file = ckpt.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String kafka(long p0, long p1) {
        return "{\"orders.cdc\":{\"0\":" + p0 + ",\"1\":" + p1 + "}}";
    }

    @Test
    void an_absent_checkpoint_is_empty() {
        CheckpointState state = CheckpointInspector.inspect(ckpt.resolve("never-started"));
        assertEquals(CheckpointState.empty(), state);
        assertFalse(state.hasBatchInFlight());
    }

    @Test
    void reads_the_last_committed_batch_of_a_kafka_source() throws IOException {
        for (int b = 0; b <= 2; b++) {
            offsets(b, kafka(10L * b, 5L * b));
            commit(b);
        }
        CheckpointState state = CheckpointInspector.inspect(ckpt);
        assertEquals(Optional.of(2L), state.lastCommittedBatch());
        assertEquals(Optional.of(2L), state.lastPlannedBatch());
        assertEquals(Map.of("orders.cdc", Map.of(0, 20L, 1, 10L)), state.kafkaOffsets());
        assertEquals(1, state.sourceOffsets().size());
        assertFalse(state.hasBatchInFlight());
    }

    @Test
    void reads_kafka_and_delta_sources_in_source_order() throws IOException {
        offsets(0, kafka(1, 2), String.format(DELTA, 7));
        commit(0);
        CheckpointState state = CheckpointInspector.inspect(ckpt);
        List<JsonNode> sources = state.sourceOffsets();
        assertEquals(2, sources.size());
        assertEquals(Optional.empty(), CheckpointInspector.deltaReservoirVersion(sources.get(0)));
        assertEquals(Optional.of(7L), CheckpointInspector.deltaReservoirVersion(sources.get(1)));
        assertEquals(Map.of("orders.cdc", Map.of(0, 1L, 1, 2L)), state.kafkaOffsets(), "the Delta source is not Kafka");
    }

    @Test
    void a_planned_but_uncommitted_batch_reports_the_offsets_of_the_last_committed_one() throws IOException {
        for (int b = 0; b <= 4; b++) {
            offsets(b, kafka(100 + b, 200 + b));
            commit(b);
        }
        offsets(5, kafka(999, 999));
        CheckpointState state = CheckpointInspector.inspect(ckpt);
        assertEquals(Optional.of(4L), state.lastCommittedBatch());
        assertEquals(Optional.of(5L), state.lastPlannedBatch());
        assertTrue(state.hasBatchInFlight());
        assertEquals(Map.of("orders.cdc", Map.of(0, 104L, 1, 204L)), state.kafkaOffsets());
        assertEquals(Map.of("orders.cdc", Map.of(0, 999L, 1, 999L)),
                CheckpointInspector.kafkaOffsets(CheckpointInspector.sourceOffsets(Storage.local(), ckpt.toString(), 5)));
    }

    @Test
    void a_first_batch_not_yet_committed_has_no_committed_offsets() throws IOException {
        offsets(0, kafka(5, 5));
        CheckpointState state = CheckpointInspector.inspect(ckpt);
        assertEquals(Optional.empty(), state.lastCommittedBatch());
        assertEquals(Optional.of(0L), state.lastPlannedBatch());
        assertEquals(List.of(), state.sourceOffsets());
        assertEquals(Map.of(), state.kafkaOffsets());
    }

    @Test
    void unknown_fields_and_a_newer_log_version_are_read_when_the_json_is_readable() throws IOException {
        write("offsets/0", "v2\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1,\"futureField\":[1,2],\"conf\":{}}\n"
                + "{\"sourceVersion\":2,\"reservoirId\":\"r\",\"reservoirVersion\":12,\"index\":3,\"newThing\":true}\n"
                + kafka(7, 8) + "\n");
        write("commits/0", "v2\n{\"nextBatchWatermarkMs\":0,\"stateUniqueIds\":{\"0\":\"x\"}}\n");
        CheckpointState state = CheckpointInspector.inspect(ckpt);
        assertEquals(Optional.of(0L), state.lastCommittedBatch());
        assertEquals(Optional.of(12L), CheckpointInspector.deltaReservoirVersion(state.sourceOffsets().get(0)));
        assertEquals(Map.of("orders.cdc", Map.of(0, 7L, 1, 8L)), state.kafkaOffsets());
    }

    @Test
    void temp_crc_hidden_and_non_numeric_files_are_ignored() throws IOException {
        offsets(3, kafka(30, 31));
        commit(3);
        write("offsets/.4.7f3a.tmp", "garbage");
        write("offsets/4.tmp", "garbage");
        write("offsets/.3.crc", "garbage");
        write("commits/.4.crc", "garbage");
        write("commits/4.tmp", "garbage");
        write("commits/README", "garbage");
        write("commits/-1", "garbage");
        Files.createDirectories(ckpt.resolve("offsets/7"));
        CheckpointState state = CheckpointInspector.inspect(ckpt);
        assertEquals(Optional.of(3L), state.lastCommittedBatch());
        assertEquals(Optional.of(3L), state.lastPlannedBatch());
        assertEquals(Map.of("orders.cdc", Map.of(0, 30L, 1, 31L)), state.kafkaOffsets());
    }

    @Test
    void a_source_without_an_offset_is_a_json_null() throws IOException {
        offsets(0, "-", kafka(3, 4));
        commit(0);
        CheckpointState state = CheckpointInspector.inspect(ckpt);
        assertTrue(state.sourceOffsets().get(0).isNull());
        assertEquals(Map.of("orders.cdc", Map.of(0, 3L, 1, 4L)), state.kafkaOffsets());
    }

    @Test
    void kafka_offsets_are_merged_across_sources_and_a_shared_partition_takes_the_lower_offset() throws IOException {
        offsets(0, kafka(10, 20), "{\"inventory.events\":{\"0\":5}}", "{\"orders.cdc\":{\"1\":15,\"2\":1}}");
        commit(0);
        assertEquals(Map.of("orders.cdc", Map.of(0, 10L, 1, 15L, 2, 1L), "inventory.events", Map.of(0, 5L)),
                CheckpointInspector.inspect(ckpt).kafkaOffsets());
    }

    @Test
    void garbage_in_a_committed_offsets_file_is_an_error_naming_the_file() throws IOException {
        commit(0);
        write("offsets/0", "v1\n" + METADATA + "\n{\"orders.cdc\":{\"0\":12");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointInspector.inspect(ckpt));
        assertEquals(ckpt.resolve("offsets/0").toString(), e.file());
        assertTrue(e.getMessage().contains(ckpt.resolve("offsets/0").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void a_file_without_a_version_line_is_an_error_naming_the_file() throws IOException {
        offsets(0, kafka(1, 1));
        write("commits/0", "\u0000\u0001binary\u0002");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointInspector.inspect(ckpt));
        assertEquals(ckpt.resolve("commits/0").toString(), e.file());

        write("commits/0", "v1");
        e = assertThrows(CheckpointFormatException.class, () -> CheckpointInspector.inspect(ckpt));
        assertTrue(e.getMessage().contains("commits/0") && e.getMessage().contains("found 1 line(s)"), e.getMessage());
    }

    @Test
    void a_commit_whose_offsets_file_is_missing_is_an_error_naming_the_missing_file() throws IOException {
        commit(0);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> CheckpointInspector.inspect(ckpt));
        assertEquals(ckpt.resolve("offsets/0").toString(), e.file());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void only_json_shaped_like_kafka_offsets_counts_as_kafka() throws IOException {
        offsets(0, "{\"orders.cdc\":{\"x\":1}}", "{\"t\":{\"0\":1.5}}", "{\"t\":5}", "[1,2]", "{}", "\"text\"");
        commit(0);
        CheckpointState state = CheckpointInspector.inspect(ckpt);
        assertEquals(6, state.sourceOffsets().size());
        assertEquals(Map.of(), state.kafkaOffsets());
        assertEquals(Optional.empty(), CheckpointInspector.deltaReservoirVersion(state.sourceOffsets().get(3)));
    }
}

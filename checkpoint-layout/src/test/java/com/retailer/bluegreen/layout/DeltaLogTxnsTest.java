package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaLogTxnsTest {

    private static final String APP = "retail_ops.blue.g1.orders.bronze_orders";
    private static final String OTHER = "retail_ops.blue.g1.orders.orders";

    @TempDir
    Path dir;
    private SyntheticColour c;

    @BeforeEach
    void tables() {
        c = new SyntheticColour(dir);
    }

    private DeltaLogTxns log() {
        return DeltaLogTxns.open(c.table("bronze_orders"));
    }

    @Test
    void reads_each_commits_txns_and_the_files_a_change_feed_source_indexes_it_by() {
        c.commit("orders", OTHER, 0L, 4, 0, 0);            // insert-only MERGE: adds
        c.commit("orders", OTHER, 1L, 4, 4, 4);            // MERGE with updates: cdc files win
        c.compaction("orders");                             // dataChange false: nothing for the change feed
        DeltaLogTxns log = DeltaLogTxns.open(c.table("orders"));

        assertEquals(3, log.latestVersion());
        assertEquals(Map.of(), log.txns(0));
        assertEquals(Map.of(OTHER, 1L), log.txns(2));
        assertEquals(4, log.changeFeedFiles(1));
        assertEquals(4, log.commit(2).cdcFiles());
        assertEquals(8, log.commit(2).dataChangeFiles());
        assertEquals(4, log.changeFeedFiles(2));
        assertEquals(0, log.changeFeedFiles(3));
        assertEquals(0, log.changeFeedFiles(0));
        assertEquals(Optional.of(c.tableId("orders")), log.commit(0).metadataId());
    }

    @Test
    void the_version_at_a_batch_is_the_one_recording_it_else_the_last_write_before_else_before_the_first_write() {
        c.commit("bronze_orders", APP, 0L, 1, 0, 0);       // v1
        c.commit("bronze_orders", null, null, 1, 0, 0);    // v2: someone else
        c.commit("bronze_orders", APP, 2L, 1, 0, 0);       // v3: batch 1 wrote nothing
        c.compaction("bronze_orders");                      // v4
        c.commit("bronze_orders", APP, 3L, 1, 0, 0);       // v5
        DeltaLogTxns log = log();

        assertEquals(1, log.versionAtBatch(APP, 0));
        assertEquals(1, log.versionAtBatch(APP, 1), "no commit in batch 1: the version recording batch 0");
        assertEquals(3, log.versionAtBatch(APP, 2));
        assertEquals(5, log.versionAtBatch(APP, 3));
        assertEquals(5, log.versionAtBatch(APP, 99));
        assertEquals(0, log.versionAtBatch(APP, -1), "before the first write");
        assertEquals(5, log.versionAtBatch("never.wrote.this", 7), "an appId that never wrote: latest");
        assertEquals(Optional.of(new DeltaLogTxns.TxnAt(3, 2)), log.lastTxn(APP, 4));
        assertEquals(Optional.of(new DeltaLogTxns.TxnAt(1, 0)), log.lastTxn(APP, 2));
        assertEquals(Optional.empty(), log.lastTxn(APP, 0));
        assertEquals(Optional.of(new DeltaLogTxns.TxnAt(3, 2)), log.lastTxnAtMost(APP, 2));
        assertEquals(Optional.empty(), log.lastTxnAtMost(APP, -1));
    }

    @Test
    void a_missing_commit_fails_only_when_a_scan_reaches_it() throws IOException {
        for (long b = 0; b < 5; b++) {
            c.commit("bronze_orders", APP, b, 1, 0, 0);    // v1..v5
        }
        Files.delete(c.table("bronze_orders").resolve("_delta_log/00000000000000000002.json"));
        DeltaLogTxns log = log();

        assertEquals(3, log.oldestContiguousVersion());
        assertEquals(4, log.versionAtBatch(APP, 3));
        CutException e = assertThrows(CutException.class, () -> log.versionAtBatch(APP, 0));
        assertTrue(e.getMessage().contains("needs commit 2 of " + c.table("bronze_orders")), e.getMessage());
    }

    @Test
    void the_first_write_being_version_zero_leaves_no_version_before_it() throws IOException {
        Path t = dir.resolve("t");
        Files.createDirectories(t.resolve("_delta_log"));
        Files.writeString(t.resolve("_delta_log/00000000000000000000.json"),
                "{\"txn\":{\"appId\":\"" + APP + "\",\"version\":0,\"lastUpdated\":1}}\n");

        CutException e = assertThrows(CutException.class, () -> DeltaLogTxns.open(t).versionAtBatch(APP, -1));
        assertTrue(e.getMessage().contains("that write is version 0"), e.getMessage());
    }

    @Test
    void the_table_id_comes_from_the_newest_checksum_else_from_version_zero() {
        c.commit("bronze_orders", APP, 0L, 1, 0, 0);
        assertEquals(Optional.of(c.tableId("bronze_orders")), log().tableId());

        c.deleteChecksums("bronze_orders");
        assertEquals(Optional.of(c.tableId("bronze_orders")), log().tableId());

        c.cleanLogBefore("bronze_orders", 1);
        assertEquals(Optional.empty(), log().tableId());
    }

    @Test
    void a_directory_without_a_delta_log_is_not_a_table() {
        CutException e = assertThrows(CutException.class, () -> DeltaLogTxns.open(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("is not a Delta table"), e.getMessage());
    }

    @Test
    void a_damaged_commit_is_named() throws IOException {
        c.commit("bronze_orders", APP, 0L, 1, 0, 0);
        Files.writeString(c.table("bronze_orders").resolve("_delta_log/00000000000000000001.json"), "{\"txn\":{\n");

        CutException e = assertThrows(CutException.class, () -> log().txns(1));
        assertTrue(e.getMessage().contains("Cannot read Delta commit"), e.getMessage());
        assertTrue(e.getMessage().contains("00000000000000000001.json"), e.getMessage());
    }
    @Test
    void a_change_feed_offset_is_consumed_through_a_version_only_at_a_version_boundary() throws IOException {
        c.commit("orders", OTHER, 0L, 4, 0, 0);            // v1: 4 adds
        c.commit("orders", OTHER, 1L, 4, 4, 3);            // v2: 3 cdc files
        DeltaLogTxns log = DeltaLogTxns.open(c.table("orders"));
        String file = dir.resolve("offsets-7").toString();

        assertEquals(java.util.OptionalLong.of(0), log.consumedThrough(offset(1, -1, false), file));
        assertEquals(java.util.OptionalLong.empty(), log.consumedThrough(offset(1, 2, false), file));
        assertEquals(java.util.OptionalLong.of(1), log.consumedThrough(offset(1, 3, false), file));
        assertEquals(java.util.OptionalLong.of(1), log.consumedThrough(offset(2, -1, false), file));
        assertEquals(java.util.OptionalLong.of(1), log.consumedThrough(offset(2, -20, false), file));
        assertEquals(java.util.OptionalLong.of(2), log.consumedThrough(offset(2, 2, false), file));
        assertEquals(java.util.OptionalLong.of(2), log.consumedThrough(offset(3, -1, false), file));
        assertEquals(java.util.OptionalLong.empty(), log.consumedThrough(offset(1, -1, true), file));

        CutException beyond = assertThrows(CutException.class, () -> log.consumedThrough(offset(2, 3, false), file));
        assertTrue(beyond.getMessage().contains("that version has 3 change file(s)"), beyond.getMessage());
        assertThrows(CutException.class, () -> log.consumedThrough(offset(4, -1, false), file));
        CheckpointFormatException odd = assertThrows(CheckpointFormatException.class,
                () -> log.consumedThrough(offset(2, -5, false), file));
        assertTrue(odd.getMessage().contains("index -5"), odd.getMessage());
    }

    private static com.fasterxml.jackson.databind.JsonNode offset(long version, long index, boolean snapshot)
            throws IOException {
        return Json.MAPPER.readTree("{\"sourceVersion\":1,\"reservoirId\":\"x\",\"reservoirVersion\":" + version
                + ",\"index\":" + index + ",\"isStartingVersion\":" + snapshot + "}");
    }
}

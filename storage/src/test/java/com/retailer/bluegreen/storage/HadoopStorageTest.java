package com.retailer.bluegreen.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.CheckpointState;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.CheckpointOwnershipException;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.DomainCut;
import com.retailer.bluegreen.layout.OwnerMarker;
import com.retailer.bluegreen.layout.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage port on Hadoop's FileSystem, on the two kinds of store it meets: the local filesystem (handed to the
 * local storage, whose claims use hard links) and an S3-compatible object store through {@code s3a://} (a real
 * s3proxy on localhost). The same expectations on both, then the checkpoint reader and the claims over S3A.
 */
class HadoopStorageTest {
    private static LocalS3 s3;
    private static HadoopStorage hadoop;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = LocalS3.start("lake");
        Configuration conf = new Configuration();
        s3.hadoopConf().forEach(conf::set);
        hadoop = new HadoopStorage(conf);
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What every store must do, at {@code root}. */
    private static void contract(Storage storage, String root) throws Exception {
        String file = Storage.resolve(root, "ckpt", "commits", "0");
        assertEquals(Optional.empty(), storage.status(file));
        assertEquals(List.of(), storage.list(Storage.resolve(root, "ckpt", "commits")), "a missing directory is empty");
        assertThrows(NoSuchFileException.class, () -> storage.read(file));
        assertEquals(Optional.empty(), storage.readIfExists(file));

        storage.write(file, utf8("v1\n{}\n"));
        assertArrayEquals(utf8("v1\n{}\n"), storage.read(file));
        Storage.Entry e = storage.status(file).orElseThrow();
        assertTrue(e.isFile());
        assertEquals("0", e.name());
        assertEquals(6, e.length());
        storage.write(file, utf8("v1\n{\"a\":1}\n"));
        assertArrayEquals(utf8("v1\n{\"a\":1}\n"), storage.read(file), "write replaces");

        storage.write(Storage.resolve(root, "ckpt", "commits", "1"), utf8("v1\n{}\n"));
        List<String> names = storage.list(Storage.resolve(root, "ckpt", "commits")).stream()
                .map(Storage.Entry::name).sorted().toList();
        assertEquals(List.of("0", "1"), names);
        assertEquals(Storage.Kind.DIRECTORY, storage.list(Storage.resolve(root, "ckpt")).get(0).kind());
        assertTrue(storage.isFile(file));
        assertFalse(storage.isFile(Storage.resolve(root, "ckpt")));

        String claim = Storage.resolve(root, "ckpt", "_owner.json");
        assertTrue(storage.createOnce(claim, utf8("first")));
        assertFalse(storage.createOnce(claim, utf8("second")));
        assertArrayEquals(utf8("first"), storage.read(claim), "an existing file is never replaced by a claim");

        assertTrue(storage.delete(claim));
        assertFalse(storage.delete(claim));
        assertEquals(Optional.empty(), storage.status(claim));
    }

    @Test
    void on_the_local_filesystem_through_hadoop() throws Exception {
        contract(hadoop, dir.toString());
        contract(hadoop, "file:" + dir.resolve("uri"));
        assertTrue(Files.isRegularFile(dir.resolve("uri/ckpt/commits/0")), "file: URIs are local paths");
    }

    @Test
    void on_the_local_filesystem_directly() throws Exception {
        contract(Storage.local(), dir.toString());
    }

    @Test
    void on_an_object_store_through_s3a() throws Exception {
        contract(hadoop, "s3a://lake/contract");
    }

    @Test
    void local_claims_through_hadoop_have_exactly_one_winner() throws Exception {
        String file = dir.resolve("claims/cut.json").toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> racers = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                byte[] content = utf8("{\"racer\":" + i + "}");
                racers.add(pool.submit((Callable<Boolean>) () -> hadoop.createOnce(file, content)));
            }
            int winners = 0;
            for (Future<Boolean> f : racers) {
                winners += f.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_checkpoint_an_owner_marker_and_a_cut_on_s3a_read_as_on_disk() throws Exception {
        String checkpoint = "s3a://lake/checkpoints/retail/blue/g1/orders";
        hadoop.write(Storage.resolve(checkpoint, "offsets", "0"), utf8("v1\n{\"batchWatermarkMs\":0}\n"
                + "{\"orders.cdc\":{\"0\":12,\"1\":7}}\n"));
        hadoop.write(Storage.resolve(checkpoint, "commits", "0"), utf8("v1\n{\"nextBatchWatermarkMs\":0}\n"));
        hadoop.write(Storage.resolve(checkpoint, "offsets", "1"), utf8("v1\n{\"batchWatermarkMs\":0}\n"
                + "{\"orders.cdc\":{\"0\":20,\"1\":9}}\n"));
        CheckpointState state = CheckpointInspector.inspect(hadoop, checkpoint);
        assertEquals(Optional.of(0L), state.lastCommittedBatch());
        assertEquals(Optional.of(1L), state.lastPlannedBatch());
        assertEquals(Map.of("orders.cdc", Map.of(0, 12L, 1, 7L)), state.kafkaOffsets());
        assertEquals(CheckpointState.empty(), CheckpointInspector.inspect(hadoop, "s3a://lake/checkpoints/none"));

        ColourLayout blue = new ColourLayout("retail", Colour.BLUE, 1, "main", "s3a://lake/checkpoints",
                "s3a://lake/tables");
        OwnerMarker mine = OwnerMarker.claim(hadoop, blue, "abc123");
        assertEquals(Optional.of(mine), OwnerMarker.read(hadoop, blue.checkpointRoot()));
        assertEquals(mine, OwnerMarker.claim(hadoop, blue, "def456"), "a redeploy keeps the marker");
        assertThrows(CheckpointOwnershipException.class, () -> OwnerMarker.claim(hadoop, blue.checkpointRoot(),
                OwnerMarker.of(blue.nextGeneration(), "abc123")));

        Map<Domain, DomainCut> domains = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            domains.put(d, new DomainCut(2, d.id() + ".cdc", Map.of(0, 12L)));
        }
        ConsistentCut cut = new ConsistentCut("retail", Colour.BLUE, 1, 3, domains, Map.of("orders", 4L),
                Instant.parse("2026-12-06T00:00:00Z"));
        String cutFile = blue.nextGeneration().bootstrapCutFile();
        assertEquals(cut, cut.writeOnce(hadoop, cutFile));
        assertEquals(cut, ConsistentCut.read(hadoop, cutFile));
    }
}

package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerMarkerTest {

    @TempDir
    Path tmp;

    private final ColourLayout blue = new ColourLayout("retail", Colour.BLUE, 1, "main", "/c", "/s");

    @Test
    void the_first_claim_creates_the_root_and_the_marker() throws Exception {
        Path root = tmp.resolve("retail/blue/g1");
        OwnerMarker me = OwnerMarker.of(blue, "abc123");
        assertSame(me, OwnerMarker.claim(Storage.local(), root.toString(), me));
        assertEquals(Optional.of(me), OwnerMarker.read(Storage.local(), root.toString()));
        assertTrue(Files.isRegularFile(root.resolve("_owner.json")));
        assertEquals(List.of("_owner.json"), names(root), "no temp file is left behind");
    }

    @Test
    void a_different_colour_or_generation_is_refused_with_a_message_saying_what_to_do() {
        Path root = tmp.resolve("root");
        OwnerMarker owner = OwnerMarker.claim(Storage.local(), root.toString(), OwnerMarker.of(blue, "abc123"));
        OwnerMarker green = new OwnerMarker("retail", Colour.GREEN, 1, "def456");
        CheckpointOwnershipException e = assertThrows(CheckpointOwnershipException.class,
                () -> OwnerMarker.claim(Storage.local(), root.toString(), green));
        assertEquals(owner, e.owner());
        assertEquals(green, e.claimant());
        assertTrue(e.getMessage().contains("'" + root + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("owned by pipeline 'retail', colour blue, generation 1 (git abc123)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("pipeline 'retail', colour green, generation 1 (git def456) may not run"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Run with your own colour and generation"), e.getMessage());
        assertTrue(e.getMessage().contains("start a new generation (increase colours.green.generation)"),
                e.getMessage());

        assertThrows(CheckpointOwnershipException.class,
                () -> OwnerMarker.claim(Storage.local(), root.toString(), OwnerMarker.of(blue.nextGeneration(), "abc123")));
        assertThrows(CheckpointOwnershipException.class,
                () -> OwnerMarker.claim(Storage.local(), root.toString(), new OwnerMarker("other", Colour.BLUE, 1, "abc123")));
        assertEquals(Optional.of(owner), OwnerMarker.read(Storage.local(), root.toString()), "a refused claim leaves the marker alone");
    }

    @Test
    void a_redeploy_with_another_git_sha_is_allowed_and_keeps_the_original_marker() {
        Path root = tmp.resolve("root");
        OwnerMarker first = OwnerMarker.claim(Storage.local(), root.toString(), OwnerMarker.of(blue, "abc123"));
        OwnerMarker again = OwnerMarker.claim(Storage.local(), root.toString(), OwnerMarker.of(blue, "fff999"));
        assertEquals(first, again);
        assertEquals("abc123", again.gitSha());
    }

    @Test
    void unknown_fields_in_the_marker_are_tolerated() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("_owner.json"), "{\"pipeline\":\"retail\",\"colour\":\"blue\","
                + "\"generation\":1,\"gitSha\":\"abc\",\"claimedAt\":\"2025-01-01T00:00:00Z\",\"host\":{\"n\":1}}");
        assertEquals(new OwnerMarker("retail", Colour.BLUE, 1, "abc"),
                OwnerMarker.claim(Storage.local(), root.toString(), OwnerMarker.of(blue, "zzz")));
    }

    @Test
    void an_unreadable_marker_is_an_error_naming_the_file() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("_owner.json"), "{\"pipeline\":\"retail\"");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> OwnerMarker.claim(Storage.local(), root.toString(), OwnerMarker.of(blue, "abc")));
        assertEquals(root.resolve("_owner.json").toString(), e.file());
        assertTrue(e.getMessage().contains(root.resolve("_owner.json").toString()), e.getMessage());
    }

    @Test
    void of_many_concurrent_claimants_exactly_one_wins_and_the_others_see_its_marker() throws Exception {
        int racers = 16;
        for (int round = 0; round < 20; round++) {
            Path root = tmp.resolve("race" + round);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            List<Future<OwnerMarker>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                // half the racers are the same owner at another sha (a redeploy), half another generation
                OwnerMarker me = i % 2 == 0 ? OwnerMarker.of(blue, "sha" + i)
                        : OwnerMarker.of(blue.nextGeneration(), "sha" + i);
                results.add(pool.submit(() -> {
                    start.await();
                    return OwnerMarker.claim(Storage.local(), root.toString(), me);
                }));
            }
            start.countDown();
            List<OwnerMarker> won = new ArrayList<>();
            int refused = 0;
            for (Future<OwnerMarker> f : results) {
                try {
                    won.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof CheckpointOwnershipException, e.getCause().toString());
                    refused++;
                }
            }
            pool.shutdown();
            OwnerMarker onDisk = OwnerMarker.read(Storage.local(), root.toString()).orElseThrow();
            assertEquals(racers / 2, refused, "the other generation's racers are all refused");
            assertTrue(won.stream().allMatch(onDisk::equals), "every accepted claimant sees the one marker on disk");
            assertEquals(List.of("_owner.json"), names(root));
        }
    }

    @Test
    void rejects_a_marker_without_a_git_sha() {
        assertThrows(IllegalArgumentException.class, () -> new OwnerMarker("retail", Colour.BLUE, 1, " "));
        assertFalse(OwnerMarker.of(blue, "a").sameOwner(OwnerMarker.of(blue.nextGeneration(), "a")));
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

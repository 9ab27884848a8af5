package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local storage port: files created once, by exactly one of several racers (the claims' building block). */
class LocalStorageTest {
    @TempDir
    Path dir;

    @Test
    void of_many_racers_exactly_one_creates_the_file_and_its_content_is_whole() throws Exception {
        Path file = dir.resolve("claims/cut.json");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> racers = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                byte[] content = ("{\"racer\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                racers.add(pool.submit((Callable<Boolean>) () -> Storage.local().createOnce(file.toString(), content)));
            }
            long winners = 0;
            for (Future<Boolean> f : racers) {
                winners += f.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Files.readString(file).matches("\\{\"racer\":\\d+\\}"), Files.readString(file));
        assertFalse(Storage.local().createOnce(file.toString(), new byte[] {1}), "an existing file is never replaced");
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of("cut.json"), listing.map(p -> p.getFileName().toString()).toList(), "no temp left");
        }
    }
}

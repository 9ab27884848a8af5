package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9, interlock 4: one bootstrap of a target at a time; a dead run's lease is taken over. No Spark. */
class BootstrapLeaseTest {
    @TempDir
    Path dir;

    private ColourLayout green() {
        return new ColourLayout("p", Colour.GREEN, 2, "main", dir.resolve("ckpt").toString(),
                dir.resolve("lake").toString());
    }

    @Test
    void a_second_bootstrap_of_the_same_target_is_refused_while_the_first_runs() {
        try (BootstrapLease first = BootstrapLease.acquire(Storage.local(), green(), Clock.systemUTC())) {
            BootstrapException e = assertThrows(BootstrapException.class,
                    () -> BootstrapLease.acquire(Storage.local(), green(), Clock.systemUTC()));
            assertTrue(e.getMessage().startsWith("Another bootstrap of p-green generation 2 is running"),
                    e.getMessage());
        }
        assertFalse(Files.exists(Path.of(green().bootstrapLeaseFile())), "released when the first finishes");
        try (BootstrapLease again = BootstrapLease.acquire(Storage.local(), green(), Clock.systemUTC())) {
            assertTrue(Files.exists(Path.of(green().bootstrapLeaseFile())));
        }
    }

    @Test
    void a_lease_left_by_a_dead_run_is_taken_over_once_stale() throws Exception {
        Path lease = Path.of(green().bootstrapLeaseFile());
        Files.createDirectories(lease.getParent());
        Files.writeString(lease, "{\"holder\":\"4242@dead-host/x\",\"renewedAt\":\""
                + Instant.now().minus(BootstrapLease.STALE_AFTER).minusSeconds(1) + "\"}");
        try (BootstrapLease taken = BootstrapLease.acquire(Storage.local(), green(), Clock.systemUTC())) {
            assertFalse(Files.readString(lease).contains("dead-host"), "the lease is this run's now");
        }
        Files.writeString(lease, "{\"holder\":\"4242@live-host/x\",\"renewedAt\":\"" + Instant.now() + "\"}");
        BootstrapException e = assertThrows(BootstrapException.class,
                () -> BootstrapLease.acquire(Storage.local(), green(), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("4242@live-host"), e.getMessage());
    }
}

package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The one bootstrap of a colour generation that may run: a lease file ({@link ColourLayout#bootstrapLeaseFile()})
 * created atomically and renewed every {@link #RENEW_EVERY} while it runs. A second bootstrap of the same target (a
 * job retry overlapping the first run, say) finds a fresh lease and is refused, so the cut, the clones and the done
 * marker always belong to one run. A lease not renewed for {@link #STALE_AFTER} is a dead run's: the next bootstrap
 * takes it over and resumes that run's cut.
 */
final class BootstrapLease implements AutoCloseable {
    static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    static final Duration STALE_AFTER = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Storage storage;
    private final String file;
    private final String holder;
    private final Clock clock;
    private final Thread renewer;

    private BootstrapLease(Storage storage, String file, String holder, Clock clock, String target) {
        this.storage = storage;
        this.file = file;
        this.holder = holder;
        this.clock = clock;
        this.renewer = new Thread(this::renewUntilClosed, "bootstrap-lease-" + target);
        renewer.setDaemon(true);
        renewer.start();
    }

    /**
     * Takes the lease of {@code layout}'s bootstrap, or refuses.
     *
     * @throws BootstrapException another bootstrap of this target holds a fresh lease; nothing was written
     */
    static BootstrapLease acquire(Storage storage, ColourLayout layout, Clock clock) {
        String file = layout.bootstrapLeaseFile();
        String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (storage.createOnce(file, lease(holder, clock.instant()))) {
                    return new BootstrapLease(storage, file, holder, clock, layout.jobName());
                }
                JsonNode held = read(storage, file);
                if (held == null) {
                    continue; // released meanwhile: try again
                }
                Instant renewed = Instant.parse(held.path("renewedAt").asText());
                Duration age = Duration.between(renewed, clock.instant());
                if (age.compareTo(STALE_AFTER) < 0) {
                    throw new BootstrapException("Another bootstrap of " + layout.jobName() + " generation "
                            + layout.generation() + " is running (" + held.path("holder").asText() + ", lease renewed "
                            + age.toSeconds() + " s ago in " + file + "); nothing was written. One bootstrap of a"
                            + " target at a time: wait for it to finish. If it died, its lease goes stale after "
                            + STALE_AFTER.toSeconds() + " s and a re-run resumes its cut.");
                }
                // A dead run's lease: remove it; of two takers racing here, the next createOnce admits one.
                storage.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the bootstrap lease " + file, e);
        }
        throw new BootstrapException("The bootstrap lease " + file + " of " + layout.jobName() + " changed hands"
                + " while this run tried to take it: another bootstrap of the target started at the same moment."
                + " Nothing was written; wait for it to finish.");
    }

    /** Gives the lease up: the bootstrap finished or failed; a later one may run. */
    @Override
    public void close() {
        renewer.interrupt();
        try {
            renewer.join(RENEW_EVERY.toMillis());
            JsonNode held = read(storage, file);
            if (held != null && holder.equals(held.path("holder").asText())) {
                storage.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the bootstrap lease " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void renewUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(RENEW_EVERY.toMillis());
                storage.write(file, lease(holder, clock.instant()));
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(BootstrapLease.class).warn("could not renew the bootstrap lease"
                        + " {}: {}", file, e.toString());
            }
        }
    }

    private static byte[] lease(String holder, Instant at) {
        return JSON.createObjectNode().put("holder", holder).put("renewedAt", at.toString()).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode read(Storage storage, String file) throws IOException {
        Optional<byte[]> bytes = storage.readIfExists(file);
        return bytes.isEmpty() ? null : JSON.readTree(bytes.get());
    }
}

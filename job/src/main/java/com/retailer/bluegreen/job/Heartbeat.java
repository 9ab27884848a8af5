package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.storage.HadoopStorage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small file, {@value #FILE_NAME} in the colour's checkpoint root, rewritten every trigger interval (at most 10 s
 * apart) while any of the colour's streaming queries is active, so {@code status} can tell a running colour from a
 * stopped one without asking the job scheduler. It says who (pipeline, colour, generation, git SHA, host, pid), when,
 * and which queries were active. A daemon thread writes it; it stops being rewritten when the queries stop or the
 * JVM dies, and ages from there.
 */
public final class Heartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Thread> RUNNING = new ConcurrentHashMap<>();

    private Heartbeat() {
    }

    /**
     * What a heartbeat file says.
     *
     * @param at      when it was written
     * @param queries the colour's streaming queries active then, by name
     */
    public record Beat(String pipeline, String colour, int generation, String gitSha, String host, long pid,
                       Instant at, List<String> queries) {
        public Beat {
            queries = List.copyOf(queries);
        }

        /** Whether the colour counts as running at {@code now}: a beat no older than {@code staleAfter}. */
        public boolean fresh(Instant now, Duration staleAfter) {
            return !at.isBefore(now.minus(staleAfter));
        }
    }

    /**
     * Starts writing the heartbeat of {@code layout}'s colour every {@code interval} (bounded to 1–10 s) while one
     * of its queries is active; one writer per checkpoint root and JVM, so calling it again does nothing.
     */
    public static void start(SparkSession spark, ColourLayout layout, String gitSha, Duration interval) {
        String prefix = layout.jobName() + "-";   // query names are the colour's group id prefixes
        start(spark, layout, gitSha, interval, () -> Arrays.stream(spark.streams().active())
                .map(StreamingQuery::name).filter(n -> n != null && n.startsWith(prefix)).sorted().toList());
    }

    /**
     * As {@link #start(SparkSession, ColourLayout, String, Duration)}, with {@code running} naming what of the colour
     * runs at each beat (no beat while it is empty): for a job whose work is not one set of continuous queries, such
     * as a loop of available-now runs, which runs between its queries too.
     */
    public static void start(SparkSession spark, ColourLayout layout, String gitSha, Duration interval,
                             Supplier<List<String>> running) {
        String file = layout.heartbeatFile();
        Storage storage = HadoopStorage.of(spark);
        long everyMs = Math.max(1_000, Math.min(10_000, interval.toMillis()));
        RUNNING.computeIfAbsent(file, f -> {
            Thread t = new Thread(() -> beat(spark, storage, layout, gitSha, f, everyMs, running),
                    layout.jobName() + "-heartbeat");
            t.setDaemon(true);
            t.start();
            return t;
        });
    }

    /** The heartbeat of {@code layout}'s colour, if one was ever written (and is readable). */
    public static Optional<Beat> read(Storage storage, ColourLayout layout) {
        String file = layout.heartbeatFile();
        try {
            Optional<byte[]> bytes = storage.readIfExists(file);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            JsonNode n = JSON.readTree(bytes.get());
            return Optional.of(new Beat(n.path("pipeline").asText(), n.path("colour").asText(),
                    n.path("generation").asInt(), n.path("gitSha").asText(), n.path("host").asText(),
                    n.path("pid").asLong(), Instant.parse(n.path("at").asText()),
                    JSON.convertValue(n.path("queries"), JSON.getTypeFactory()
                            .constructCollectionType(List.class, String.class))));
        } catch (IOException | RuntimeException e) {
            LOG.warn("heartbeat {} is unreadable ({}); treating the colour as not running", file, e.toString());
            return Optional.empty();
        }
    }

    static String json(Beat b) {
        ObjectNode n = JSON.createObjectNode().put("pipeline", b.pipeline()).put("colour", b.colour())
                .put("generation", b.generation()).put("gitSha", b.gitSha()).put("host", b.host())
                .put("pid", b.pid()).put("at", b.at().toString());
        b.queries().forEach(n.putArray("queries")::add);
        return n.toString();
    }

    private static void beat(SparkSession spark, Storage storage, ColourLayout layout, String gitSha, String file,
                             long everyMs, Supplier<List<String>> running) {
        String host = hostName();
        while (!spark.sparkContext().isStopped()) {
            List<String> active = running.get();
            if (!active.isEmpty()) {
                write(storage, file, new Beat(layout.pipeline(), layout.colour().id(), layout.generation(), gitSha, host,
                        ProcessHandle.current().pid(), Instant.now(), active));
            }
            try {
                Thread.sleep(everyMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void write(Storage storage, String file, Beat beat) {
        try {
            storage.write(file, json(beat).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // A missed beat only makes the colour look stale for a moment; it must never disturb the job.
            LOG.warn("could not write heartbeat {}: {}", file, e.toString());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

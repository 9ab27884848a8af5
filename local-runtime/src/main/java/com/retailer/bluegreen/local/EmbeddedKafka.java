package com.retailer.bluegreen.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (KRaft, combined broker + controller, one node) running in this JVM, for tests, the
 * demo and benchmarks.
 *
 * <p>Listens on {@code 127.0.0.1} only, on a free ephemeral port (or a chosen one, to restart a broker on the same
 * address). Replication factors are 1, topics are not auto-created, new topics default to 4 partitions, and
 * retention is unlimited (a test that needs retention sets it per topic). The log lives in the given directory;
 * starting again on a directory that holds a previous broker's log keeps its topics and records.
 *
 * <p>{@link #main} runs the broker as a child JVM: it prints {@code KAFKA_READY <bootstrap>} on stdout once the
 * broker accepts requests and runs until the process is killed.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final String bootstrap;
    private final Path dir;
    private Admin admin;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrap, Path dir) {
        this.server = server;
        this.bootstrap = bootstrap;
        this.dir = dir;
    }

    /** Starts a broker with its log under {@code dir} on a free port; returns once it answers admin requests. */
    public static EmbeddedKafka start(Path dir) {
        return start(dir, 0);
    }

    /**
     * Starts a broker with its log under {@code dir} listening on {@code brokerPort} (0 = pick a free port). A free
     * port can be taken by someone else between probing and binding, so a picked port is retried a few times.
     */
    public static EmbeddedKafka start(Path dir, int brokerPort) {
        QuietLogs.kafka();
        RuntimeException last = null;
        for (int attempt = 0; attempt < (brokerPort == 0 ? START_ATTEMPTS : 1); attempt++) {
            int[] ports = freePorts(brokerPort == 0 ? 2 : 1);
            int port = brokerPort == 0 ? ports[0] : brokerPort;
            int controllerPort = brokerPort == 0 ? ports[1] : ports[0];
            try {
                return startOnce(dir, port, controllerPort);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("Embedded Kafka did not start in " + dir
                + ". Cause: " + last.getMessage() + ". Fix: check the directory is writable and not used by another"
                + " running broker.", last);
    }

    private static EmbeddedKafka startOnce(Path dir, int port, int controllerPort) {
        Map<String, String> props = brokerProperties(dir, port, controllerPort);
        format(dir, props);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(server);
            throw e;
        }
        EmbeddedKafka kafka = new EmbeddedKafka(server, "127.0.0.1:" + port, dir);
        try {
            kafka.admin().describeCluster().nodes().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            kafka.close();
            throw new IllegalStateException("broker started but did not answer on " + kafka.bootstrap, e);
        }
        return kafka;
    }

    static Map<String, String> brokerProperties(Path dir, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("kraft-logs").toAbsolutePath().toString());
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "false");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.ms", "-1");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    /** Formats the storage directory, unless a previous run already did (then its cluster id is kept). */
    private static void format(Path dir, Map<String, String> props) {
        if (Files.exists(Path.of(props.get("log.dirs"), "meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("kraft.properties");
            Properties properties = new Properties();
            properties.putAll(props);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(w, "embedded KRaft broker");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString(), "--ignore-formatted"};
            int rc;
            try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                rc = StorageTool.execute(args, ps);
            }
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed (exit " + rc + "): " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka directory " + dir, e);
        }
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return bootstrap;
    }

    /** The directory holding the broker's log and properties. */
    public Path directory() {
        return dir;
    }

    /**
     * Creates the topics that do not exist yet, with the given partition counts (replication factor 1), and returns
     * once this broker leads every partition of every named topic. Existing topics are left as they are, whatever
     * their partition count; see {@link #increasePartitions}.
     */
    public synchronized void createTopics(Map<String, Integer> partitionsByTopic) {
        try {
            Set<String> existing = admin().listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = partitionsByTopic.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .collect(Collectors.toList());
            for (var entry : admin().createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw adminFailure("create topics " + partitionsByTopic, e);
        }
        partitionsByTopic.keySet().forEach(this::awaitLeadership);
    }

    /** Grows a topic to {@code totalPartitions} partitions (new partitions start empty). */
    public synchronized void increasePartitions(String topic, int totalPartitions) {
        try {
            admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(totalPartitions)))
                    .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw adminFailure("increase partitions of " + topic + " to " + totalPartitions, e);
        }
        awaitLeadership(topic);
    }

    /**
     * Waits until the broker itself leads every partition of the topic (a successful ListOffsets). The controller
     * acknowledges a new topic before the broker has applied it; an idempotent producer that writes in that window
     * can get NOT_LEADER for an append that did happen and then loop on OUT_OF_ORDER_SEQUENCE_NUMBER until its
     * delivery timeout.
     */
    private void awaitLeadership(String topic) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description = admin().describeTopics(List.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    endOffsets(topic);
                    return;
                }
            } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
                if (e instanceof InterruptedException || System.nanoTime() - deadline > 0) {
                    throw adminFailure("see this broker lead every partition of " + topic, (Exception) e);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Embedded Kafka: partitions of " + topic + " still have no leader"
                        + " after " + ADMIN_TIMEOUT.toSeconds() + " s.");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** The log end offset of every partition of the topic. */
    public synchronized Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            TopicDescription description = admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
                    OffsetSpec.latest()));
            Map<TopicPartition, Long> result = new HashMap<>();
            admin().listOffsets(request).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> result.put(tp, info.offset()));
            return Map.copyOf(result);
        } catch (Exception e) {
            throw adminFailure("read end offsets of " + topic, e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
            admin = Admin.create(p);
        }
        return admin;
    }

    private static IllegalStateException adminFailure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("Embedded Kafka could not " + what + ": " + cause, cause);
    }

    /** Stops the broker and waits for it to finish; the log directory is kept. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        shutdownQuietly(server);
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // shutting down a half-started broker may fail; nothing more to release
        }
    }

    /**
     * Child-JVM entry point: {@code EmbeddedKafka <dir> [port] [topic:partitions ...]}. Prints
     * {@code KAFKA_READY <bootstrap>} once ready and runs until killed (SIGTERM shuts the broker down cleanly).
     */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("embedded-kafka");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        EmbeddedKafka kafka = start(dir, port);
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] parts = args[i].split(":");
            topics.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 4);
        }
        if (!topics.isEmpty()) {
            kafka.createTopics(topics);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "embedded-kafka-shutdown"));
        System.out.println("KAFKA_READY " + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}

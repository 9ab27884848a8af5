package com.retailer.bluegreen.local;

import com.retailer.bluegreen.config.ConfigKeys;

import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.ingest.ConfluentRegistryClient;
import com.retailer.bluegreen.local.LocalSchemaRegistryServer;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.Domain;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded stack the colour job runs against locally: a real KRaft Kafka broker and a schema registry
 * serving the Confluent REST API, both on 127.0.0.1, plus the configuration ({@code conf/local.yaml}) pointed at
 * them and at a run directory for checkpoints, tables and reference files.
 */
public final class LocalStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final LocalSchemaRegistryServer registry;

    private LocalStack(EmbeddedKafka kafka, LocalSchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts a broker and a registry whose state lives under {@code dir}. */
    public static LocalStack start(Path dir) throws Exception {
        Files.createDirectories(dir);
        LocalSchemaRegistryServer registry = new LocalSchemaRegistryServer(0, dir.resolve("schema-registry.json"))
                .start();
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        return new LocalStack(kafka, registry);
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** A client of the local registry over its REST API, exactly as the job reaches a Confluent registry. */
    public SchemaRegistry registryClient() {
        return new ConfluentRegistryClient(URI.create(registry.url()), Duration.ofSeconds(5));
    }

    /** Creates the topics (4 partitions each) if absent. */
    public void createTopics(Map<Domain, String> topics, int partitions) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        topics.values().forEach(t -> byName.put(t, partitions));
        kafka.createTopics(byName);
    }

    /**
     * Configuration overrides that point {@code conf/local.yaml} at this stack and at {@code runDir} (checkpoints,
     * tables and the reference inbox live under it) for the given topics.
     */
    public Map<String, String> overrides(Path runDir, Map<Domain, String> topics) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("kafka.bootstrapServers", bootstrapServers());
        o.put("schemaRegistry.url", registryUrl());
        o.put("reference.inbox", runDir.resolve("reference").toAbsolutePath().toString());
        for (Colour c : Colour.values()) {
            o.put(ConfigKeys.checkpointBase(c), runDir.resolve("checkpoints").toAbsolutePath().toString());
            o.put(ConfigKeys.storageBase(c), runDir.resolve("lake").toAbsolutePath().toString());
        }
        topics.forEach((d, t) -> o.put("kafka.topics." + d.id(), t));
        o.put("spark.conf.spark.sql.warehouse.dir", runDir.resolve("warehouse").toAbsolutePath().toString());
        return o;
    }

    /** {@code conf/local.yaml} with the overrides applied. */
    public static PipelineConfig config(Map<String, String> overrides) {
        return ConfigLoader.load(configFile(), overrides);
    }

    /** Finds {@code conf/local.yaml} from the working directory or a parent (tests run in module directories). */
    public static Path configFile() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("conf").resolve("local.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("conf/local.yaml not found from " + Path.of("").toAbsolutePath()
                + ": run from the repository or one of its modules.");
    }

    @Override
    public void close() {
        kafka.close();
        registry.close();
    }
}

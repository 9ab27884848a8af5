package com.retailer.bluegreen.config;

import static com.retailer.bluegreen.config.ConfigKeys.BOOTSTRAP_SERVERS;
import static com.retailer.bluegreen.config.ConfigKeys.CATALOG;
import static com.retailer.bluegreen.config.ConfigKeys.CHECKPOINT_BASE;
import static com.retailer.bluegreen.config.ConfigKeys.GENERATION;
import static com.retailer.bluegreen.config.ConfigKeys.KAFKA_OPTIONS;
import static com.retailer.bluegreen.config.ConfigKeys.MAX_OFFSETS_PER_TRIGGER;
import static com.retailer.bluegreen.config.ConfigKeys.PIPELINE;
import static com.retailer.bluegreen.config.ConfigKeys.PUBLISH_CONTRACT;
import static com.retailer.bluegreen.config.ConfigKeys.PUBLISH_PARALLELISM;
import static com.retailer.bluegreen.config.ConfigKeys.PUBLISH_REQUIRE_BUILD_SHA;
import static com.retailer.bluegreen.config.ConfigKeys.PUBLISH_REQUIRE_TRUSTED_IDENTITY;
import static com.retailer.bluegreen.config.ConfigKeys.PUBLISH_STORAGE_BASE;
import static com.retailer.bluegreen.config.ConfigKeys.REFERENCE_INBOX;
import static com.retailer.bluegreen.config.ConfigKeys.REFERENCE_POLL;
import static com.retailer.bluegreen.config.ConfigKeys.REGISTRY_BASIC_AUTH;
import static com.retailer.bluegreen.config.ConfigKeys.REGISTRY_BEARER_TOKEN;
import static com.retailer.bluegreen.config.ConfigKeys.REGISTRY_TIMEOUT;
import static com.retailer.bluegreen.config.ConfigKeys.REGISTRY_URL;
import static com.retailer.bluegreen.config.ConfigKeys.SHUFFLE_PARTITIONS;
import static com.retailer.bluegreen.config.ConfigKeys.SPARK_CONF;
import static com.retailer.bluegreen.config.ConfigKeys.STARTING_OFFSETS;
import static com.retailer.bluegreen.config.ConfigKeys.STORAGE_BASE;
import static com.retailer.bluegreen.config.ConfigKeys.TOPICS;
import static com.retailer.bluegreen.config.ConfigKeys.TRIGGER_INTERVAL;
import static com.retailer.bluegreen.config.ConfigKeys.TRIGGER_MODE;
import static com.retailer.bluegreen.config.ConfigKeys.UNITS_SOLD;
import static com.retailer.bluegreen.config.ConfigKeys.EXPECTATIONS;
import static com.retailer.bluegreen.config.ConfigKeys.GATES_INTENDED;
import static com.retailer.bluegreen.config.ConfigKeys.GATES_MARGIN;
import static com.retailer.bluegreen.config.ConfigKeys.GATES_MAX_FAILURE_RATE;
import static com.retailer.bluegreen.config.ConfigKeys.GATES_MAX_LAG;
import static com.retailer.bluegreen.config.ConfigKeys.GATES_MAX_REPORT_AGE;
import static com.retailer.bluegreen.config.ConfigKeys.GATES_SAMPLE_INTERVAL;
import static com.retailer.bluegreen.config.ConfigKeys.GATES_WINDOW;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.retailer.bluegreen.errors.Redactor;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and validates a {@link PipelineConfig} from YAML. Overrides are dotted keys ({@code kafka.bootstrapServers},
 * {@code colours.green.generation}, {@code kafka.options.kafka.security.protocol}) applied before validation.
 * Every problem is collected and reported in one {@link ConfigException}.
 */
public final class ConfigLoader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {
    }

    public static PipelineConfig load(Path yamlFile) {
        return load(yamlFile, Map.of());
    }

    public static PipelineConfig load(Path yamlFile, Map<String, String> overrides) {
        return load(yamlFile, overrides, SecretResolver.NONE);
    }

    /**
     * Loads {@code yamlFile} with {@code overrides}, resolving secret references ({@code {{secrets/<scope>/<key>}}})
     * through {@code secrets}; everything secret is hidden from then on ({@link PipelineConfig#secrets()}).
     */
    public static PipelineConfig load(Path yamlFile, Map<String, String> overrides, SecretResolver secrets) {
        String text;
        try {
            text = Files.readString(yamlFile);
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, List.of("Configuration file '" + yamlFile + "' does not exist"
                    + " (resolved against " + Path.of("").toAbsolutePath() + "); pass the path of a YAML file such as"
                    + " conf/local.yaml."));
        } catch (IOException e) {
            throw new ConfigException(null, List.of("Configuration file '" + yamlFile + "' cannot be read: " + e + "."));
        }
        return parse(text, overrides, yamlFile.toString(), secrets);
    }

    public static PipelineConfig parse(String yamlText, Map<String, String> overrides) {
        return parse(yamlText, overrides, SecretResolver.NONE);
    }

    public static PipelineConfig parse(String yamlText, Map<String, String> overrides, SecretResolver secrets) {
        return parse(yamlText, overrides, null, secrets);
    }

    private static PipelineConfig parse(String yamlText, Map<String, String> overrides, String source,
                                        SecretResolver resolver) {
        Problems problems = new Problems(overrides.keySet());
        FlatConfig flat = FlatConfig.of(readYaml(yamlText, source), overrides, problems);
        Secrets secrets = Secrets.collect(flat, resolver);
        problems.hide(secrets);
        Set<Colour> absentColours = EnumSet.noneOf(Colour.class);
        for (Colour c : Colour.values()) {
            if (!flat.hasAnyUnder("colours." + c.id())) {
                absentColours.add(c);
                if (!flat.underBrokenSection("colours." + c.id())) {
                    problems.missing("colours." + c.id(), "both colours must be configured, each with at least"
                            + " checkpointBase and storageBase");
                }
            }
        }
        Values values = new Values();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (ConfigKeys.colourOf(key).map(absentColours::contains).orElse(false)) {
                continue;
            }
            read(key, flat, values, problems);
        }
        CrossChecks.run(values, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems.lines());
        }
        return build(values, secrets);
    }

    private static <T> void read(ConfigKey<T> key, FlatConfig flat, Values values, Problems problems) {
        JsonNode node = flat.get(key.path());
        if (node != null) {
            T value = key.parse(node, problems);
            if (value != null) {
                values.put(key, value);
            }
        } else if (!key.required()) {
            values.put(key, key.defaultValue());
        } else if (!flat.underBrokenSection(key.path())) {
            problems.missing(key.path(), key.help());
        }
    }

    private static ObjectNode readYaml(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            // The parser's first line says what is wrong; the lines after it quote the file's text, which may hold
            // a secret nothing could identify yet, so they are left out (line and column say where).
            String what = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").trim();
            throw new ConfigException(source, List.of("The YAML is malformed" + where + ": "
                    + Redactor.NONE.redact(what) + ". Fix the syntax (indent with spaces; quote values containing"
                    + " ': ' or ' #')."));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(source, List.of("The configuration must be a YAML map of keys such as"
                    + " 'pipeline:' and 'kafka:', not " + root.getNodeType().toString().toLowerCase() + "."));
        }
        return (ObjectNode) root;
    }

    private static PipelineConfig build(Values v, Secrets secrets) {
        Map<Domain, String> topics = new EnumMap<>(Domain.class);
        TOPICS.forEach((d, key) -> topics.put(d, v.get(key)));
        Map<Colour, ColourConfig> colours = new EnumMap<>(Colour.class);
        for (Colour c : Colour.values()) {
            colours.put(c, new ColourConfig(v.get(GENERATION.get(c)), v.get(CHECKPOINT_BASE.get(c)),
                    v.get(STORAGE_BASE.get(c))));
        }
        return new PipelineConfig(v.get(PIPELINE), v.get(CATALOG),
                new KafkaConfig(v.get(BOOTSTRAP_SERVERS), topics, v.get(MAX_OFFSETS_PER_TRIGGER),
                        v.get(STARTING_OFFSETS), v.get(KAFKA_OPTIONS)),
                new RegistryConfig(v.get(REGISTRY_URL), v.get(REGISTRY_TIMEOUT), v.get(REGISTRY_BASIC_AUTH),
                        v.get(REGISTRY_BEARER_TOKEN)),
                new TriggerConfig(v.get(TRIGGER_MODE), v.get(TRIGGER_INTERVAL)),
                new ReferenceConfig(v.get(REFERENCE_INBOX), v.get(REFERENCE_POLL)),
                new SparkConfig(v.get(SHUFFLE_PARTITIONS), v.get(SPARK_CONF)),
                new TransformsConfig(v.get(UNITS_SOLD)),
                new QualityConfig(EXPECTATIONS.values().stream().flatMap(k -> v.get(k).values().stream()).toList()),
                new GatesConfig(v.get(GATES_MAX_REPORT_AGE), v.get(GATES_MAX_LAG), v.get(GATES_WINDOW),
                        v.get(GATES_SAMPLE_INTERVAL), v.get(GATES_MAX_FAILURE_RATE), v.get(GATES_MARGIN),
                        v.get(GATES_INTENDED)),
                colours,
                new PublishConfig(v.get(PUBLISH_STORAGE_BASE), v.get(PUBLISH_CONTRACT), v.get(PUBLISH_PARALLELISM),
                        v.get(PUBLISH_REQUIRE_TRUSTED_IDENTITY), v.get(PUBLISH_REQUIRE_BUILD_SHA)),
                new ReleaseConfig(v.get(ConfigKeys.RELEASE_BOOTSTRAP), v.get(ConfigKeys.RELEASE_CATCH_UP_TIMEOUT),
                        v.get(ConfigKeys.RELEASE_POLL_INTERVAL), v.get(ConfigKeys.RELEASE_MAX_BEHIND),
                        v.get(ConfigKeys.RELEASE_BAKE_WINDOW), v.get(ConfigKeys.RELEASE_SAMPLE_INTERVAL),
                        v.get(ConfigKeys.RELEASE_BREACHES), v.get(ConfigKeys.RELEASE_AUTO_APPROVE),
                        v.get(ConfigKeys.RELEASE_APPROVERS), v.get(ConfigKeys.RELEASE_KAFKA_RETENTION)),
                new AlertsConfig(v.get(ConfigKeys.ALERTS_WEBHOOK_URL), v.get(ConfigKeys.ALERTS_WEBHOOK_FORMAT)),
                secrets);
    }

    /**
     * The effective configuration, one {@code key = value} line per key (map entries one per line), followed by the
     * names each colour derives from it. Print once at start-up. A key holding a secret shows {@code [hidden]}, and
     * every secret value is hidden wherever else it appears ({@link PipelineConfig#secrets()}).
     */
    public static String describe(PipelineConfig config) {
        StringBuilder sb = new StringBuilder("Effective configuration of pipeline '" + config.pipeline()
                + "' (secrets hidden):\n");
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            appendKey(sb, key, config);
        }
        sb.append("Derived names:\n");
        for (Colour c : Colour.values()) {
            ColourLayout l = config.layout(c);
            sb.append("  ").append(c.id()).append(": job ").append(l.jobName())
                    .append(", schema ").append(l.qualifiedSchema())
                    .append(", checkpoint root ").append(l.checkpointRoot())
                    .append(", storage root ").append(l.storageRoot()).append('\n');
        }
        sb.append("  published schema: ").append(config.layout(Colour.BLUE).publishedSchema()).append('\n');
        sb.append("  release state: control table ").append(config.release().controlTableLocation())
                .append(", audit ledger ").append(config.release().auditLedgerLocation()).append('\n');
        return config.secrets().redactor().redact(sb.toString());
    }

    /** Logs {@link #describe} once at INFO (Kafka's {@code logAll()}). */
    public static void logAll(PipelineConfig config) {
        LOG.info("[{}] {}", config.pipeline(), describe(config));
    }

    private static <T> void appendKey(StringBuilder sb, ConfigKey<T> key, PipelineConfig config) {
        T value = key.current(config);
        if (value instanceof Map<?, ?> map && key.isMap()) {
            if (map.isEmpty()) {
                line(sb, key.path(), "{}");
            }
            map.forEach((k, v) -> line(sb, key.path() + "." + k,
                    config.secrets().show(key.path() + "." + k, String.valueOf(v))));
        } else {
            line(sb, key.path(), config.secrets().show(key.path(),
                    Optional.ofNullable(value).map(key::render).orElse("")));
        }
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("  ").append(key).append(" = ").append(value).append('\n');
    }
}

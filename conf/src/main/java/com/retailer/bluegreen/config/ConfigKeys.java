package com.retailer.bluegreen.config;

import com.retailer.bluegreen.config.TriggerConfig.Mode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every configuration key, declared once: path, type, default, parser/validator and help text. The loader, the
 * unknown-key check, {@link ConfigLoader#describe} and docs/configuration.md all read this list.
 */
public final class ConfigKeys {

    private static final List<ConfigKey<?>> DECLARED = new ArrayList<>();
    private static final Map<ConfigKey<?>, Colour> COLOUR_OF = new LinkedHashMap<>();

    static final ConfigKey<String> PIPELINE = declare(ConfigKey.required("pipeline", "string",
            Parsers.text(ColourLayout::requirePipeline), PipelineConfig::pipeline,
            "the pipeline name, part of every derived name (colour schemas, checkpoint roots, group ids, job names);"
                    + " 1 to 41 lower-case letters, digits or '_', e.g. retail_ops"));

    static final ConfigKey<String> CATALOG = declare(ConfigKey.required("catalog", "string",
            Parsers.text(c -> ColourLayout.requireIdentifier("catalog", c)), PipelineConfig::catalog,
            "the catalog holding both colour schemas and the published schema, e.g. main (spark_catalog locally)"));

    static final ConfigKey<String> BOOTSTRAP_SERVERS = declare(ConfigKey.required("kafka.bootstrapServers",
            "host:port list", Parsers.text(Parsers::bootstrapServers), c -> c.kafka().bootstrapServers(),
            "the Kafka bootstrap servers, e.g. 127.0.0.1:9092"));

    static final Map<Domain, ConfigKey<String>> TOPICS = perDomain(d -> ConfigKey.optional("kafka.topics." + d.id(),
            "string", d.defaultTopic(), Parsers.text(Parsers::topicName), c -> c.kafka().topic(d),
            "the Kafka topic of the " + d.id() + " domain"));

    static final ConfigKey<Long> MAX_OFFSETS_PER_TRIGGER = declare(ConfigKey.optional("kafka.maxOffsetsPerTrigger",
            "integer", 100_000L, Parsers.longAtLeast(1, "expected a positive integer"),
            c -> c.kafka().maxOffsetsPerTrigger(),
            "the most Kafka records one micro-batch of a domain query reads, spread over its partitions"));

    static final ConfigKey<String> STARTING_OFFSETS = declare(ConfigKey.optional("kafka.startingOffsets",
            "earliest, latest or JSON", KafkaConfig.EARLIEST, Parsers.startingOffsets(),
            c -> c.kafka().startingOffsets(),
            "where a query on a new checkpoint (a new generation) starts reading: earliest, latest, or offsets per"
                    + " topic and partition to replay from, as JSON (or a YAML map) such as "
                    + Parsers.STARTING_OFFSETS_EXAMPLE + " with -2 = earliest, -1 = latest; a topic not named starts"
                    + " at earliest; ignored once the checkpoint has offsets"));

    static final ConfigKey<Map<String, String>> KAFKA_OPTIONS = declare(ConfigKey.optional("kafka.options",
            "map of strings", Map.<String, String>of(),
            Parsers.stringMap("expected a map of Kafka consumer options such as kafka.security.protocol: SASL_SSL",
                    Parsers.prefixedExcept("kafka.", "a Kafka consumer option", Map.of(
                            "kafka.bootstrap.servers", "set kafka.bootstrapServers instead",
                            "kafka.group.id", "group ids are derived per colour and query (pipeline-colour-query) so"
                                    + " no two queries share one; remove this option",
                            "kafka.auto.offset.reset", "set kafka.startingOffsets instead",
                            "kafka.enable.auto.commit", "Spark's Kafka source manages offsets itself; remove this option",
                            "kafka.key.deserializer", "Spark's Kafka source reads raw bytes; remove this option",
                            "kafka.value.deserializer", "Spark's Kafka source reads raw bytes; remove this option"))),
            c -> c.kafka().options(),
            "extra Kafka consumer options passed to the Kafka source as given, each key starting with kafka."
                    + " (e.g. kafka.security.protocol); values of options naming a password, secret, token,"
                    + " credential, key, jaas or sas, and values written as secret references"
                    + " {{secrets/<scope>/<key>}}, are shown as [hidden]").asMap());

    static final ConfigKey<String> REGISTRY_URL = declare(ConfigKey.required("schemaRegistry.url", "URL",
            Parsers.text(Parsers::httpUrl), c -> c.schemaRegistry().url(),
            "the schema registry base URL, e.g. http://127.0.0.1:8081"));

    static final ConfigKey<Duration> REGISTRY_TIMEOUT = declare(ConfigKey.optional("schemaRegistry.timeout",
            "duration", Duration.ofSeconds(10), Parsers.duration(Duration.ofMillis(1), Duration.ofMinutes(5)),
            c -> c.schemaRegistry().timeout(),
            "timeout of one schema registry request; a timeout fails the batch, which is retried")
            .renderedBy(Durations::format));

    static final ConfigKey<String> REGISTRY_BASIC_AUTH = declare(ConfigKey.optional(
            "schemaRegistry.basicAuthCredentials", "user:password", "", Parsers.of(ConfigKeys::userColonPassword),
            c -> c.schemaRegistry().basicAuthCredentials(),
            "HTTP basic authentication to the schema registry, user:password (Confluent's basic.auth.user.info; an"
                    + " API key and secret on Confluent Cloud); write it as a secret reference"
                    + " {{secrets/<scope>/<key>}}. Empty: none. At most one of this, bearerToken and credentials in the"
                    + " URL")
            .renderedBy(ConfigKeys::noneIfEmpty));

    static final ConfigKey<String> REGISTRY_BEARER_TOKEN = declare(ConfigKey.optional(
            "schemaRegistry.bearerToken", "text", "", Parsers.of(ConfigKeys::optionalText),
            c -> c.schemaRegistry().bearerToken(),
            "a static bearer token sent to the schema registry (Confluent's bearer.auth.token); write it as a secret"
                    + " reference {{secrets/<scope>/<key>}}. Empty: none").renderedBy(ConfigKeys::noneIfEmpty));

    static final ConfigKey<String> ALERTS_WEBHOOK_URL = declare(ConfigKey.optional("alerts.webhook.url", "URL", "",
            Parsers.of(ConfigKeys::optionalHttpUrl), c -> c.alerts().webhookUrl(),
            "where alerts are posted besides the console (an http or https URL; Slack, Teams or any receiver of JSON"
                    + " posts); a secret, always shown as [hidden], as the URL usually carries the receiver's token:"
                    + " write it as a secret reference {{secrets/<scope>/<key>}}. Empty: none").secret()
            .renderedBy(ConfigKeys::noneIfEmpty));

    static final ConfigKey<String> ALERTS_WEBHOOK_FORMAT = declare(ConfigKey.optional("alerts.webhook.format",
            "json or slack", AlertsConfig.NONE.webhookFormat(), Parsers.oneOf(Map.of("json", "json", "slack",
                    "slack")), c -> c.alerts().webhookFormat(),
            "the body of each post: json, this project's alert object (key, status firing or resolved, severity,"
                    + " release, title, text, time); slack, a {\"text\": …} message that Slack and Teams incoming"
                    + " webhooks display"));

    static final ConfigKey<Mode> TRIGGER_MODE = declare(ConfigKey.optional("trigger.mode",
            "processingTime or availableNow", Mode.PROCESSING_TIME, Parsers.oneOf(modes()), c -> c.trigger().mode(),
            "processingTime runs continuously, one micro-batch per interval; availableNow processes what is there,"
                    + " then stops").renderedBy(Mode::yamlName));

    static final ConfigKey<Duration> TRIGGER_INTERVAL = declare(ConfigKey.optional("trigger.interval", "duration",
            Duration.ofSeconds(10), Parsers.duration(Duration.ZERO, Duration.ofHours(1)), c -> c.trigger().interval(),
            "micro-batch interval in processingTime mode (0s = as soon as the previous batch ends)")
            .renderedBy(Durations::format));

    static final ConfigKey<String> REFERENCE_INBOX = declare(ConfigKey.required("reference.inbox", "location",
            Parsers.text(p -> {
                ColourLayout.normaliseBase("reference.inbox", p);
                return p;
            }), c -> c.reference().inbox(),
            "the directory the daily reference files (products, warehouses, carriers) arrive in, shared by both"
                    + " colours, e.g. /Volumes/main/retail_ops/reference/inbox"));

    static final ConfigKey<Duration> REFERENCE_POLL = declare(ConfigKey.optional("reference.pollInterval", "duration",
            Duration.ofMinutes(5), Parsers.duration(Duration.ofSeconds(1), Duration.ofDays(1)),
            c -> c.reference().pollInterval(), "how often the reference inbox is scanned for new files")
            .renderedBy(Durations::format));

    static final ConfigKey<Integer> SHUFFLE_PARTITIONS = declare(ConfigKey.optional("spark.shufflePartitions",
            "integer", 200, Parsers.intBetween(1, 100_000, "expected an integer between 1 and 100000"),
            c -> c.spark().shufflePartitions(),
            "spark.sql.shuffle.partitions; a checkpoint keeps the value it started with, so a change takes effect"
                    + " only in a new generation"));

    static final ConfigKey<Map<String, String>> SPARK_CONF = declare(ConfigKey.optional("spark.conf",
            "map of strings", Map.<String, String>of(),
            Parsers.stringMap("expected a map of Spark settings such as spark.sql.session.timeZone: UTC",
                    Parsers.prefixedExcept("spark.", "a Spark setting", Map.of(
                            "spark.sql.shuffle.partitions", "set spark.shufflePartitions instead"))),
            c -> c.spark().conf(),
            "further Spark settings applied to the colour job's session, each key starting with spark.;"
                    + " secret-looking values are shown as [hidden]").asMap());

    static final ConfigKey<Boolean> UNITS_SOLD = declare(ConfigKey.optional("transforms.unitsSold", "boolean",
            false, Parsers.bool(), c -> c.transforms().unitsSold(),
            "whether Gold daily_revenue maintains units_sold (the sum of order quantities per day, region and"
                    + " category), the column release 2 adds; set it in the configuration of the colour that runs"
                    + " that release. A colour bootstrapped from a cut of a colour without the column backfills it"
                    + " from its cloned Silver orders before its first batch"));

    static final Map<Domain, ConfigKey<Map<String, Expectation>>> EXPECTATIONS = perDomain(d -> ConfigKey.optional(
            "quality.expectations." + d.silverTable(), "map of expectations", Map.<String, Expectation>of(),
            Parsers.mapOf("expected a map of expectations, name: \"<action>: <SQL boolean expression>\"",
                    name -> name.matches("[a-z_][a-z0-9_]{0,63}") ? null
                            : "expected an expectation name: a lower-case identifier such as valid_status",
                    (name, text) -> Expectation.parse(d.silverTable(), name, text)),
            c -> byName(c.quality().of(d.silverTable())),
            "data-quality expectations of Silver " + d.silverTable() + ", evaluated on every record of every batch:"
                    + " name: \"<action>: <SQL boolean expression over the table's columns>\"; a record passes when"
                    + " the expression is true (false or NULL fails it); action warn counts it, drop keeps it out"
                    + " of Silver, quarantine keeps it out of Silver and shows it in the quarantine view, fail"
                    + " fails the batch; failure counts per batch go to the colour's quality_metrics table")
            .asMap());

    static final ConfigKey<Duration> GATES_MAX_REPORT_AGE = declare(ConfigKey.optional("gates.maxReportAge",
            "duration", Duration.ofHours(1), Parsers.duration(Duration.ofMinutes(1), Duration.ofDays(7)),
            c -> c.gates().maxReportAge(),
            "how old the candidate's latest passing validate report may be for promote to accept it; older, or"
                    + " failed, and promote refuses (validate again)").renderedBy(Durations::format));

    static final ConfigKey<Duration> GATES_MAX_LAG = declare(ConfigKey.optional("gates.freshness.maxLag",
            "duration", Duration.ofSeconds(90), Parsers.duration(Duration.ofSeconds(1), Duration.ofDays(1)),
            c -> c.gates().maxLag(),
            "freshness gate: the most any Kafka partition may lag (the age of its oldest record the candidate has"
                    + " not processed) and the most Gold may lag behind Silver, in every sample")
            .renderedBy(Durations::format));

    static final ConfigKey<Duration> GATES_WINDOW = declare(ConfigKey.optional("gates.freshness.window",
            "duration", Duration.ofMinutes(5), Parsers.duration(Duration.ZERO, Duration.ofDays(1)),
            c -> c.gates().window(),
            "freshness gate: how long the limits must hold, sampled every gates.freshness.sampleInterval (0s takes"
                    + " one sample)").renderedBy(Durations::format));

    static final ConfigKey<Duration> GATES_SAMPLE_INTERVAL = declare(ConfigKey.optional(
            "gates.freshness.sampleInterval", "duration", Duration.ofSeconds(15),
            Parsers.duration(Duration.ofMillis(100), Duration.ofHours(1)), c -> c.gates().sampleInterval(),
            "freshness gate: the time between two samples").renderedBy(Durations::format));

    static final ConfigKey<Map<String, Double>> GATES_MAX_FAILURE_RATE = declare(ConfigKey.optional(
            "gates.quality.maxFailureRate", "map of fractions", Map.of("*", 0.01),
            Parsers.mapOf("expected a map of <table>.<expectation> (or *) to a fraction, such as '*': 0.01",
                    key -> key.equals("*") || key.matches("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*") ? null
                            : "expected <table>.<expectation> such as shipments.valid_status, or * for every other",
                    (key, text) -> Parsers.fraction(text)),
            c -> c.gates().maxFailureRate(),
            "quality gate: the highest failure rate a candidate may have, per <table>.<expectation> (the decoder's"
                    + " own checks are <bronze table>.<status>, e.g. bronze_orders.malformed), * for every one not named")
            .asMap());

    static final ConfigKey<Double> GATES_MARGIN = declare(ConfigKey.optional("gates.quality.margin", "fraction",
            0.005, Parsers.fraction(), c -> c.gates().margin(),
            "quality gate: how much higher than the live colour's a candidate's failure rate may be (0.005 = half a"
                    + " percentage point)"));

    static final ConfigKey<Map<String, String>> GATES_INTENDED = declare(ConfigKey.optional(
            "gates.reconciliation.intendedDifferences", "map of strings", Map.<String, String>of(),
            Parsers.mapOf("expected a map of Silver table to the reason its content changes in this release",
                    key -> java.util.Arrays.stream(Domain.values()).anyMatch(d -> d.silverTable().equals(key)) ? null
                            : "expected a Silver table: orders, inventory_movements or shipments",
                    (key, text) -> text),
            c -> c.gates().intendedDifferences(),
            "reconciliation gate: Silver tables whose content this release changes on purpose, each with the"
                    + " reason; their rows must still match one for one, their content hashes may differ")
            .asMap());

    static final Map<Colour, ConfigKey<Integer>> GENERATION = perColour("generation", c -> ConfigKey.optional(
            "colours." + c.id() + ".generation", "integer", 1,
            Parsers.intBetween(1, Integer.MAX_VALUE, "expected an integer >= 1"),
            cfg -> cfg.colours().get(c).generation(),
            "the colour's checkpoint generation; increase it to start the colour on fresh checkpoints with new"
                    + " txnAppIds (a new checkpoint root), e.g. for a change its old checkpoints cannot resume"));

    static final Map<Colour, ConfigKey<String>> CHECKPOINT_BASE = perColour("checkpointBase", c -> ConfigKey.required(
            "colours." + c.id() + ".checkpointBase", "location", Parsers.text(b -> {
                ColourLayout.normaliseBase("checkpointBase", b);
                return b;
            }), cfg -> cfg.colours().get(c).checkpointBase(),
            "where the colour's checkpoints live; each query's checkpoint is"
                    + " checkpointBase/pipeline/colour/gN/query, e.g. /Volumes/main/retail_ops/checkpoints"));

    static final Map<Colour, ConfigKey<String>> STORAGE_BASE = perColour("storageBase", c -> ConfigKey.required(
            "colours." + c.id() + ".storageBase", "location", Parsers.text(b -> {
                ColourLayout.normaliseBase("storageBase", b);
                return b;
            }), cfg -> cfg.colours().get(c).storageBase(),
            "where the colour's table files live: storageBase/pipeline/colour/gN/tables/table, e.g."
                    + " s3://bucket/retail_ops"));

    static final ConfigKey<String> PUBLISH_STORAGE_BASE = declare(ConfigKey.required("publish.storageBase",
            "location", Parsers.text(b -> {
                ColourLayout.normaliseBase("storageBase", b);
                return b;
            }), c -> c.publish().storageBase(),
            "where the publisher keeps the pipeline's release state, the control table (active colour, epoch,"
                    + " release id) and the audit ledger, under storageBase/pipeline/control; may be the colours'"
                    + " storage base but never inside a colour's checkpoint or storage root, e.g."
                    + " s3://bucket/retail_ops"));

    static final ConfigKey<String> PUBLISH_CONTRACT = declare(ConfigKey.optional("publish.contract", "file path",
            "conf/contract.yaml", Parsers.text(ConfigKeys::contractFile), c -> c.publish().contract(),
            "the consumer contract file (YAML): the published views, the colour table each reads and its typed"
                    + " columns; read by validate, promote, rollback and status, which refuse a missing or invalid"
                    + " file before anything is written; a local or Volume path, e.g."
                    + " /Volumes/main/retail_ops/release/contract.yaml"));

    static final ConfigKey<Integer> PUBLISH_PARALLELISM = declare(ConfigKey.optional("publish.parallelism",
            "integer", 4, Parsers.intBetween(1, 64, "expected an integer between 1 and 64"),
            c -> c.publish().parallelism(),
            "how many published views a promotion or rollback switches at once; 1 switches them one by one"));

    static final ConfigKey<Boolean> PUBLISH_REQUIRE_TRUSTED_IDENTITY = declare(ConfigKey.optional(
            "publish.requireTrustedIdentity", "boolean", false, Parsers.bool(),
            c -> c.publish().requireTrustedIdentity(),
            "whether promote and rollback refuse to run as an identity from the operating-system user: true where"
                    + " the release job sets BLUEGREEN_ACTOR to its run-as principal (or CI sets GITHUB_ACTOR), as on"
                    + " Databricks; every audit record names how its actor was established"));

    static final ConfigKey<Boolean> PUBLISH_REQUIRE_BUILD_SHA = declare(ConfigKey.optional(
            "publish.requireBuildSha", "boolean", false, Parsers.bool(),
            c -> c.publish().requireBuildSha(),
            "whether every command refuses an artifact without the git SHA its build embedded, or built from a tree"
                    + " with uncommitted changes, or told another SHA (--git-sha, BLUEGREEN_GIT_SHA, which stay for"
                    + " local builds): true in production, where owner markers and audit records must name the commit"
                    + " the running code was built from"));

    static final ConfigKey<String> RELEASE_BOOTSTRAP = declare(ConfigKey.optional("release.bootstrap", "cut or scratch",
            ReleaseConfig.DEFAULTS.bootstrap(), Parsers.oneOf(bootstraps()),
            c -> c.releasePolicy().bootstrap(),
            "how a release starts its candidate's new generation: cut clones the live colour's tables at a consistent"
                    + " cut and reads Kafka from the cut's offsets; scratch starts empty and reads Kafka from the"
                    + " earliest retained offsets"));

    static final ConfigKey<Duration> RELEASE_CATCH_UP_TIMEOUT = declare(ConfigKey.optional("release.catchUp.timeout",
            "duration", ReleaseConfig.DEFAULTS.catchUpTimeout(), Parsers.duration(Duration.ofSeconds(1),
                    Duration.ofDays(7)), c -> c.releasePolicy().catchUpTimeout(),
            "how long a release's candidate may take to catch up with the live colour before the release is"
                    + " aborted (the candidate is left running for diagnosis)").renderedBy(Durations::format));

    static final ConfigKey<Duration> RELEASE_POLL_INTERVAL = declare(ConfigKey.optional(
            "release.catchUp.pollInterval", "duration", ReleaseConfig.DEFAULTS.pollInterval(),
            Parsers.duration(Duration.ofMillis(100), Duration.ofHours(1)), c -> c.releasePolicy().pollInterval(),
            "how often a release measures how far its candidate is behind").renderedBy(Durations::format));

    static final ConfigKey<Long> RELEASE_MAX_BEHIND = declare(ConfigKey.optional("release.catchUp.maxRecordsBehind",
            "integer", ReleaseConfig.DEFAULTS.maxRecordsBehind(),
            Parsers.longAtLeast(0, "expected a number of records >= 0"),
            c -> c.releasePolicy().maxRecordsBehind(),
            "the candidate has caught up when its Kafka lag exceeds the live colour's by at most this many records"));

    static final ConfigKey<Duration> RELEASE_BAKE_WINDOW = declare(ConfigKey.optional("release.bake.window",
            "duration", ReleaseConfig.DEFAULTS.bakeWindow(), Parsers.duration(Duration.ofSeconds(1),
                    Duration.ofDays(7)), c -> c.releasePolicy().bakeWindow(),
            "how long a promoted candidate bakes, sampled, with the old colour still running to switch back to; at"
                    + " its end the old colour's job is stopped").renderedBy(Durations::format));

    static final ConfigKey<Duration> RELEASE_SAMPLE_INTERVAL = declare(ConfigKey.optional(
            "release.bake.sampleInterval", "duration", ReleaseConfig.DEFAULTS.sampleInterval(),
            Parsers.duration(Duration.ofMillis(100), Duration.ofHours(1)), c -> c.releasePolicy().sampleInterval(),
            "how often a baking candidate is sampled: freshness and Gold lag against gates.freshness.maxLag, quality"
                    + " against the old colour plus gates.quality.margin, reconciliation against the old colour, job"
                    + " alive").renderedBy(Durations::format));

    static final ConfigKey<Map<String, Integer>> RELEASE_BREACHES = declare(ConfigKey.optional(
            "release.bake.breaches", "map of integers", ReleaseConfig.DEFAULTS.breaches(),
            Parsers.mapOf("expected a map of check (freshness, quality, reconciliation, alive, or *) to a number of"
                            + " samples, such as '*': 3",
                    key -> List.of("*", "freshness", "quality", "reconciliation", "alive").contains(key) ? null
                            : "expected one of the bake's checks: freshness, quality, reconciliation, alive, or *",
                    (key, text) -> {
                        try {
                            int n = Integer.parseInt(text.trim());
                            if (n >= 1) {
                                return n;
                            }
                        } catch (NumberFormatException e) {
                            // reported below
                        }
                        throw new Parsers.Invalid("expected a number of consecutive samples >= 1");
                    }),
            c -> c.releasePolicy().breaches(),
            "consecutive breaching bake samples of a check that switch every view back to the old colour"
                    + " automatically, per check or * for the others").asMap());

    static final ConfigKey<Boolean> RELEASE_AUTO_APPROVE = declare(ConfigKey.optional("release.approval.auto",
            "boolean", ReleaseConfig.DEFAULTS.autoApprove(), Parsers.bool(), c -> c.releasePolicy().autoApprove(),
            "whether a release whose gates pass approves itself (non-production targets only; its audit record says"
                    + " so); otherwise a second identity approves it with release approve"));

    static final ConfigKey<String> RELEASE_APPROVERS = declare(ConfigKey.optional("release.approval.approvers",
            "text", ReleaseConfig.DEFAULTS.approvers(), Parsers.text(), c -> c.releasePolicy().approvers(),
            "who may approve a release, as plans and messages name them (a group, say); never its author"));

    static final ConfigKey<Duration> RELEASE_KAFKA_RETENTION = declare(ConfigKey.optional("release.kafkaRetention",
            "duration", ReleaseConfig.DEFAULTS.kafkaRetention(), Parsers.duration(Duration.ofHours(1),
                    Duration.ofDays(3650)), c -> c.releasePolicy().kafkaRetention(),
            "how long the topics keep records: after a release completes, its old colour can be restarted from its"
                    + " checkpoint to roll back only this long; after that, roll forward").renderedBy(Durations::format));

    private static Map<String, String> bootstraps() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cut", "cut");
        values.put("scratch", "scratch");
        return values;
    }

    /** Every key, in declaration order. */
    static final List<ConfigKey<?>> ALL = List.copyOf(DECLARED);
    private static final Map<String, ConfigKey<?>> BY_PATH = byPath();
    /** Paths that are sections (strict prefixes of a key path), e.g. "kafka", "colours.blue". */
    private static final Set<String> SECTIONS = sections();

    private ConfigKeys() {
    }

    static Optional<ConfigKey<?>> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** The map key that owns {@code path}, e.g. kafka.options for kafka.options.kafka.security.protocol. */
    static Optional<ConfigKey<?>> mapKeyOwning(String path) {
        return ALL.stream().filter(k -> k.isMap() && path.startsWith(k.path() + ".")).findFirst();
    }

    static boolean isSection(String path) {
        return SECTIONS.contains(path);
    }

    /** The colour a per-colour key belongs to. */
    static Optional<Colour> colourOf(ConfigKey<?> key) {
        return Optional.ofNullable(COLOUR_OF.get(key));
    }

    /** Every known key and section path, for "did you mean". */
    static Set<String> knownPaths() {
        Set<String> all = new LinkedHashSet<>(BY_PATH.keySet());
        all.addAll(SECTIONS);
        return all;
    }

    /** The names directly under {@code parent} ("" for the top level). */
    static List<String> childrenOf(String parent) {
        String prefix = parent.isEmpty() ? "" : parent + ".";
        Set<String> names = new LinkedHashSet<>();
        for (String p : knownPaths()) {
            if (p.startsWith(prefix) && p.length() > prefix.length()) {
                String rest = p.substring(prefix.length());
                names.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
            }
        }
        return List.copyOf(names);
    }

    private static <T> ConfigKey<T> declare(ConfigKey<T> key) {
        DECLARED.add(key);
        return key;
    }

    /** The key of {@code colour}'s checkpoint base, {@code colours.<colour>.checkpointBase}: for overrides. */
    public static String checkpointBase(Colour colour) {
        return CHECKPOINT_BASE.get(colour).path();
    }

    /** The key of {@code colour}'s storage base, {@code colours.<colour>.storageBase}: for overrides. */
    public static String storageBase(Colour colour) {
        return STORAGE_BASE.get(colour).path();
    }

    /** The key of {@code colour}'s generation, {@code colours.<colour>.generation}: for overrides. */
    public static String generation(Colour colour) {
        return GENERATION.get(colour).path();
    }

    private static <T> Map<Domain, ConfigKey<T>> perDomain(Function<Domain, ConfigKey<T>> declaration) {
        Map<Domain, ConfigKey<T>> out = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            out.put(d, declare(declaration.apply(d)));
        }
        return Collections.unmodifiableMap(out);
    }

    private static <T> Map<Colour, ConfigKey<T>> perColour(String name, Function<Colour, ConfigKey<T>> declaration) {
        Map<Colour, ConfigKey<T>> out = new EnumMap<>(Colour.class);
        for (Colour c : Colour.values()) {
            ConfigKey<T> key = declare(declaration.apply(c).documentedAs("colours.<colour>." + name));
            COLOUR_OF.put(key, c);
            out.put(c, key);
        }
        return Collections.unmodifiableMap(out);
    }

    /** A file the publish commands read through the local filesystem or a Volume's FUSE mount, so no URI. */
    private static String contractFile(String path) {
        String expectation = "expected the path of a YAML file on a local disk or Volume, such as"
                + " conf/contract.yaml or /Volumes/main/retail_ops/release/contract.yaml";
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*") || path.chars().anyMatch(Character::isISOControl)) {
            throw new Parsers.Invalid(expectation + " (not a URI)");
        }
        if (!(path.endsWith(".yaml") || path.endsWith(".yml"))) {
            throw new Parsers.Invalid(expectation + " (ending in .yaml or .yml)");
        }
        return path;
    }

    private static Map<String, Expectation> byName(List<Expectation> expectations) {
        Map<String, Expectation> out = new java.util.TreeMap<>();
        expectations.forEach(e -> out.put(e.name(), e));
        return out;
    }

    private static Map<String, Mode> modes() {
        Map<String, Mode> out = new LinkedHashMap<>();
        Arrays.stream(Mode.values()).forEach(m -> out.put(m.yamlName(), m));
        return out;
    }

    private static Map<String, ConfigKey<?>> byPath() {
        Map<String, ConfigKey<?>> out = new LinkedHashMap<>();
        ALL.forEach(k -> out.put(k.path(), k));
        return Collections.unmodifiableMap(out);
    }

    private static Set<String> sections() {
        Set<String> out = new LinkedHashSet<>();
        for (ConfigKey<?> k : ALL) {
            String p = k.path();
            for (int i = p.indexOf('.'); i >= 0; i = p.indexOf('.', i + 1)) {
                out.add(p.substring(0, i));
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** {@code user:password} with a non-empty user, or empty for none. */
    private static String userColonPassword(com.fasterxml.jackson.databind.JsonNode node) {
        String text = optionalText(node);
        if (Secrets.REFERENCE.matcher(text).find()) {
            return text;        // unresolved (no scope here): RegistryConfig.authorization() refuses to send it
        }
        if (!text.isEmpty() && text.indexOf(':') < 1) {
            throw new Parsers.Invalid("expected user:password (the user, a colon, then the password)");
        }
        return text;
    }

    /** A single value's text, trimmed; empty for null or an empty string. */
    private static String optionalText(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isNull()) {
            return "";
        }
        if (!node.isValueNode()) {
            throw new Parsers.Invalid("expected a single value, not a list or a map");
        }
        return node.asText().trim();
    }

    private static String noneIfEmpty(String value) {
        return value.isEmpty() ? "(none)" : value;
    }

    private static String optionalHttpUrl(com.fasterxml.jackson.databind.JsonNode node) {
        String text = optionalText(node);
        return text.isEmpty() || Secrets.REFERENCE.matcher(text).find() ? text : Parsers.httpUrl(text);
    }
}

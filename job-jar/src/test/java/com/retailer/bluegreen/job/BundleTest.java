package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.databricks.sdk.service.jobs.Continuous;
import com.databricks.sdk.service.jobs.JobCluster;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.PauseStatus;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.config.SecretResolver;
import com.retailer.bluegreen.layout.Colour;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The bundle ({@code databricks.yml}) as the Databricks CLI would take it, without a workspace: valid against the
 * CLI's own bundle JSON schema (Draft 2020-12; the schema's pass fixtures validate and its fail fixtures do not,
 * which shows the validator works), plus what that schema does not check, and what ties the bundle to this code:
 * the colour jobs' names are the layout's, every JAR task runs {@link Main} with arguments it accepts, and every
 * secret the configuration references reaches every job cluster from a secret scope.
 *
 * <p>The schema and fixtures are copies (src/test/resources/databricks-bundle, with the licence they are under) of
 * databricks/cli's {@code bundle/schema/jsonschema.json} and {@code bundle/internal/schema/testdata}.
 */
class BundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("artifacts", "bundle", "environments", "experimental",
            "include", "permissions", "presets", "python", "resources", "run_as", "scripts", "sync", "targets",
            "variables", "workspace");
    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\{\\{\\s*secrets/([^/{}\\s]+)/([^/{}\\s]+)\\s*}}");
    /** A secret reference in the bundle, whose scope may be a bundle variable. */
    private static final Pattern BUNDLE_SECRET_REFERENCE = Pattern.compile(
            "\\{\\{secrets/(\\$\\{var\\.[a-z_]+}|[^/{}\\s]+)/[^/{}\\s]+}}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-z_]+(?:\\.[a-z_]+)+)}");
    private static Schema schema;
    private static Path bundleFile;
    private static JsonNode bundle;

    @BeforeAll
    static void load() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (InputStream in = BundleTest.class.getResourceAsStream("/databricks-bundle/bundle-schema.json")) {
            schema = registry.getSchema(SchemaLocation.of("https://schemas.invalid/databricks/bundle-schema.json"),
                    in, InputFormat.JSON);
        }
        schema.initializeValidators();
        bundleFile = Path.of(System.getProperty("bundle.file", "../databricks.yml"));
        bundle = readYaml(bundleFile);
    }

    /**
     * Reads YAML as the CLI does (go-yaml): anchors and aliases expanded, merge keys applied, and only YAML 1.2's
     * core scalars typed ({@code true}/{@code false}, numbers, null), so {@code on} or {@code yes} stay strings.
     * Jackson's YAML reader leaves an alias as the text of its name, which the schema would then refuse.
     */
    static JsonNode readYaml(Path file) throws IOException {
        Resolver core = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
                addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
                addImplicitResolver(Tag.FLOAT, Pattern.compile(
                        "^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"), "-+.0123456789");
                addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
                addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
                addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
            }
        };
        LoaderOptions options = new LoaderOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, core);
        return JSON.valueToTree(yaml.load(Files.readString(file)));
    }

    private static List<Path> fixtures(String kind) throws IOException, URISyntaxException {
        Path dir = Path.of(BundleTest.class.getResource("/databricks-bundle/testdata/" + kind).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static List<Error> validate(Path yml) throws IOException {
        return schema.validate(readYaml(yml));
    }

    @Test
    void the_schemas_own_pass_fixtures_validate_and_its_fail_fixtures_do_not() throws Exception {
        List<Path> pass = fixtures("pass");
        List<Path> failing = fixtures("fail");
        assertEquals(15, pass.size());
        assertEquals(16, failing.size());
        for (Path p : pass) {
            assertEquals(List.of(), validate(p), p.getFileName().toString());
        }
        for (Path p : failing) {
            assertFalse(validate(p).isEmpty(), p.getFileName() + " validated, but the CLI's schema refuses it");
        }
    }

    @Test
    void the_bundle_validates_against_the_schema() throws IOException {
        assertEquals(List.of(), validate(bundleFile));
    }

    @Test
    void the_bundle_passes_the_checks_the_schema_does_not_make() {
        for (Iterator<String> it = bundle.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            assertTrue(TOP_LEVEL_KEYS.contains(key), "unknown top-level key '" + key + "' (the schema lets it pass)");
        }
        JsonNode jobs = bundle.at("/resources/jobs");
        assertTrue(jobs.size() >= 5, "two colour jobs, release, rollback, monitor: " + jobs);
        jobs.fields().forEachRemaining(job -> {
            JsonNode j = job.getValue();
            assertFalse(j.has("continuous") && j.has("schedule"), job.getKey() + ": continuous and schedule");
            for (JsonNode task : j.get("tasks")) {
                if (task.has("spark_jar_task")) {
                    boolean jar = false;
                    for (JsonNode lib : task.path("libraries")) {
                        jar |= lib.has("jar");
                    }
                    assertTrue(jar || task.has("environment_key"), job.getKey() + "." + task.get("task_key").asText()
                            + ": a JAR task without a jar library");
                }
            }
        });
        for (Colour c : Colour.values()) {
            JsonNode j = jobs.get("colour_" + c.id());
            assertNotNull(j, "no job colour_" + c.id());
            assertEquals("${var." + c.id() + "_pause_status}", j.at("/continuous/pause_status").asText(),
                    "each colour's pause status is explicit and given at deploy time");
            assertFalse(bundle.at("/variables/" + c.id() + "_pause_status").has("default"),
                    "a default pause status would stop the live colour or start the idle one on a careless deploy");
        }
    }

    @Test
    void the_colour_jobs_are_named_as_the_layout_names_them_in_every_target() throws IOException {
        PipelineConfig prod = ConfigLoader.load(Path.of(System.getProperty("databricks.config",
                "../conf/databricks.yaml")), Map.of(), SecretResolver.NONE);
        assertEquals(prod.pipeline(), bundle.at("/targets/prod/variables/pipeline").asText(),
                "the prod target deploys the pipeline conf/databricks.yaml configures");
        for (Colour c : Colour.values()) {
            String name = bundle.at("/resources/jobs/colour_" + c.id() + "/name").asText();
            assertEquals(prod.layout(c).jobName(), name.replace("${var.pipeline}", prod.pipeline()));
            assertTrue(name.startsWith("${var.pipeline}"), "a target that changes the pipeline renames its jobs: " + name);
        }
        assertEquals("", bundle.at("/targets/dev/presets/name_prefix").asText("absent"),
                "development mode would prefix the names the adapter looks up");
    }

    @Test
    void every_jar_task_runs_main_with_arguments_it_accepts() {
        List<String> checked = new ArrayList<>();
        bundle.at("/resources/jobs").fields().forEachRemaining(job -> {
            for (JsonNode task : job.getValue().get("tasks")) {
                JsonNode t = task.get("spark_jar_task");
                if (t == null) {
                    continue;
                }
                assertEquals(Main.class.getName(), t.get("main_class_name").asText());
                List<String> args = new ArrayList<>();
                t.get("parameters").forEach(p -> args.add(p.asText()
                        .replace("{{job.parameters.candidate}}", "green")));
                try {
                    assertTrue(Arguments.parse(args.toArray(String[]::new)).isPresent(), args.toString());
                } catch (IllegalArgumentException e) {
                    fail(job.getKey() + "." + task.get("task_key").asText() + ": " + e.getMessage());
                }
                checked.add(job.getKey() + "." + task.get("task_key").asText());
            }
        });
        assertTrue(checked.size() >= 7, checked.toString());
    }

    @Test
    void every_secret_the_configuration_references_reaches_every_job_cluster_from_a_secret_scope() throws IOException {
        String config = Files.readString(Path.of(System.getProperty("databricks.config", "../conf/databricks.yaml")));
        Set<String> variables = new TreeSet<>();
        Matcher m = SECRET_REFERENCE.matcher(config);
        while (m.find()) {
            variables.add(SecretResolver.environmentVariable(m.group(1), m.group(2)));
        }
        assertFalse(variables.isEmpty(), "conf/databricks.yaml references its Kafka secrets");
        List<JsonNode> clusters = new ArrayList<>();
        bundle.at("/resources/jobs").forEach(j -> j.path("job_clusters").forEach(c -> clusters.add(c)));
        assertTrue(clusters.size() >= 5);
        for (JsonNode cluster : clusters) {
            JsonNode env = cluster.at("/new_cluster/spark_env_vars");
            for (String v : variables) {
                String value = env.path(v).asText("");
                assertTrue(BUNDLE_SECRET_REFERENCE.matcher(value).matches(), cluster.get("job_cluster_key") + " has no "
                        + v + " from a secret scope: '" + value + "'");
            }
            env.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("BLUEGREEN_SECRET_") || e.getKey().contains("SECRET")
                        || e.getKey().contains("PASSWORD") || e.getKey().contains("TOKEN")) {
                    assertTrue(BUNDLE_SECRET_REFERENCE.matcher(e.getValue().asText()).matches(),
                            e.getKey() + " is written in the bundle, not referenced from a secret scope");
                }
            });
        }
    }

    @Test
    void every_job_reads_strictly_into_the_sdks_job_settings_as_the_prod_target_deploys_it() throws IOException {
        Map<String, String> values = new java.util.HashMap<>();
        bundle.get("variables").fields().forEachRemaining(v -> {
            if (v.getValue().has("default")) {
                values.put("var." + v.getKey(), v.getValue().get("default").asText());
            }
        });
        bundle.at("/targets/prod/variables").fields().forEachRemaining(v -> values.put("var." + v.getKey(),
                v.getValue().asText()));
        values.put("var.blue_pause_status", "UNPAUSED");
        values.put("var.green_pause_status", "PAUSED");
        values.put("var.colour_principal", "6d1c2f0e-0000-4000-8000-00000000c010");
        values.put("var.publisher_principal", "6d1c2f0e-0000-4000-8000-00000000b0b0");
        values.put("workspace.host", "https://adb-1234567890123456.7.azuredatabricks.net");
        ObjectMapper strict = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        List<String> read = new ArrayList<>();
        bundle.at("/resources/jobs").fields().forEachRemaining(job -> {
            com.fasterxml.jackson.databind.node.ObjectNode settings = (com.fasterxml.jackson.databind.node.ObjectNode)
                    substitute(job.getValue().deepCopy(), values);
            settings.remove("permissions"); // a bundle resource key, applied through the permissions API
            try {
                JobSettings parsed = strict.treeToValue(settings, JobSettings.class);
                assertEquals(settings.get("name").asText(), parsed.getName());
                assertEquals(settings.get("tasks").size(), parsed.getTasks().size());
                for (JobCluster cluster : parsed.getJobClusters()) {
                    assertNotNull(cluster.getNewCluster().getSparkVersion(), job.getKey());
                    assertNotNull(cluster.getNewCluster().getDataSecurityMode(), job.getKey()
                            + ": Unity Catalog needs an explicit access mode");
                }
                read.add(job.getKey());
            } catch (IOException e) {
                fail(job.getKey() + " does not read as the SDK's JobSettings: " + e.getMessage());
            }
        });
        assertEquals(List.of("colour_blue", "colour_green", "monitor", "release", "rollback"),
                read.stream().sorted().toList());
        assertEquals(PauseStatus.UNPAUSED, strict.treeToValue(substitute(bundle.at("/resources/jobs/colour_blue")
                .deepCopy(), values).get("continuous"), Continuous.class).getPauseStatus());
    }

    /** Every {@code ${var.x}} or {@code ${workspace.x}} of {@code node} replaced by its value; whole numbers typed. */
    private static JsonNode substitute(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            Matcher m = VARIABLE.matcher(node.asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                assertNotNull(value, "no value for ${" + m.group(1) + "}");
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            String text = out.toString();
            return text.matches("[0-9]+") && !node.asText().equals(text) ? JSON.getNodeFactory().numberNode(
                    Long.parseLong(text)) : JSON.getNodeFactory().textNode(text);
        }
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                o.set(name, substitute(o.get(name), values));
            }
        } else if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = (com.fasterxml.jackson.databind.node.ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, substitute(a.get(i), values));
            }
        }
        return node;
    }
}

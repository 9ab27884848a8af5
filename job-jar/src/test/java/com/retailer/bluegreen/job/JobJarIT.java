package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployable jar as packaged ({@code target/bluegreen-job.jar}): nothing of the runtime's inside (Spark, Delta,
 * Scala, Hadoop, logging), every library the runtime ships in another version relocated, the code it runs present,
 * and the jar working on its own: it loads a configuration with its relocated YAML and JSON libraries, and names
 * the Kafka login module in the package its relocated Kafka clients have.
 */
class JobJarIT {
    private static final String SHADED = "com/retailer/bluegreen/shaded/";
    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        jar = Path.of(System.getProperty("job.jar", "target/bluegreen-job.jar"));
        entries = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            j.stream().map(ZipEntry::getName).forEach(entries::add);
            assertEquals(Main.class.getName(), j.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @Test
    void nothing_of_the_runtime_is_inside() {
        for (String prefix : List.of("org/apache/spark/", "io/delta/", "scala/", "org/apache/hadoop/", "org/slf4j/",
                "org/apache/logging/", "com/github/luben/", "org/xerial/snappy/", "net/jpountz/")) {
            List<String> found = entries.stream().filter(e -> e.startsWith(prefix)).limit(3).toList();
            assertEquals(List.of(), found, "the runtime's own " + prefix + " is in the jar");
        }
    }

    @Test
    void every_library_the_runtime_ships_in_another_version_is_relocated() {
        for (String library : List.of("com/fasterxml/jackson/", "org/yaml/snakeyaml/", "org/apache/avro/",
                "org/apache/kafka/", "com/google/", "org/apache/http/", "org/apache/commons/")) {
            List<String> unrelocated = entries.stream().filter(e -> e.startsWith(library)).limit(3).toList();
            assertEquals(List.of(), unrelocated, library + " is in the jar unrelocated");
        }
        for (String relocated : List.of("jackson/databind/ObjectMapper.class", "snakeyaml/Yaml.class",
                "avro/Schema.class", "kafka/clients/admin/Admin.class",
                "kafka/common/security/scram/ScramLoginModule.class", "google/common/collect/ImmutableList.class",
                "http/impl/client/CloseableHttpClient.class")) {
            assertTrue(entries.contains(SHADED + relocated), "missing " + SHADED + relocated);
        }
    }

    @Test
    void the_code_of_every_task_is_inside() {
        for (String cls : List.of("com/retailer/bluegreen/job/Main.class", "com/retailer/bluegreen/job/ColourJob.class",
                "com/retailer/bluegreen/databricks/DatabricksColourJobs.class",
                "com/retailer/bluegreen/publish/release/ReleaseOrchestrator.class",
                "com/databricks/sdk/WorkspaceClient.class")) {
            assertTrue(entries.contains(cls), "missing " + cls);
        }
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("avro/") && e.endsWith(".avsc")), "the Avro schemas");
    }

    @Test
    void the_kafka_login_module_is_named_in_the_package_of_the_jars_kafka_clients() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> kafkaConfig = loader.loadClass("com.retailer.bluegreen.config.KafkaConfig");
            Method rewrite = kafkaConfig.getDeclaredMethod("clientLoginModule", String.class);
            rewrite.setAccessible(true);
            String jaas = (String) rewrite.invoke(null, "kafkashaded.org.apache.kafka.common.security.scram"
                    + ".ScramLoginModule required username=\"u\" password=\"p\";");
            String module = jaas.substring(0, jaas.indexOf(' '));
            assertEquals("com.retailer.bluegreen.shaded.kafka.common.security.scram.ScramLoginModule", module);
            loader.loadClass(module);
        }
    }

    @Test
    void the_jar_alone_loads_a_configuration_and_refuses_a_bad_value_naming_the_key() throws Exception {
        // The jar and what the runtime provides of what it does not ship (SLF4J, a logging backend); nothing else.
        String runtime = Path.of(org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()) + java.io.File.pathSeparator + Path.of(org.slf4j.simple.SimpleLogger.class
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar + java.io.File.pathSeparator + runtime, Main.class.getName(), "status", "--config",
                System.getProperty("databricks.config", "../conf/databricks.yaml"), "--set", "trigger.interval=soon")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("trigger.interval") && out.contains("soon"), out);
    }
}

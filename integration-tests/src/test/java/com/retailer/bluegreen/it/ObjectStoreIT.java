package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.config.ConfigKeys;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.OwnerMarker;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.local.ChildJob;
import com.retailer.bluegreen.local.ChildJvm;
import com.retailer.bluegreen.local.LocalStack;
import com.retailer.bluegreen.local.SharedCatalog;
import com.retailer.bluegreen.storage.HadoopStorage;
import com.retailer.bluegreen.storage.LocalS3;
import com.retailer.bluegreen.testsupport.ActualTables;
import com.retailer.bluegreen.testsupport.Expected;
import com.retailer.bluegreen.testsupport.GeneratorConfig;
import com.retailer.bluegreen.testsupport.Oracle;
import com.retailer.bluegreen.testsupport.ProducedRecord;
import com.retailer.bluegreen.testsupport.Producing;
import com.retailer.bluegreen.testsupport.ReferenceFiles;
import com.retailer.bluegreen.testsupport.TrafficGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, cloud storage: the pipeline with its tables, checkpoints, owner markers, bootstrap files, heartbeats and
 * reference inbox on {@code s3a://}, in a real S3-compatible object store (s3proxy on localhost) reached through
 * Hadoop's S3A client, each command in its own JVM on a shared catalog, configured only by {@code spark.conf} as on
 * a cluster. Blue runs; green is bootstrapped from blue's consistent cut (SHALLOW CLONE on S3), reads what came after
 * the cut from Kafka, passes the gates and is promoted. Both colours equal the plain-Java oracle of what they read;
 * nothing of theirs lands on the local disk. (Reconciliation against a live colour reads the same checkpoints and
 * tables through the same port; it is left out to keep this test's commands, each a JVM on S3, to six.)
 *
 * <p>The release state stays on the local disk: Delta on S3 outside Databricks cannot refuse a concurrent commit
 * without the DynamoDB log store, and the publisher refuses such a location (CommitCoordinationTest).
 */
@Tag("integration")
class ObjectStoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate REF_DAY = LocalDate.of(2026, 11, 18);

    @Test
    void aReleaseWithTablesAndCheckpointsOnS3aEqualsTheOracle() throws Exception {
        ItStack.Run run = ItStack.newRun("objectstore");
        try (LocalS3 s3 = LocalS3.start("lake");
             SharedCatalog catalog = SharedCatalog.start(run.dir().resolve("catalog"))) {
            String root = "s3a://lake/" + run.name();
            Map<String, String> overrides = new LinkedHashMap<>(run.overrides(Map.of()));
            overrides.putAll(catalog.overrides(run.dir().resolve("warehouse")));
            overrides.put("pipeline", "s3_it");
            for (Colour c : Colour.values()) {
                overrides.put(ConfigKeys.checkpointBase(c), root + "/checkpoints");
                overrides.put(ConfigKeys.storageBase(c), root + "/lake");
            }
            overrides.put("reference.inbox", root + "/reference");
            overrides.put("publish.storageBase", run.dir().resolve("publish").toString());
            overrides.put("publish.contract", LocalStack.configFile().resolveSibling("contract.yaml").toString());
            overrides.put("gates.freshness.window", "0s");
            overrides.put("gates.freshness.maxLag", "600s");
            s3.hadoopConf().forEach((k, v) -> overrides.put("spark.conf.spark.hadoop." + k, v));
            PipelineConfig config = LocalStack.config(overrides);
            HadoopStorage storage = HadoopStorage.withoutSpark(config.spark().conf());

            List<ProducedRecord> produced = new ArrayList<>(produce(run, 61L, "a", 1_500));
            List<ReferenceFiles.ReferenceFile> reference = ReferenceFiles.write(run.inbox(), REF_DAY, 1, 61L);
            upload(storage, run.inbox(), root + "/reference");

            Commands cli = new Commands(overrides, run.dir());
            cli.ok("run", "--colour", "blue", "--available-now");
            Expected blueExpected = Oracle.compute(produced, reference);

            // Green from blue's cut, then what came after it from Kafka; first publication, so no reconciliation.
            produced.addAll(produce(run, 62L, "b", 800));
            cli.ok("bootstrap", "--colour", "green", "--from", "blue");
            cli.ok("run", "--colour", "green", "--available-now");
            JsonNode validated = cli.ok("validate", "--candidate", "green", "--release-id", "s3-1", "--json");
            for (String gate : List.of("schema", "freshness", "quality")) {
                assertEquals("PASS", verdict(validated, gate), validated.toString());
            }
            cli.ok("promote", "--to", "green", "--release-id", "s3-1");
            JsonNode views = cli.ok("status", "--json").path("publication").path("views");
            assertTrue(views.size() > 0, views.toString());
            views.forEach(v -> assertEquals("green", v.path("colour").asText(), views.toString()));

            // The files that are not tables are on S3: markers, the cut and the done file, checkpoints, heartbeats.
            ColourLayout blue = config.layout(Colour.BLUE);
            ColourLayout green = config.layout(Colour.GREEN);
            assertTrue(blue.checkpointRoot().startsWith("s3a://lake/"), blue.checkpointRoot());
            assertEquals(Colour.GREEN, OwnerMarker.read(storage, green.checkpointRoot()).orElseThrow().colour());
            ConsistentCut cut = ConsistentCut.read(storage, green.bootstrapCutFile());
            assertEquals(Colour.BLUE, cut.colour());
            assertTrue(storage.isFile(green.bootstrapDoneFile()));
            assertFalse(Files.exists(run.dir().resolve("checkpoints")), "nothing of the colours on the local disk");
            assertFalse(Files.exists(run.dir().resolve("lake")), "nothing of the colours on the local disk");

            // The tables, read from S3 by this JVM's Spark, equal the oracle.
            SparkSession spark = ItStack.spark();
            s3.hadoopConf().forEach(spark.sparkContext().hadoopConfiguration()::set);
            Compare.assertTablesEqual(Oracle.compute(produced, reference), ActualTables.read(spark, green));
            Compare.assertTablesEqual(blueExpected, ActualTables.read(spark, blue));
            assertEquals(0, ActualTables.bronzeDuplicates(spark, green), "green Bronze overlaps the cut");
        }
    }

    private static List<ProducedRecord> produce(ItStack.Run run, long seed, String phase, int approx) {
        TrafficGenerator generator = new TrafficGenerator(ItStack.stack().registryClient(),
                GeneratorConfig.of(seed, run.name() + phase, ItStack.NOW, approx).withTopics(run.topics()));
        return Producing.produceAll(ItStack.stack().bootstrapServers(), generator.generate());
    }

    /** Copies the local reference inbox to the object store, then removes it: the job finds it only on S3. */
    private static void upload(Storage storage, Path local, String target) throws Exception {
        try (Stream<Path> files = Files.walk(local)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String relative = local.relativize(f).toString();
                storage.write(target + "/" + relative, Files.readAllBytes(f));
            }
        }
        try (Stream<Path> files = Files.walk(local)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String verdict(JsonNode validated, String gate) {
        for (JsonNode r : validated.path("report").path("results")) {
            if (gate.equals(r.path("gate").asText())) {
                return r.path("verdict").asText();
            }
        }
        throw new AssertionError("no " + gate + " gate in " + validated);
    }

    /** {@code Main} commands, each in its own JVM, as a Databricks job or an operator runs them. */
    private record Commands(Map<String, String> overrides, Path root) {
        JsonNode ok(String... command) throws Exception {
            List<String> args = List.of(command);
            Path log = root.resolve(String.join("-", args.subList(0, Math.min(3, args.size()))) + ".log");
            try (ChildJvm job = ChildJob.command(args, LocalStack.configFile(), overrides, Map.of(), log,
                    args.get(0))) {
                int exit = job.waitFor(300_000);
                List<String> lines = job.lines();
                assertEquals(0, exit, args + " failed; stdout " + lines + "; see " + log);
                return lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("{") ? JSON.createObjectNode()
                        : JSON.readTree(lines.get(lines.size() - 1));
            }
        }
    }
}

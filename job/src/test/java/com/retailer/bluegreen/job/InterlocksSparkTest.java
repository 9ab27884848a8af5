package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.config.ConfigKeys;
import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.DomainCut;
import com.retailer.bluegreen.publish.Admission;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.publish.spark.AuditLedger;
import com.retailer.bluegreen.publish.spark.SparkReleases;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's interlocks, each tried as the attack or fault it guards against, through the command line as an
 * operator would run it: blue's tables created by the real definitions and published as release r-1, green idle.
 * Each refusal must change nothing.
 */
@Tag("spark")
class InterlocksSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONTRACT = Path.of(System.getProperty("basedir", "."), "..", "conf", "contract.yaml")
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("pipeline", "guard");
        o.put("kafka.bootstrapServers", "127.0.0.1:9");
        o.put("reference.inbox", dir.resolve("inbox").toString());
        for (Colour c : Colour.values()) {
            o.put(ConfigKeys.checkpointBase(c), dir.resolve("ckpt").toString());
            o.put(ConfigKeys.storageBase(c), dir.resolve("lake").toString());
        }
        o.put("publish.storageBase", dir.resolve("lake").toString());
        o.put("publish.contract", CONTRACT.toString());
        o.put("spark.conf.spark.sql.warehouse.dir", dir.resolve("warehouse").toString());
        return o;
    }

    /** Runs a command with the test's configuration; {@code --set}s in {@code args} override it. */
    private Result run(String... args) {
        List<String> all = new ArrayList<>();
        int options = 0;
        while (options < args.length && !args[options].startsWith("--")) {
            all.add(args[options++]);
        }
        all.addAll(List.of("--config", ExitCodesTest.config().toString()));
        overrides().forEach((k, v) -> all.addAll(List.of("--set", k + "=" + v)));
        all.addAll(List.of(args).subList(options, args.length));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8).trim(), err.toString(StandardCharsets.UTF_8));
    }

    private PipelineConfig config(Map<String, String> more) {
        Map<String, String> o = new LinkedHashMap<>(overrides());
        o.putAll(more);
        return ConfigLoader.load(ExitCodesTest.config(), o);
    }

    @Test
    void what_consumers_read_changes_only_through_a_release_step() throws Exception {
        PipelineConfig config = config(Map.of());
        SparkSession spark = Sessions.builder(config, "interlocks-test").getOrCreate();
        for (Colour c : Colour.values()) {
            Tables.ensure(spark, config.layout(c), Features.NONE);
        }
        Contract contract = ContractFile.load(CONTRACT, "publish.contract");
        SparkReleases.create(spark, config.layouts(), contract, 2, Admission.unguarded("test: publish blue"))
                .promote(Colour.BLUE, "r-1", "ci", "sha");
        ColourLayout blue2 = config(Map.of(ConfigKeys.generation(Colour.BLUE), "2")).layout(Colour.BLUE);

        // 1. A new generation of the live colour would re-point its tables under the consumers: refused.
        Result run = run("run", "--colour", "blue", "--available-now", "--set",
                ConfigKeys.generation(Colour.BLUE) + "=2");
        assertEquals(ErrorCode.LIVE_COLOUR.exitStatus(), run.code(), run.err());
        assertTrue(run.err().contains("blue serves the published views (release r-1, epoch 1)"), run.err());
        Result bootstrap = run("bootstrap", "--colour", "blue", "--from-scratch", "--set",
                ConfigKeys.generation(Colour.BLUE) + "=2");
        assertEquals(ErrorCode.LIVE_COLOUR.exitStatus(), bootstrap.code(), bootstrap.err());
        assertFalse(Files.exists(Path.of(blue2.checkpointRoot())), "nothing written for blue's generation 2");
        assertTrue(Tables.registeredElsewhere(spark, config.layout(Colour.BLUE)).isEmpty(), "blue's names unmoved");
        // The idle colour may start a new generation (that is how a release begins).
        Result idle = run("bootstrap", "--colour", "green", "--from-scratch", "--set",
                ConfigKeys.generation(Colour.GREEN) + "=2");
        assertEquals(ErrorCode.OK.exitStatus(), idle.code(), idle.err());

        // 3. VACUUM of the live colour, of a running colour, below the default retention unforced: refused.
        Result live = run("vacuum", "--colour", "blue");
        assertEquals(ErrorCode.LIVE_COLOUR.exitStatus(), live.code(), live.err());
        Result unforced = run("vacuum", "--colour", "green", "--retain-hours", "0");
        assertEquals(ErrorCode.VACUUM_REFUSED.exitStatus(), unforced.code(), unforced.err());
        assertTrue(unforced.err().contains("Add --force"), unforced.err());
        ColourLayout green1 = config.layout(Colour.GREEN);
        Path beat = Path.of(green1.heartbeatFile());
        Files.createDirectories(beat.getParent());
        Files.writeString(beat, Heartbeat.json(new Heartbeat.Beat("guard", "green", 1, "sha", "host", 1,
                Instant.now(), List.of("orders"))));
        Result running = run("vacuum", "--colour", "green", "--retain-hours", "0", "--force");
        assertEquals(ErrorCode.LIVE_COLOUR.exitStatus(), running.code(), running.err());
        assertTrue(running.err().contains("its job is running"), running.err());
        Files.delete(beat);
        int recordsBefore = AuditLedger.open(spark, config.release().auditLedgerLocation()).records().size();
        Result forced = run("vacuum", "--colour", "green", "--retain-hours", "0", "--force");
        assertEquals(ErrorCode.OK.exitStatus(), forced.code(), forced.err());
        List<AuditRecord> records = AuditLedger.open(spark, config.release().auditLedgerLocation()).records();
        assertEquals(recordsBefore + 1, records.size(), "the forced vacuum is recorded");
        AuditRecord maintenance = records.get(records.size() - 1);
        assertEquals("MAINTENANCE", maintenance.action());
        assertTrue(maintenance.details().contains("\"operation\":\"VACUUM\"") && maintenance.details()
                .contains("\"retainHours\":0.0"), maintenance.details());
        // ... a configuration pointing at another control table does not make the live colour look idle ...
        Result elsewhere = run("vacuum", "--colour", "blue", "--set", "publish.storageBase="
                + dir.resolve("elsewhere"));
        assertEquals(ErrorCode.LIVE_COLOUR.exitStatus(), elsewhere.code(), elsewhere.err());
        assertTrue(elsewhere.err().contains("a published view reads it"), elsewhere.err());
        // ... and a bootstrap from green's cut that has not finished cloning protects green's files.
        writeUnfinishedCut(config(Map.of(ConfigKeys.generation(Colour.BLUE), "2")).layout(Colour.BLUE),
                Colour.GREEN);
        Result cloning = run("vacuum", "--colour", "green", "--set", ConfigKeys.generation(Colour.BLUE) + "=2");
        assertEquals(ErrorCode.VACUUM_REFUSED.exitStatus(), cloning.code(), cloning.err());
        assertTrue(cloning.err().contains("has not finished cloning"), cloning.err());

        // 2. A second control table (publish.storageBase overridden) cannot move the views.
        Path other = dir.resolve("other-release");
        PassingReports.record(spark, config(Map.of("publish.storageBase", other.toString())), contract,
                Colour.GREEN, "r-2", "sha-2");
        Result impostor = run("promote", "--to", "green", "--release-id", "r-2", "--git-sha", "sha-2", "--set",
                "publish.storageBase=" + other);
        assertEquals(ErrorCode.NOT_OWNER.exitStatus(), impostor.code(), impostor.err());
        assertTrue(impostor.err().contains("is published by the control table at"), impostor.err());
        assertFalse(Files.exists(other.resolve("guard/control/publish_state")), "nothing proposed there");
        assertViews(spark, "guard_blue");

        // 7. A view a dead run's late ALTER left on the wrong colour: status names it, reconcile repairs it.
        spark.sql("ALTER VIEW spark_catalog.guard.orders AS SELECT * FROM spark_catalog.guard_green.orders");
        JsonNode stale = run("status", "--json").json().path("publication");
        assertFalse(stale.path("converged").asBoolean());
        assertEquals("[\"orders\"]", stale.path("stale").toString());
        Result reconciled = run("reconcile", "--json");
        assertEquals(ErrorCode.OK.exitStatus(), reconciled.code(), reconciled.err());
        assertEquals("[\"orders\"]", reconciled.json().path("switched").toString());
        assertTrue(run("status", "--json").json().path("publication").path("converged").asBoolean());
        assertViews(spark, "guard_blue");
    }

    /** Every published view reads from {@code schema}. */
    private static void assertViews(SparkSession spark, String schema) {
        for (String view : List.of("orders", "daily_revenue")) {
            String text = spark.sql("DESCRIBE TABLE EXTENDED spark_catalog.guard." + view).collectAsList().stream()
                    .filter(r -> "View Text".equals(r.getString(0))).map(r -> r.getString(1)).findFirst()
                    .orElseThrow();
            assertTrue(text.contains("FROM spark_catalog." + schema + "."), view + ": " + text);
        }
    }

    /** A bootstrap of {@code target} from {@code source} generation 1's cut that died while cloning: no done marker. */
    private static void writeUnfinishedCut(ColourLayout target, Colour source) throws Exception {
        Map<Domain, DomainCut> domains = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            domains.put(d, new DomainCut(0, d.id() + ".topic", Map.of(0, 1L)));
        }
        new ConsistentCut("guard", source, 1, 0, domains, Map.of("orders", 1L), Instant.now())
                .writeOnce(Storage.local(), target.bootstrapCutFile());
    }
}

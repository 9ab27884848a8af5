package com.retailer.bluegreen.it;

import com.retailer.bluegreen.config.ConfigKeys;

import com.retailer.bluegreen.errors.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.job.Main;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.OwnerMarker;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.demo.InProcessCli;
import com.retailer.bluegreen.local.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 5 (and colour isolation): bad configuration and a foreign checkpoint root are refused by the job's
 * command line before anything is written, with a message naming the key.
 */
@Tag("integration")
class BadConfigurationIT {

    private static final String UNSET = "<unset>";

    private record Outcome(int code, String err, Path dir) {
        boolean wroteNothing() throws Exception {
            try (var files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).noneMatch(p -> !p.getFileName().toString()
                        .endsWith(".yaml") && !p.toString().contains("reference"));
            }
        }
    }

    private static Outcome run(String name, Path config, Map<String, String> extra) throws Exception {
        ItStack.Run run = ItStack.newRunOnTopics("badconf-" + name, Map.of());
        Files.createDirectories(run.dir());
        List<String> args = new ArrayList<>(List.of("run", "--colour", "blue", "--available-now", "--config",
                config.toString()));
        Map<String, String> overrides = new java.util.LinkedHashMap<>(run.overrides(Map.of()));
        overrides.put("kafka.bootstrapServers", "127.0.0.1:9");
        extra.forEach((k, v) -> {
            if (UNSET.equals(v)) {
                overrides.remove(k);
            } else {
                overrides.put(k, v);
            }
        });
        overrides.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, err.toString(StandardCharsets.UTF_8), run.dir());
    }

    @Test
    void aMissingRequiredKeyIsRefusedNamingTheKeyAndNothingIsWritten() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it-stack", "badconf-files"));
        Path yaml = dir.resolve("missing-registry.yaml");
        String text = Files.readString(LocalStack.configFile());
        Files.writeString(yaml, text.replaceAll("(?m)^\\s*url: .*$", ""));
        Outcome o = run("missing", yaml, Map.of("schemaRegistry.url", UNSET));
        assertEquals(ErrorCode.BAD_CONFIG.exitStatus(), o.code(), o.err());
        assertTrue(o.err().contains("schemaRegistry.url"), o.err());
        assertTrue(o.wroteNothing());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingKeyAndValue() throws Exception {
        Outcome o = run("type", LocalStack.configFile(), Map.of("kafka.maxOffsetsPerTrigger", "lots"));
        assertEquals(ErrorCode.BAD_CONFIG.exitStatus(), o.code(), o.err());
        assertTrue(o.err().contains("kafka.maxOffsetsPerTrigger") && o.err().contains("lots"), o.err());
        assertTrue(o.wroteNothing());
    }

    @Test
    void twoColoursSharingACheckpointRootAreRefusedNamingBothKeys() throws Exception {
        ItStack.Run probe = ItStack.newRunOnTopics("badconf-shared", Map.of());
        String blueRoot = probe.config(Map.of()).layout(Colour.BLUE).checkpointRoot();
        Outcome o = run("shared", LocalStack.configFile(), Map.of(ConfigKeys.checkpointBase(Colour.GREEN), blueRoot));
        assertEquals(ErrorCode.BAD_CONFIG.exitStatus(), o.code(), o.err());
        assertTrue(o.err().contains("colours.blue.checkpointBase") && o.err().contains("colours.green.checkpointBase"),
                o.err());
        assertTrue(o.wroteNothing());
    }

    @Test
    void aCheckpointRootOwnedByTheOtherColourIsRefusedBeforeAnyTableIsCreated() throws Exception {
        ItStack.Run run = ItStack.newRunOnTopics("badconf-owner", Map.of());
        var blue = run.config(Map.of()).layout(Colour.BLUE);
        var green = run.config(Map.of()).layout(Colour.GREEN);
        // Someone copied green's checkpoint root over blue's.
        OwnerMarker.claim(Storage.local(), blue.checkpointRoot(), OwnerMarker.of(green, "abc123"));
        InProcessCli.Result r = new InProcessCli(run.overrides(Map.of())).run("run", "--colour", "blue",
                "--available-now");
        assertEquals(ErrorCode.NOT_OWNER.exitStatus(), r.code(), r.err());
        assertTrue(r.err().contains("green"), r.err());
        assertFalse(Files.exists(Path.of(blue.storageRoot())), "no table may be created");
    }

    @Test
    void aSchemaTheOtherColourCreatedIsRefusedBeforeAnyTableIsCreated() throws Exception {
        ItStack.Run run = ItStack.newRunOnTopics("badconf-schema", Map.of());
        Map<String, String> pipeline = Map.of("pipeline", "badschema");
        var blue = run.config(pipeline).layout(Colour.BLUE);
        // Green's job, misconfigured, created blue's schema and marked it as its own.
        ItStack.spark().sql("CREATE SCHEMA IF NOT EXISTS " + blue.qualifiedSchema()
                + " WITH DBPROPERTIES ('bluegreen.owner' = 'badschema/green')");
        InProcessCli.Result r = new InProcessCli(run.overrides(pipeline)).run("run", "--colour", "blue",
                "--available-now");
        assertEquals(ErrorCode.NOT_OWNER.exitStatus(), r.code(), r.err());
        assertTrue(r.err().contains("is not owned by badschema/blue"), r.err());
        assertFalse(Files.exists(Path.of(blue.storageRoot())), "no table may be created");
        assertEquals(0, ItStack.spark().sql("SHOW TABLES IN " + blue.qualifiedSchema()).count(), "nothing registered");
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.publish.spark.ControlTable;

import com.retailer.bluegreen.config.ConfigKeys;

import com.retailer.bluegreen.errors.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.publish.spark.ControlTable;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.TableDef;
import com.retailer.bluegreen.transforms.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish commands end to end through {@link Main#run}: conf/local.yaml and conf/contract.yaml pointed at a temp
 * dir, both colours' contract tables created from the real table definitions, then promote, rollback, status and
 * audit verify as an operator would run them, checking output (text and JSON) and exit codes.
 */
@Tag("spark")
class ReleaseCommandsSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    /** Runs {@code args} with the test's configuration; a {@code --set} in {@code args} overrides the test's. */
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

    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("pipeline", "cli");
        o.put("kafka.bootstrapServers", "127.0.0.1:9");
        o.put("reference.inbox", dir.resolve("inbox").toString());
        for (Colour c : Colour.values()) {
            o.put(ConfigKeys.checkpointBase(c), dir.resolve("ckpt").toString());
            o.put(ConfigKeys.storageBase(c), dir.resolve("lake").toString());
        }
        o.put("publish.storageBase", dir.resolve("lake").toString());
        o.put("publish.contract", ContractFileTestPath.CONTRACT.toString());
        o.put("spark.conf.spark.sql.warehouse.dir", dir.resolve("warehouse").toString());
        return o;
    }

    @Test
    void promoteRollbackStatusAndAuditVerifyFromTheCommandLine() throws Exception {
        PipelineConfig config = ConfigLoader.load(ExitCodesTest.config(), overrides());
        SparkSession spark = Sessions.builder(config, "release-commands-test").getOrCreate();
        createContractTables(spark, config);
        String actor = Actor.ofThisProcess().toString();

        Result unvalidated = run("promote", "--to", "green", "--release-id", "r-1", "--json");
        assertEquals(ErrorCode.NOT_VALIDATED.exitStatus(), unvalidated.code(), unvalidated.err());
        assertTrue(unvalidated.err().contains("no gate report for green. Run validate --candidate green first"),
                unvalidated.err());
        assertEquals("NOT_VALIDATED", unvalidated.json().get("outcome").asText());
        Contract contract = ContractFile.load(ContractFileTestPath.CONTRACT, "publish.contract");
        PassingReports.record(spark, config, contract, Colour.GREEN, "r-1", "sha-1");
        PassingReports.record(spark, config, contract, Colour.BLUE, "blue-g1-3f2a9c1", "3f2a9c1");

        Result dry = run("promote", "--to", "green", "--release-id", "r-1", "--dry-run", "--json", "--git-sha", "sha-1");
        assertEquals(ErrorCode.OK.exitStatus(), dry.code(), dry.err());
        assertTrue(dry.json().get("dryRun").asBoolean());
        assertEquals(List.of("PROMOTE", "green", "r-1", "1"), List.of(dry.json().get("action").asText(),
                dry.json().get("colour").asText(), dry.json().get("releaseId").asText(),
                dry.json().get("epoch").asText()));
        assertEquals(5, dry.json().get("switch").size(), "no view exists yet");
        assertFalse(Files.exists(Path.of(config.release().controlTableLocation())), "a dry run writes nothing");
        Result dryRollback = run("rollback", "--dry-run");
        assertEquals(ErrorCode.NOTHING_TO_ROLL_BACK.exitStatus(), dryRollback.code(), "a dry run refuses as the"
                + " action would");

        Result first = run("promote", "--to", "green", "--release-id", "r-1", "--json", "--git-sha", "sha-1");
        assertEquals(ErrorCode.OK.exitStatus(), first.code(), first.err());
        JsonNode j = first.json();
        assertEquals("PROMOTED", j.get("outcome").asText());
        assertEquals("green", j.get("colour").asText());
        assertEquals(1, j.get("epoch").asLong());
        assertEquals(actor, j.get("actor").asText(), "the actor comes from the environment");
        assertTrue(j.get("previous").get("colour").isNull());
        assertEquals(5, j.get("switched").size());
        assertEquals("spark_catalog.cli_green.daily_revenue", j.get("views").get("daily_revenue").asText());
        assertEquals(3, j.get("auditRecord").get("sequence").asLong(), "after the two gate reports");
        assertEquals(List.of("r-1"), spark.sql("SELECT DISTINCT release_id FROM spark_catalog.cli.orders")
                .collectAsList().stream().map(r -> r.getString(0)).toList());

        Result again = run("promote", "--to", "green", "--release-id", "r-1");
        assertEquals(ErrorCode.OK.exitStatus(), again.code(), again.err());
        assertTrue(again.out().startsWith("Nothing to do: the views already serve green (release r-1) since"
                + " epoch 1."), again.out());

        Result nothing = run("rollback", "--json");
        assertEquals(ErrorCode.NOTHING_TO_ROLL_BACK.exitStatus(), nothing.code(), nothing.err());
        assertTrue(nothing.err().contains("blue has never served them"), nothing.err());
        assertEquals("NOTHING_TO_ROLL_BACK", nothing.json().get("outcome").asText());

        Result blue = run("promote", "--to", "blue", "--git-sha", "3f2a9c1");
        assertEquals(ErrorCode.OK.exitStatus(), blue.code(), blue.err());
        assertTrue(blue.out().startsWith("Promoted blue (release blue-g1-3f2a9c1) at epoch 2, replacing green"
                + " (release r-1)."), blue.out());
        assertTrue(blue.out().contains("  orders <- spark_catalog.cli_blue.orders"), blue.out());

        Result back = run("rollback", "--json", "--git-sha", "3f2a9c1");
        assertEquals(ErrorCode.OK.exitStatus(), back.code(), back.err());
        assertEquals("ROLLED_BACK", back.json().get("outcome").asText());
        assertEquals("green", back.json().get("colour").asText());
        assertEquals("r-1", back.json().get("releaseId").asText());
        assertEquals("blue", back.json().get("previous").get("colour").asText());

        Result status = run("status", "--json");
        assertEquals(ErrorCode.OK.exitStatus(), status.code(), status.err());
        JsonNode s = status.json();
        assertEquals("green", s.at("/publication/activeColour").asText());
        assertEquals(3, s.at("/publication/epoch").asLong());
        assertTrue(s.at("/publication/converged").asBoolean());
        assertEquals("green", s.at("/publication/views/3/colour").asText());
        assertFalse(s.at("/colours/0/running").asBoolean(), "no heartbeat: the colour job is not running");
        assertEquals("not measured: the colour has committed no batch yet", s.at("/colours/0/lagProblem").asText());
        assertEquals("2026-05-31T23:59:00Z", s.at("/colours/1/freshness/0/newest").asText());

        Result verify = run("audit", "verify", "--json");
        assertEquals(ErrorCode.OK.exitStatus(), verify.code(), verify.err());
        assertEquals(5, verify.json().get("count").asLong(), "two gate reports, three epochs");
        Result verifyText = run("audit", "verify");
        assertEquals("Audit ledger " + config.release().auditLedgerLocation() + ": valid, 5 records, head hash "
                + verify.json().get("headHash").asText() + ".", verifyText.out());

        // The release state machine's commands: plan changes nothing; status, approve and abort of no release.
        Result plan = run("release", "plan", "--release-id", "r-5", "--git-sha", "sha-5", "--json");
        assertEquals(ErrorCode.OK.exitStatus(), plan.code(), plan.err());
        assertEquals(List.of("r-5", "green", "blue", "CUT"), List.of(plan.json().get("releaseId").asText(),
                plan.json().at("/plan/live").asText(), plan.json().at("/plan/candidate").asText(),
                plan.json().at("/plan/bootstrap").asText()));
        assertTrue(plan.json().get("text").asText().contains("never the author"), plan.out());
        assertEquals(5, run("audit", "verify", "--json").json().get("count").asLong(), "planning records nothing");
        assertEquals("No release was ever started.", run("release", "status").out().trim());
        Result approve = run("release", "approve", "--release-id", "r-5");
        assertEquals(ErrorCode.BAD_CONFIG.exitStatus(), approve.code(), approve.err());
        assertTrue(approve.err().contains("There is no release r-5 in the audit ledger."), approve.err());

        // A contract file changing a published column's type is refused, nothing changed.
        Path retyped = Files.writeString(dir.resolve("retyped.yaml"), Files.readString(ContractFileTestPath.CONTRACT)
                .replace("      order_count: BIGINT", "      order_count: INT"));
        Result refused = run("promote", "--to", "blue", "--release-id", "blue-g1-3f2a9c1", "--git-sha", "3f2a9c1",
                "--json", "--set", "publish.contract=" + retyped);
        assertEquals(ErrorCode.CONTRACT_VIOLATION.exitStatus(), refused.code(), refused.err());
        assertTrue(refused.err().contains("changes column 'order_count' of view 'daily_revenue' from BIGINT to INT"),
                refused.err());
        assertEquals("CONTRACT_VIOLATION", refused.json().get("outcome").asText());
        assertEquals(3, ControlTable.open(spark, config.release().controlTableLocation()).desired().epoch(),
                "nothing changed");

        // Moved from the former AuditMain's tests: a hand-edited record is named, exit 4; no ledger is exit 2.
        spark.sql("UPDATE delta.`" + config.release().auditLedgerLocation() + "` SET git_sha = 'deadbeef'"
                + " WHERE kind = 'record' AND sequence = 2");
        Result broken = run("audit", "verify", "--json");
        assertEquals(4, broken.code(), broken.err());
        assertTrue(broken.out().contains("\"valid\":false,\"sequence\":2,\"reason\":\"record 2 was altered"),
                broken.out());
        // The edit is also named from the ledger's Delta history: version, operation, time (issue 9).
        JsonNode update = broken.json().get("problems").get(0);
        assertEquals(List.of("history", "UPDATE"), List.of(update.get("check").asText(),
                update.get("operation").asText()));
        assertTrue(update.get("version").asLong() > 0 && !update.get("at").asText().isEmpty(), update.toString());
        Result brokenText = run("audit", "verify");
        assertEquals(4, brokenText.code(), brokenText.err());
        assertTrue(brokenText.out().contains("  - history of " + config.release().auditLedgerLocation() + ": version "
                + update.get("version").asLong() + ", UPDATE at "), brokenText.out());
        Result missing = run("audit", "verify", "--set", "publish.storageBase=" + dir.resolve("missing"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("No audit ledger at "), missing.err());
    }

    /** Each colour's tables the contract reads, created from the real definitions; one order in each. */
    private static void createContractTables(SparkSession spark, PipelineConfig config) {
        Contract contract = ContractFile.load(ContractFileTestPath.CONTRACT, "publish.contract");
        for (Colour c : Colour.values()) {
            ColourLayout layout = config.layout(c);
            spark.sql("CREATE SCHEMA IF NOT EXISTS " + layout.qualifiedSchema());
            for (TableDef t : Tables.all(Features.NONE)) {
                if (contract.views().values().stream().anyMatch(v -> v.sourceTable().equals(t.name()))) {
                    spark.sql("CREATE TABLE " + layout.qualifiedTable(t.name()) + " ("
                            + t.columnsDdl().replace('\n', ' ') + ") USING delta");
                }
            }
            spark.sql("INSERT INTO " + layout.qualifiedTable(Tables.ORDERS) + " (order_id, seq, source_ts)"
                    + " VALUES ('o-1', 1, TIMESTAMP'2026-05-31 23:59:00')");
        }
    }

    /** conf/contract.yaml, found from the module directory. */
    private static final class ContractFileTestPath {
        static final Path CONTRACT = Path.of(System.getProperty("basedir", "."), "..", "conf", "contract.yaml")
                .toAbsolutePath().normalize();
    }
}

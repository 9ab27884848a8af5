package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.local.ChildJob;
import com.retailer.bluegreen.local.ChildJvm;
import com.retailer.bluegreen.local.Files2;
import com.retailer.bluegreen.local.LocalStack;
import com.retailer.bluegreen.local.SharedCatalog;
import com.retailer.bluegreen.demo.SwapDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 3: the publisher, a separate JVM running {@code promote} (then {@code rollback}) on the shared
 * catalog, is SIGKILLed between two view switches, leaving the published views on two colours. Re-running the same
 * command converges every view to one colour, the audit chain verifies, and the ledger holds exactly one record per
 * epoch (after green's gate report, recorded first because promote admits nothing without one). The views outlive a
 * restart of the shared catalog's server.
 *
 * <p>Views are switched one at a time ({@code publish.parallelism=1}, in contract order), so pausing before the
 * second view leaves exactly the first one switched.
 */
@Tag("integration")
class PublisherCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VIEWS = List.of("daily_revenue", "inventory_on_hand", "fulfillment_sla",
            "orders", "shipments");

    @Test
    void aPublisherKilledBetweenViewSwitchesIsCompletedByItsRerunWithAConsistentLedger() throws Exception {
        Path root = Path.of("target", "publisher-crash-it-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files2.deleteRecursively(root);
        Files.createDirectories(root);
        SharedCatalog catalog = SharedCatalog.start(root.resolve("catalog"));
        try {
            Map<String, String> overrides = new LinkedHashMap<>(SwapDriver.overrides(catalog, root));
            overrides.put("publish.parallelism", "1");
            // Both colours' tables with rows marked by colour; blue published as release blue-r1 (epoch 1).
            SwapDriver.start(overrides, root.resolve("seed.log")).close();
            Commands cli = new Commands(overrides, root);
            // Promote admits green only with a passing gate report in the ledger; recorded as validate would.
            cli.recordPassingReport(Colour.GREEN, "green-r2", "it");

            // Promotion of green killed before its second view: daily_revenue is green, the others still blue.
            // (The re-run switches only views not yet serving green, so its list of switched views shows the mix.)
            cli.killedAt(List.of("promote", "--to", "green", "--release-id", "green-r2", "--git-sha", "it"),
                    "publish:before-view:" + VIEWS.get(1));

            JsonNode resumed = cli.ok(List.of("promote", "--to", "green", "--release-id", "green-r2",
                    "--git-sha", "it", "--json"));
            assertEquals("ALREADY_PROMOTED", resumed.get("outcome").asText());
            assertTrue(resumed.get("resumed").asBoolean(), resumed.toString());
            assertEquals(VIEWS.subList(1, VIEWS.size()), names(resumed.get("switched")), "only the unswitched views");
            assertEquals(2, resumed.get("epoch").asLong());

            // A rollback killed after its first three views; its re-run completes the rollback (it does not toggle).
            cli.killedAt(List.of("rollback", "--git-sha", "it"), "publish:before-view:" + VIEWS.get(3));
            JsonNode rolledBack = cli.ok(List.of("rollback", "--git-sha", "it", "--json"));
            assertEquals("ALREADY_ROLLED_BACK", rolledBack.get("outcome").asText());
            assertEquals(VIEWS.subList(3, VIEWS.size()), names(rolledBack.get("switched")));
            assertEquals(3, rolledBack.get("epoch").asLong());

            JsonNode verified = cli.ok(List.of("audit", "verify", "--json"));
            assertTrue(verified.get("valid").asBoolean(), verified.toString());
            assertEquals(4, verified.get("count").asLong(), "green's gate report and exactly one record per epoch: "
                    + verified);

            // The catalog outlives a restart of its server, as Unity Catalog does: the views are still there, and
            // every one of them serves blue.
            int port = catalog.port();
            catalog.close();
            catalog = SharedCatalog.start(root.resolve("catalog"), port);
            JsonNode status = cli.ok(List.of("status", "--json")).get("publication");
            Map<String, String> finalColours = colours(status);
            assertEquals(VIEWS.size(), finalColours.size(), "after the catalog restarted: " + status);
            assertTrue(finalColours.values().stream().allMatch("blue"::equals), "all views on blue: " + finalColours);
            assertTrue(status.get("converged").asBoolean(), status.toString());
            assertEquals(3, status.get("lastRecordedEpoch").asLong(), "one record per epoch: 1 blue, 2 green, 3 back");
            assertTrue(status.get("auditProblem").isNull(), status.toString());
        } finally {
            catalog.close();
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> colours(JsonNode publication) {
        Map<String, String> out = new TreeMap<>();
        publication.get("views").forEach(v -> out.put(v.get("view").asText(), v.get("colour").asText()));
        return out;
    }

    /** {@code Main} commands, each in its own JVM on the shared catalog, as an operator or CI job runs them. */
    private record Commands(Map<String, String> overrides, Path root) {
        void recordPassingReport(Colour colour, String releaseId, String gitSha) throws Exception {
            List<String> args = new ArrayList<>(List.of(colour.id(), releaseId, gitSha));
            overrides.forEach((k, v) -> args.add(k + "=" + v));
            try (ChildJvm job = ChildJob.java(RecordPassingReport.class.getName(), args, Map.of(),
                    root.resolve("record-passing-report.log"), "record-passing-report", true)) {
                assertEquals(0, job.waitFor(180_000), "recording a passing report failed; see the log");
                assertTrue(job.lines().contains("RECORDED"), job.lines().toString());
            }
        }

        /** Runs the command until it pauses at {@code point}, then SIGKILLs it. */
        void killedAt(List<String> args, String point) throws Exception {
            try (ChildJvm job = ChildJob.command(args, LocalStack.configFile(), overrides,
                    Map.of("bluegreen.pauseAt", point), root.resolve(args.get(0) + "-killed.log"), args.get(0))) {
                job.awaitLine("PAUSED-AT " + point, 180_000);
                job.kill();
            }
        }

        /** Runs the command to its end; it must exit 0. Returns its JSON output (the last stdout line). */
        JsonNode ok(List<String> args) throws Exception {
            Path log = root.resolve(String.join("-", args.subList(0, Math.min(2, args.size()))) + ".log");
            try (ChildJvm job = ChildJob.command(args, LocalStack.configFile(), overrides, Map.of(), log,
                    args.get(0))) {
                int exit = job.waitFor(180_000);
                List<String> lines = job.lines();
                assertEquals(0, exit, args + " failed; stdout " + lines + "; see " + log);
                return JSON.readTree(lines.get(lines.size() - 1));
            }
        }
    }
}

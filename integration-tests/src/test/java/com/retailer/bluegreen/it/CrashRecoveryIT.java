package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.retailer.bluegreen.job.FaultPoints;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.testsupport.ActualTables;
import com.retailer.bluegreen.local.ChildJob;
import com.retailer.bluegreen.local.ChildJvm;
import com.retailer.bluegreen.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 2: the colour job in its own JVM, SIGKILLed at named points inside micro-batches (after the Bronze
 * commit before the Silver MERGE; after Silver before Gold; between two Gold tables) and at random moments,
 * restarted each time; the final tables equal the oracle and Bronze holds no record twice.
 */
@Tag("integration")
class CrashRecoveryIT {
    private static final List<String> PAUSE_POINTS = List.of(
            "orders:bronze-committed",
            "inventory:silver-committed",
            "gold:daily_revenue-committed");

    /** Batches committed so far by all queries of the colour. */
    private static long committed(ColourLayout layout) {
        long n = 0;
        for (Query q : Query.values()) {
            Path checkpoint = Path.of(layout.checkpointLocation(q));
            if (Files.isDirectory(checkpoint)) {
                n += CheckpointInspector.inspect(checkpoint).lastCommittedBatch().map(b -> b + 1).orElse(0L);
            }
        }
        return n;
    }

    @Test
    void jobKilledWithSigkillAtFiveMomentsAndRestartedEndsEqualToTheOracle() throws Exception {
        ItStack.Run run = ItStack.newRun("crash");
        Fixture fixture = Fixture.produce(run, 77L, 15_000);
        Map<String, String> overrides = run.overrides(Map.of(
                "kafka.maxOffsetsPerTrigger", "1200", "trigger.interval", "1s"));
        Path log = Files.createDirectories(run.dir()).resolve("child-jobs.log");
        List<String> kills = new ArrayList<>();

        for (String point : PAUSE_POINTS) {
            try (ChildJvm child = ChildJob.start(Colour.BLUE, LocalStack.configFile(), overrides,
                    Map.of(FaultPoints.PROPERTY, point), List.of(), log)) {
                kills.add(child.awaitLine(FaultPoints.PAUSED_MARKER, 240_000));
                child.kill();
            }
        }
        Random random = new Random(2026);
        ColourLayout layout = run.config(Map.of()).layout(Colour.BLUE);
        for (int i = 0; i < 2; i++) {
            long before = committed(layout);
            try (ChildJvm child = ChildJob.start(Colour.BLUE, LocalStack.configFile(), overrides, Map.of(),
                    List.of(), log)) {
                // A random moment while it is processing, not while the JVM is still starting.
                while (committed(layout) == before && child.isAlive()) {
                    Thread.sleep(200);
                }
                long after = random.nextInt(8_000);
                Thread.sleep(after);
                child.kill();
                kills.add("random kill " + after + " ms after its first new commit");
            }
        }
        System.out.println("SIGKILLs: " + kills);
        assertEquals(5, kills.size(), "kills: " + kills);

        try (ChildJvm last = ChildJob.start(Colour.BLUE, LocalStack.configFile(), overrides, Map.of(),
                List.of("--available-now"), log)) {
            assertEquals(0, last.waitFor(600_000), "final run exit code; see " + log);
        }

        assertEquals(0, ActualTables.bronzeDuplicates(ItStack.spark(), layout), "Bronze rows written twice");
        Compare.assertTablesEqual(fixture.expected(), ActualTables.read(ItStack.spark(), layout));
    }
}

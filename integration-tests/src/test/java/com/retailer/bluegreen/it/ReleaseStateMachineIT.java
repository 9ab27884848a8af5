package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.ConfigKeys;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.demo.FullRelease;
import com.retailer.bluegreen.demo.InProcessCli;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.job.ColourJob;
import com.retailer.bluegreen.job.FaultPoints;
import com.retailer.bluegreen.job.Heartbeat;
import com.retailer.bluegreen.job.ReleasePorts;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.local.LocalStack;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.ColourJobs;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.ReleaseState;
import com.retailer.bluegreen.publish.release.AlertSink;
import com.retailer.bluegreen.publish.release.ReleaseOrchestrator;
import com.retailer.bluegreen.publish.release.ReleaseSpec;
import com.retailer.bluegreen.publish.release.ReleaseStep;
import com.retailer.bluegreen.publish.release.ReleaseView;
import com.retailer.bluegreen.publish.release.Ticker;
import com.retailer.bluegreen.testsupport.GeneratorConfig;
import com.retailer.bluegreen.testsupport.Producing;
import com.retailer.bluegreen.testsupport.ReferenceFiles;
import com.retailer.bluegreen.testsupport.TrafficGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 on the real local stack: the release state machine with this stack's ports ({@link ReleasePorts}: the
 * bootstrap, the catch-up probe over checkpoints and end offsets, {@code validate}, the bake's freshness, quality,
 * reconciliation and heartbeat samples). Release 2 (green, units_sold) is planned, deployed, caught up, validated,
 * refused its author's approval, approved by a second identity, promoted, baked and completed: blue's job stops.
 * Release 3 (blue generation 2) passes its gates; once it bakes its transform starts losing a fifth of the orders (a
 * restart with a bad patch), and the bake rolls it back automatically: every view serves green again, an alert is
 * raised, blue generation 2 is left running for diagnosis. The views' colour is read from the catalog, the steps
 * from the audit ledger.
 *
 * <p>The colour jobs run in this JVM: each a loop of available-now runs on the shared session (a continuous job in
 * all but its trigger), started and stopped through the same {@link ColourJobs} port the child JVMs implement.
 */
@Tag("integration")
class ReleaseStateMachineIT {
    private static final LocalDate REF_DAY = LocalDate.of(2026, 11, 18);
    private static final String MUTATION = "orders:order_id=IF(pmod(offset, 5) = 0, NULL, payload.order_id)";

    @Test
    void aGoodReleaseCompletesAndOneThatDegradesDuringBakeIsRolledBackAutomatically() throws Exception {
        SparkSession spark = ItStack.spark();
        ItStack.Run run = ItStack.newRun("release_sm");
        ReferenceFiles.write(run.inbox(), REF_DAY, 3, 5L);
        Map<String, String> base = new LinkedHashMap<>();
        base.put("pipeline", "release_it");
        base.put("publish.storageBase", run.dir().resolve("lake").toString());
        base.put("publish.contract", LocalStack.configFile().resolveSibling("contract.yaml").toString());
        base.put("quality.expectations.orders.order_id_present", "drop: order_id IS NOT NULL");
        base.put("gates.freshness.window", "0s");
        base.put("gates.freshness.maxLag", "600s");
        base.put("release.catchUp.pollInterval", "2s");
        base.put("release.catchUp.timeout", "5m");
        base.put("release.catchUp.maxRecordsBehind", "0");
        base.put("release.bake.window", "30s");
        base.put("release.bake.sampleInterval", "5s");
        base.put("release.bake.breaches.*", "2");
        PipelineConfig config1 = run.config(base);
        InProcessCli cli = new InProcessCli(run.overrides(base));
        produce(run, 51L, "a", 1_500);

        try (InProcessJobs jobs = new InProcessJobs(spark)) {
            jobs.configure(Colour.BLUE, config1, null);
            jobs.start(Colour.BLUE);
            jobs.awaitCycles(Colour.BLUE, 1);
            ok(cli, "validate", "--candidate", "blue", "--release-id", "release-1");
            ok(cli, "promote", "--to", "blue", "--release-id", "release-1");

            // ---- release 2: green with units_sold ----
            Map<String, String> release2 = new LinkedHashMap<>(base);
            release2.put("transforms.unitsSold", "true");
            Path contract2File = FullRelease.writeRelease2Contract(run.dir());
            release2.put("publish.contract", contract2File.toString());
            PipelineConfig config2 = run.config(release2);
            Contract contract2 = ContractFile.load(contract2File, "publish.contract");
            jobs.configure(Colour.GREEN, config2, null);
            List<AlertSink.Alert> alerts = new CopyOnWriteArrayList<>();
            ReleaseOrchestrator o2 = orchestrator(spark, config2, contract2, jobs, alerts);
            ReleaseSpec spec2 = o2.plan("release-2", config2.layout(Colour.GREEN).generation(),
                    ReleasePorts.bootstrap(config2), ReleasePorts.gates(config2), ReleasePorts.policy(config2));
            assertEquals(List.of(Colour.BLUE, Colour.GREEN), List.of(spec2.live(), spec2.candidate()));
            produce(run, 52L, "b", 800);
            ReleaseView waiting = o2.start(spec2);
            assertEquals(ReleaseState.AWAITING_APPROVAL, waiting.state(), waiting.timeline());
            assertEquals("release-1", servedRelease(spark), "nothing is promoted before approval");

            Actor author = Actor.parse(spec2.author()).orElseThrow();
            BlueGreenException self = assertThrows(BlueGreenException.class, () -> o2.approve("release-2", author));
            assertEquals(ErrorCode.APPROVAL_REFUSED, self.code());
            BlueGreenException second = assertThrows(BlueGreenException.class, () -> o2.start(
                    o2.plan("release-9", 1, ReleasePorts.bootstrap(config2), List.of(), ReleasePorts.policy(config2))));
            assertEquals(ErrorCode.RELEASE_IN_PROGRESS, second.code());
            assertTrue(second.getMessage().startsWith("Release release-2 is open, in state AWAITING_APPROVAL"),
                    second.getMessage());

            InProcessCli.Result byHand = new InProcessCli(run.overrides(release2)).run("promote", "--to", "green",
                    "--release-id", "release-2");
            assertEquals(ErrorCode.RELEASE_IN_PROGRESS.exitStatus(), byHand.code(), byHand.err());
            o2.approve("release-2", new Actor(Actor.GITHUB, "reviewer"));
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> produce(run, 53L, "c", 600));
            ReleaseView done = o2.resume();
            traffic.get(2, TimeUnit.MINUTES);
            assertEquals(ReleaseState.COMPLETED, done.state(), done.timeline());
            assertEquals(List.of("PLANNED", "DEPLOYING", "CATCHING_UP", "VALIDATING", "AWAITING_APPROVAL",
                    "APPROVAL", "BAKING", "COMPLETED"), steps(done));
            assertEquals("release-2", servedRelease(spark));
            assertEquals(ColourJobs.State.STOPPED, jobs.state(Colour.BLUE), "the old colour's job stops at the end");
            assertEquals(ColourJobs.State.RUNNING, jobs.state(Colour.GREEN));
            assertEquals(List.of(), critical(alerts), "release 2 raised no critical alert");

            // ---- release 3: blue generation 2; degrades once promoted ----
            Map<String, String> release3 = new LinkedHashMap<>(release2);
            release3.put(ConfigKeys.generation(Colour.BLUE), "2");
            // Long enough for the bad patch's batches to land and breach twice before the window could end; the
            // release ends as soon as they do.
            release3.put("release.bake.window", "600s");
            PipelineConfig config3 = run.config(release3);
            jobs.configure(Colour.BLUE, config3, null);
            ReleaseOrchestrator o3 = orchestrator(spark, config3, contract2, jobs, alerts);
            ReleaseSpec spec3 = o3.plan("release-3", 2, ReleasePorts.bootstrap(config3),
                    ReleasePorts.gates(config3), ReleasePorts.policy(config3));
            assertEquals(ReleaseState.AWAITING_APPROVAL, o3.start(spec3).state());
            o3.approve("release-3", new Actor(Actor.GITHUB, "reviewer"));
            AtomicBoolean degraded = new AtomicBoolean();
            CompletableFuture<Void> fault = CompletableFuture.runAsync(() -> {
                try {
                    while (o3.view("release-3").state() != ReleaseState.BAKING) {
                        if (o3.view("release-3").state().isFinal()) {
                            return;
                        }
                        Thread.sleep(500);
                    }
                    // A bad patch: the job restarts with a transform that loses a fifth of the orders, and new
                    // orders arrive (after the bake began: the bake judges batches of newer records).
                    jobs.stop(Colour.BLUE);
                    produce(run, 54L, "d", 1_200);
                    jobs.configure(Colour.BLUE, config3, MUTATION);
                    jobs.start(Colour.BLUE);
                    degraded.set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ReleaseView rolledBack = o3.resume();
            fault.get(3, TimeUnit.MINUTES);
            assertTrue(degraded.get(), "the fault was injected during the bake");
            assertEquals(ReleaseState.ROLLED_BACK, rolledBack.state(), rolledBack.timeline());
            ReleaseStep last = rolledBack.lastTransition();
            assertTrue(last.reason().startsWith("automatic rollback: "), last.reason());
            assertTrue(last.reason().contains("quality") || last.reason().contains("reconciliation"),
                    last.reason());
            double seconds = last.evidence().get("secondsFromFirstBreachToViewsSwitched").asDouble();
            System.out.printf("ReleaseStateMachineIT: release 3 rolled back %.1f s after its first breaching"
                    + " sample: %s%n", seconds, last.reason());
            assertTrue(seconds >= 0 && seconds < 120, "seconds from the first breach: " + seconds);
            assertEquals("release-2", servedRelease(spark), "every view serves green again");
            assertEquals(List.of("release release-3 rolling back automatically",
                    "release release-3 rolled back automatically"), critical(alerts).stream()
                    .map(AlertSink.Alert::title).toList(), "paged before the switch and after it");
            assertEquals(ColourJobs.State.RUNNING, jobs.state(Colour.BLUE), "left running for diagnosis");
            assertEquals(List.of("PLANNED", "DEPLOYING", "CATCHING_UP", "VALIDATING", "AWAITING_APPROVAL",
                    "APPROVAL", "BAKING", "ROLLED_BACK"), steps(rolledBack));

            InProcessCli.Result verify = cli.run("audit", "verify");
            assertEquals(0, verify.code(), verify.out() + verify.err());
            InProcessCli.Result status = cli.run("release", "status", "--json");
            assertEquals(0, status.code(), status.err());
            assertEquals(List.of("COMPLETED", "ROLLED_BACK"), List.of(
                    status.json().get("releases").get(0).get("state").asText(),
                    status.json().get("releases").get(1).get("state").asText()));
        }
    }

    private static ReleaseOrchestrator orchestrator(SparkSession spark, PipelineConfig config, Contract contract,
                                                    ColourJobs jobs, List<AlertSink.Alert> alerts) {
        Release release = ReleasePorts.release(spark, config, contract);
        return new ReleaseOrchestrator(new ReleaseOrchestrator.Ports(release, jobs,
                ReleasePorts.deployer(spark, config, jobs), ReleasePorts.catchUp(spark, config),
                ReleasePorts.gates(spark, config, contract, line -> System.out.println("  " + line)),
                ReleasePorts.bake(spark, config), alerts::add, Ticker.system(),
                line -> System.out.println("ReleaseStateMachineIT: " + line)),
                Actor.ofThisProcess(), "it-sha", false);
    }

    private static List<AlertSink.Alert> critical(List<AlertSink.Alert> alerts) {
        return alerts.stream().filter(a -> a.severity() == AlertSink.Severity.CRITICAL).toList();
    }

    /** The release the published orders view serves (every view switches together). */
    private static String servedRelease(SparkSession spark) {
        return spark.sql("SELECT DISTINCT release_id FROM spark_catalog.release_it.orders").collectAsList().stream()
                .map(r -> r.getString(0)).reduce((a, b) -> a + "," + b).orElse("none");
    }

    private static List<String> steps(ReleaseView v) {
        return v.steps().stream().map(s -> s.kind() == ReleaseStep.Kind.APPROVAL ? "APPROVAL" : s.to().name())
                .toList();
    }

    private static void ok(InProcessCli cli, String... args) {
        InProcessCli.Result r = cli.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
    }

    private static void produce(ItStack.Run run, long seed, String phase, int approx) {
        Producing.produceAll(ItStack.stack().bootstrapServers(), new TrafficGenerator(ItStack.stack().registryClient(),
                GeneratorConfig.of(seed, run.name() + phase, ItStack.NOW, approx).withTopics(run.topics()))
                .generate());
    }

    /**
     * {@link ColourJobs} in this JVM: a colour's job is a loop of {@link ColourJob#runAvailableNow} runs on the shared
     * session until stopped; {@link #configure} sets the configuration (and a test-only transform mutation) the next
     * start uses.
     */
    static final class InProcessJobs implements ColourJobs, AutoCloseable {
        private final SparkSession spark;
        private final Map<Colour, PipelineConfig> configs = new EnumMap<>(Colour.class);
        private final Map<Colour, String> mutations = new EnumMap<>(Colour.class);
        private final Map<Colour, Loop> loops = new EnumMap<>(Colour.class);

        InProcessJobs(SparkSession spark) {
            this.spark = spark;
        }

        synchronized void configure(Colour colour, PipelineConfig config, String mutation) {
            configs.put(colour, config);
            if (mutation == null) {
                mutations.remove(colour);
            } else {
                mutations.put(colour, mutation);
            }
        }

        @Override
        public synchronized void start(Colour colour) {
            if (state(colour) == State.RUNNING) {
                return;
            }
            ColourJob job;
            String mutation = mutations.get(colour);
            if (mutation != null) {
                System.setProperty(FaultPoints.MUTATE_PROPERTY, mutation);
            }
            try {
                job = new ColourJob(spark, configs.get(colour), colour, "it-sha", r -> { });
            } finally {
                System.clearProperty(FaultPoints.MUTATE_PROPERTY);
            }
            Loop loop = new Loop(job);
            loops.put(colour, loop);
            // As a colour job does: a heartbeat while it runs (the bake's "alive" check reads it). The loop runs
            // between its available-now runs too (preparing, loading reference files, waiting), as a continuous job
            // does between batches; the beat stops when the loop of this generation stops.
            ColourLayout layout = job.layout();
            Heartbeat.start(spark, layout, "it-sha", java.time.Duration.ofSeconds(2),
                    () -> running(colour, layout) ? List.of(layout.jobName() + "-loop") : List.of());
            loop.thread.start();
        }

        @Override
        public void stop(Colour colour) {
            Loop loop;
            synchronized (this) {
                loop = loops.remove(colour);
            }
            if (loop != null) {
                loop.stop();
            }
        }

        private synchronized boolean running(Colour colour, ColourLayout layout) {
            Loop loop = loops.get(colour);
            return loop != null && loop.thread.isAlive() && loop.job.layout().equals(layout);
        }

        @Override
        public synchronized State state(Colour colour) {
            Loop loop = loops.get(colour);
            return loop != null && loop.thread.isAlive() ? State.RUNNING : State.STOPPED;
        }

        void awaitCycles(Colour colour, int cycles) throws InterruptedException {
            Loop loop;
            synchronized (this) {
                loop = loops.get(colour);
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (loop.cycles < cycles) {
                if (System.nanoTime() > deadline || !loop.thread.isAlive()) {
                    throw new AssertionError(colour + "'s job ran " + loop.cycles + " cycles: "
                            + Optional.ofNullable(loop.failure).map(Throwable::toString).orElse("timed out"));
                }
                Thread.sleep(200);
            }
        }

        @Override
        public void close() {
            for (Colour c : Colour.values()) {
                stop(c);
            }
        }

        private static final class Loop {
            final ColourJob job;
            final Thread thread;
            volatile boolean stopped;
            volatile int cycles;
            volatile Throwable failure;

            Loop(ColourJob job) {
                this.job = job;
                thread = new Thread(() -> {
                    try {
                        while (!stopped) {
                            job.runAvailableNow();
                            cycles++;
                            Thread.sleep(2_000);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Throwable t) {
                        failure = t;
                        System.err.println("ReleaseStateMachineIT: " + job.layout().jobName() + " failed: " + t);
                    }
                }, "it-job-" + job.layout().jobName());
                thread.setDaemon(true);
            }

            void stop() {
                stopped = true;
                try {
                    thread.join(TimeUnit.MINUTES.toMillis(3));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

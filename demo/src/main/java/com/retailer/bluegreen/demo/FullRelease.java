package com.retailer.bluegreen.demo;

import com.retailer.bluegreen.testsupport.ActualTables;
import com.retailer.bluegreen.local.ChildJob;
import com.retailer.bluegreen.local.ChildJvm;
import com.retailer.bluegreen.testsupport.GeneratorConfig;
import com.retailer.bluegreen.local.GitSha;
import com.retailer.bluegreen.testsupport.Oracle;
import com.retailer.bluegreen.testsupport.OracleDiff;
import com.retailer.bluegreen.testsupport.ReferenceFiles;
import com.retailer.bluegreen.local.SqlEndpoint;
import com.retailer.bluegreen.testsupport.TrafficGenerator;
import com.retailer.bluegreen.testsupport.ViewReaders;

import com.retailer.bluegreen.testsupport.Expected;
import com.retailer.bluegreen.testsupport.ProducedRecord;
import com.retailer.bluegreen.testsupport.RateProducer;
import com.retailer.bluegreen.testsupport.ReaderQuery;

import com.retailer.bluegreen.local.Files2;
import com.retailer.bluegreen.local.LocalStack;
import com.retailer.bluegreen.local.SharedCatalog;
import com.retailer.bluegreen.testsupport.ReaderSummary;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.Inspect;
import com.retailer.bluegreen.job.ReleasePorts;
import com.retailer.bluegreen.local.ChildJvmColourJobs;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.ColourJobs;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.ReleaseState;
import com.retailer.bluegreen.publish.release.ReleaseOrchestrator;
import com.retailer.bluegreen.publish.release.ReleaseSpec;
import com.retailer.bluegreen.publish.release.ReleaseView;
import com.retailer.bluegreen.publish.release.Ticker;
import com.retailer.bluegreen.job.Sessions;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Two releases on the embedded stack, as README command 1 runs them, each driven by the release state machine
 * ({@link ReleaseOrchestrator}) with every component a separate process where it is one on Databricks. Generated
 * traffic flows at a steady rate throughout and readers query every published view over the SQL endpoint the whole
 * time. Blue (release 1) is published first. Release 2 (green, which adds {@code daily_revenue.units_sold}) is
 * planned, deployed (bootstrapped from blue's consistent cut), caught up, validated, approved by a second identity,
 * promoted, baked and completed: blue's job is stopped. Release 3 (blue generation 2, bootstrapped from green's cut)
 * passes its gates and is promoted, then stalls during its bake (its job is frozen with SIGSTOP, as a hung cluster
 * would be): the bake's samples breach and every view switches back to green automatically. At the end the producer
 * stops, green drains and is checked against the plain-Java oracle, and each release's timeline is printed.
 *
 * <p>Processes: this JVM (Kafka broker, schema registry, the shared catalog's metastore database, the producer, the
 * release orchestrator and publisher), the colour jobs (each its own JVM), the SQL endpoint (its own JVM).
 */
public final class FullRelease {
    static final String RELEASE_1 = "release-1";
    static final String RELEASE_2 = "release-2";
    static final String RELEASE_3 = "release-3";
    /** The freshness limit of the demo's gates (production: 90 s, gates.freshness.maxLag). */
    static final String DEMO_MAX_LAG = "300s";
    /**
     * Between one reader's queries: dashboards refresh every few seconds, not continuously (and here every query
     * takes CPU from the colour jobs on the same two cores).
     */
    private static final Duration READER_PAUSE = Duration.ofMillis(5000);
    /** The approver of the demo's releases: a second identity, as the CI system would name it. */
    static final Actor APPROVER = new Actor(Actor.GITHUB, "ops-lead");

    /**
     * @param rate         events per second produced throughout
     * @param warmUp       how long blue runs on its own before release 2 starts
     * @param bake         each release's bake window
     * @param catchUpLimit how long a candidate may take to catch up
     */
    public record Settings(Path dir, double rate, Duration warmUp, Duration bake, Duration catchUpLimit) {
    }

    /**
     * Figures of one run; {@link #problems()} empty when every check held.
     *
     * @param releases               release 2 and release 3 as the audit ledger has them (timeline, evidence)
     * @param rollbackSeconds        release 3: from its first breaching bake sample to every view switched back
     */
    public record Result(long produced, Map<String, Long> producedByTopic, List<ReleaseView> releases,
                         double rollbackSeconds, ReaderSummary readers, ReaderSummary unitsReaders,
                         double drainSeconds, List<String> problems) {
    }

    private final Settings settings;
    private final Consumer<String> out;
    private final long t0 = System.nanoTime();
    private final List<ReleasePorts.ClosableAlertSink> alertSinks = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FullRelease(Settings settings, Consumer<String> out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() throws Exception {
        Path dir = settings.dir();
        Files2.deleteRecursively(dir);
        Files.createDirectories(dir);
        say("Starting the embedded stack in %s: Kafka broker (KRaft), schema registry, shared catalog ...", dir);
        Map<Colour, Map<String, String>> jobOverrides = new EnumMap<>(Colour.class);
        try (LocalStack stack = LocalStack.start(dir.resolve("stack"));
             SharedCatalog catalog = SharedCatalog.start(dir.resolve("catalog"));
             Processes children = new Processes();
             ChildJvmColourJobs jobs = new ChildJvmColourJobs(colour -> new ChildJvm.Spec("job-" + colour.id(),
                     ChildJob.MAIN, jobArgs(colour, jobOverrides.get(colour)), "2g", Map.of(), false,
                     dir.resolve(colour.id() + "-job-g" + generation(jobOverrides.get(colour)) + ".log")))) {
            Map<Domain, String> topics = new EnumMap<>(Domain.class);
            for (Domain d : Domain.values()) {
                topics.put(d, d.defaultTopic());
            }
            stack.createTopics(topics, 4);
            Path warehouse = dir.resolve("warehouse");
            Map<String, String> overrides = new LinkedHashMap<>(stack.overrides(dir, topics));
            overrides.putAll(catalog.overrides(warehouse));
            overrides.put("publish.storageBase", dir.resolve("lake").toString());
            // Two colour jobs, the SQL endpoint and the broker share two cores: fewer, larger batches.
            overrides.put("trigger.interval", "10s");
            overrides.put("kafka.maxOffsetsPerTrigger", "20000");
            overrides.put("reference.pollInterval", "10s");
            overrides.put("spark.conf.spark.master", "local[1]");
            // Two colour jobs, the SQL endpoint, the broker and the publisher on two cores keep data 1-3 minutes
            // behind, not the 90 s a colour's own cluster keeps; the gate still measures it, against this limit.
            overrides.put("gates.freshness.maxLag", DEMO_MAX_LAG);
            // The release policy of this demo: a short bake, sampled often; caught up within one trigger's traffic.
            overrides.put("release.bake.window", settings.bake().toSeconds() + "s");
            overrides.put("release.bake.sampleInterval", "10s");
            overrides.put("release.catchUp.timeout", settings.catchUpLimit().toSeconds() + "s");
            overrides.put("release.catchUp.pollInterval", "3s");
            // A minute of traffic: on two shared cores a colour's micro-batch takes tens of seconds, so two colours
            // that are level differ by up to a batch of records at any instant (production: seconds of traffic).
            overrides.put("release.catchUp.maxRecordsBehind", String.valueOf((long) (settings.rate() * 60) + 200));
            Path release2Contract = writeRelease2Contract(dir);
            Map<String, String> release2 = new LinkedHashMap<>(overrides);
            release2.put("transforms.unitsSold", "true");
            release2.put("publish.contract", release2Contract.toString());
            Map<String, String> release3 = new LinkedHashMap<>(release2);
            release3.put("colours.blue.generation", "2");
            PipelineConfig config1 = LocalStack.config(overrides);
            PipelineConfig config2 = LocalStack.config(release2);
            PipelineConfig config3 = LocalStack.config(release3);
            say("  Kafka %s, schema registry %s, catalog on Derby port %d", stack.bootstrapServers(),
                    stack.registryUrl(), catalog.port());
            say("  freshness limit of the gates here: %s (everything shares two cores; production: 90 s)",
                    DEMO_MAX_LAG);
            for (ColourLayout l : List.of(config1.layout(Colour.BLUE), config2.layout(Colour.GREEN),
                    config3.layout(Colour.BLUE))) {
                say("  %-5s g%d: schema %s, checkpoints %s, group ids %s, txnAppIds %s", l.colour().id(),
                        l.generation(), l.qualifiedSchema(), l.checkpointRoot(), l.groupIdPrefix(Query.ORDERS) + "…",
                        l.txnAppId(Query.ORDERS, Tables.ORDERS));
            }
            List<ReferenceFiles.ReferenceFile> reference = ReferenceFiles.write(Path.of(config1.reference().inbox()),
                    LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).minusDays(2), 3, 7L);
            say("Dropped %d reference files (products, warehouses, carriers for 3 days).", reference.size());

            // The producer runs from here to the end: every colour always has live traffic.
            Producer producer = Producer.start(stack, topics, settings.rate());
            children.onClose(producer::stop);
            say("Producing generated traffic at %.0f events/s (CDC out of order, duplicates, late events, poison).",
                    settings.rate());

            jobOverrides.put(Colour.BLUE, overrides);
            jobs.start(Colour.BLUE);
            say("Started the blue job (release 1) in its own JVM; starting the SQL endpoint meanwhile ...");
            // The SQL warehouse starts beside blue (independent of it); readers come once blue is published.
            CompletableFuture<SqlEndpoint> endpointStart = CompletableFuture.supplyAsync(() -> {
                try {
                    return children.add(SqlEndpoint.start(catalog, warehouse, dir.resolve("endpoint.log")));
                } catch (Exception e) {
                    throw new IllegalStateException("the SQL endpoint did not start: " + e, e);
                }
            });
            // The publisher and the release orchestrator: bootstrap clones a few tables at once, so two cores here.
            SparkSession spark = Sessions.builder(config1, "publisher").master("local[2]")
                    .config("spark.sql.datetime.java8API.enabled", "true").getOrCreate();
            awaitGoldBatch(config1.layout(Colour.BLUE), Duration.ofMinutes(4));
            InProcessCli blueCli = new InProcessCli(overrides);
            validate(blueCli, Colour.BLUE, RELEASE_1);
            long t = System.nanoTime();
            blueCli.ok("promote", "--to", "blue", "--release-id", RELEASE_1, "--git-sha", GitSha.current());
            say("Published blue as %s, the first publication: every view of %s now reads %s (%.1f s).", RELEASE_1,
                    config1.layout(Colour.BLUE).publishedSchema(), config1.layout(Colour.BLUE).qualifiedSchema(),
                    seconds(t));

            SqlEndpoint endpoint = endpointStart.join();
            ViewReaders readers = children.add(ViewReaders.start(endpoint.jdbcUrl(), readerQueries(),
                    READER_PAUSE));
            readers.awaitEveryQueryAnswered(Duration.ofMinutes(3));
            say("5 readers query the published views over JDBC (%s), one of them joining two views; they keep"
                    + " querying through both releases.", endpoint.jdbcUrl());
            Thread.sleep(settings.warmUp().toMillis());

            // ---- Release 2: green, with units_sold; approved by a second identity; completes ----
            jobOverrides.put(Colour.GREEN, release2);
            Contract contract2 = ContractFile.load(release2Contract, "publish.contract");
            ReleaseOrchestrator orchestrator2 = orchestrator(spark, config2, contract2, jobs);
            ReleaseSpec spec2 = orchestrator2.plan(RELEASE_2, config2.layout(Colour.GREEN).generation(),
                    ReleasePorts.bootstrap(config2), ReleasePorts.gates(config2), ReleasePorts.policy(config2));
            say("release plan:%n%s", indent(spec2.describe()));
            ReleaseView waiting = orchestrator2.start(spec2);
            say("Release %s is %s; approving it as %s (its author, %s, may not).", RELEASE_2, waiting.state(),
                    APPROVER, spec2.author());
            orchestrator2.approve(RELEASE_2, APPROVER);
            ReleaseView done2 = orchestrator2.resume();
            say("Release %s: %s; blue's job %s.", RELEASE_2, done2.state(), jobs.state(Colour.BLUE)
                    == ColourJobs.State.RUNNING ? "still runs" : "was stopped (its tables are kept)");
            ViewReaders unitsReaders = children.add(ViewReaders.start(endpoint.jdbcUrl(), List.of(unitsQuery()),
                    READER_PAUSE));
            say("A new dashboard starts reading daily_revenue.units_sold.");

            // ---- Release 3: blue generation 2; passes its gates, then stalls during bake: rolled back ----
            jobOverrides.put(Colour.BLUE, release3);
            ReleaseOrchestrator orchestrator3 = orchestrator(spark, config3, contract2, jobs);
            ReleaseSpec spec3 = orchestrator3.plan(RELEASE_3, config3.layout(Colour.BLUE).generation(),
                    ReleasePorts.bootstrap(config3), ReleasePorts.gates(config3), ReleasePorts.policy(config3));
            say("release plan:%n%s", indent(spec3.describe()));
            ReleaseView waiting3 = orchestrator3.start(spec3);
            say("Release %s is %s; approving it as %s.", RELEASE_3, waiting3.state(), APPROVER);
            orchestrator3.approve(RELEASE_3, APPROVER);
            CompletableFuture<Void> stall = CompletableFuture.runAsync(() -> stallWhenBaking(orchestrator3, jobs));
            ReleaseView done3 = orchestrator3.resume();
            stall.cancel(true);
            double rollbackSeconds = done3.lastTransition().evidence()
                    .path("secondsFromFirstBreachToViewsSwitched").asDouble(Double.NaN);
            say("Release %s: %s, %.1f s from the first breaching sample to every view back on green.", RELEASE_3,
                    done3.state(), rollbackSeconds);
            jobs.stop(Colour.BLUE);

            String verified = blueCli.ok("audit", "verify").out().trim();
            say("%s", verified.lines().findFirst().orElse(verified));
            List<ProducedRecord> produced = producer.stop();
            say("Stopped the producer after %,d events. Waiting for green to drain ...", produced.size());
            Expected expected = Oracle.compute(produced, reference);
            t = System.nanoTime();
            List<String> problems = new ArrayList<>();
            ColourLayout green = config2.layout(Colour.GREEN);
            problems.addAll(awaitOracle(spark, config2, green, expected, Duration.ofMinutes(5), "green"));
            problems.addAll(prefixed("green", OracleDiff.unitsSold(Oracle.unitsSold(expected),
                    ActualTables.unitsSold(spark, green))));
            double drainSeconds = seconds(t);
            readers.stop();
            unitsReaders.stop();
            ReaderSummary summary = readers.summary(List.of());
            ReaderSummary units = unitsReaders.summary(List.of());
            if (summary.failures() > 0 || summary.mixedResults() > 0) {
                problems.add("readers: " + summary.oneLine() + " " + summary.firstFailures() + " "
                        + summary.firstMixed());
            }
            if (units.failures() > 0 || units.mixedResults() > 0) {
                problems.add("units_sold reader: " + units.oneLine() + " " + units.firstFailures());
            }
            if (done2.state() != ReleaseState.COMPLETED) {
                problems.add("release 2 ended " + done2.state() + ", not COMPLETED: " + done2.lastTransition().reason());
            }
            if (done3.state() != ReleaseState.ROLLED_BACK) {
                problems.add("release 3 ended " + done3.state() + ", not ROLLED_BACK: "
                        + done3.lastTransition().reason());
            }
            if (!verified.contains(": valid")) {
                problems.add("audit verify: " + verified);
            }
            Map<String, Long> byTopic = new LinkedHashMap<>();
            produced.forEach(p -> byTopic.merge(p.record().topic(), 1L, Long::sum));
            return new Result(produced.size(), byTopic, List.of(done2, done3), rollbackSeconds, summary, units,
                    drainSeconds, problems);
        } finally {
            alertSinks.forEach(ReleasePorts.ClosableAlertSink::close);
        }
    }

    /** The release state machine on this stack, for a release configured by {@code config}. */
    private ReleaseOrchestrator orchestrator(SparkSession spark, PipelineConfig config, Contract contract,
                                             ColourJobs jobs) {
        Release release = ReleasePorts.release(spark, config, contract);
        // The console, and the webhook of alerts.webhook.* if the configuration names one.
        ReleasePorts.ClosableAlertSink alerts = ReleasePorts.alerts(config,
                alert -> say("ALERT %s %s: %s", alert.severity(), alert.title(), alert.text()));
        alertSinks.add(alerts);
        return new ReleaseOrchestrator(new ReleaseOrchestrator.Ports(release, jobs,
                ReleasePorts.deployer(spark, config, jobs), ReleasePorts.catchUp(spark, config),
                ReleasePorts.gates(spark, config, contract, line -> say("  %s", line.trim())),
                ReleasePorts.bake(spark, config), alerts, Ticker.system(), line -> {
                    if (!line.startsWith("ALERT")) {
                        say("%s", line);
                    }
                }), Actor.ofThisProcess(), GitSha.current(), false);
    }

    /**
     * Release 3's fault: once it bakes, its job freezes (SIGSTOP), as a hung cluster would: no more batches, no
     * heartbeat. The bake's samples then breach, and the release is rolled back.
     */
    private void stallWhenBaking(ReleaseOrchestrator orchestrator, ChildJvmColourJobs jobs) {
        try {
            while (orchestrator.view(RELEASE_3).state() != ReleaseState.BAKING) {
                if (orchestrator.view(RELEASE_3).state().isFinal()) {
                    return;
                }
                Thread.sleep(1000);
            }
            Thread.sleep(5000);
            long pid = jobs.jvm(Colour.BLUE).orElseThrow().pid();
            new ProcessBuilder("kill", "-STOP", String.valueOf(pid)).inheritIO().start().waitFor();
            say("FAULT: release 3's job (pid %d) froze mid-bake (SIGSTOP): no more batches, no heartbeat.", pid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            say("could not freeze release 3's job: %s", e);
        }
    }

    private static List<String> jobArgs(Colour colour, Map<String, String> overrides) {
        List<String> args = new ArrayList<>(List.of("run", "--colour", colour.id(), "--config",
                LocalStack.configFile().toString()));
        overrides.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        return args;
    }

    private static String generation(Map<String, String> overrides) {
        return overrides == null ? "1" : overrides.getOrDefault("colours.blue.generation", "1");
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Release 2's contract: release 1's ({@code conf/contract.yaml}) with {@code daily_revenue.units_sold}. */
    public static Path writeRelease2Contract(Path dir) throws java.io.IOException {
        Contract r1 = ContractFile.load(LocalStack.configFile().resolveSibling("contract.yaml"), "publish.contract");
        List<Contract.View> views = new ArrayList<>();
        for (Contract.View v : r1.views().values()) {
            List<Contract.Column> columns = new ArrayList<>(v.columns());
            if (v.name().equals(Tables.REVENUE)) {
                columns.add(new Contract.Column(Features.UNITS_SOLD, "BIGINT"));
            }
            views.add(new Contract.View(v.name(), v.sourceTable(), columns));
        }
        Path file = dir.resolve("contract-release-2.yaml");
        Files.writeString(file, ContractFile.render(Contract.of(views), "Release 2's consumer contract: conf/"
                + "contract.yaml plus daily_revenue.units_sold (written by the demo)."));
        return file;
    }

    private static List<ReaderQuery> readerQueries() {
        return List.of(
                ReaderQuery.ofView("daily_revenue", "order_date, region, category, revenue_cents, order_count"),
                ReaderQuery.ofView("inventory_on_hand", "sku, warehouse_id, on_hand"),
                ReaderQuery.ofView("fulfillment_sla",
                        "ship_date, warehouse_id, carrier_id, shipped_count, delivered_count"),
                new ReaderQuery("orders", "SELECT status, count(*) AS orders, sum(amount_cents) AS cents,"
                        + " min(release_id) AS release_id FROM retail_ops.orders WHERE NOT is_deleted GROUP BY status",
                        List.of("release_id")),
                ReaderQuery.revenueJoinSla(
                        "r.order_date, r.region, s.carrier_id, r.revenue_cents, s.shipped_count"));
    }


    private static ReaderQuery unitsQuery() {
        return new ReaderQuery("units_sold", "SELECT order_date, region, category, units_sold, release_id"
                + " FROM retail_ops.daily_revenue", List.of("release_id"));
    }

    /**
     * Runs the four gates on {@code candidate} for {@code releaseId} and prints their verdicts; promoting that release
     * from this artifact needs them to pass.
     */
    private void validate(InProcessCli cli, Colour candidate, String releaseId) {
        long t = System.nanoTime();
        InProcessCli.Result r = cli.run("validate", "--candidate", candidate.id(), "--release-id", releaseId,
                "--git-sha", GitSha.current(), "--json");
        JsonNode report = r.json().get("report");
        if (report == null) {
            throw new IllegalStateException("validate --candidate " + candidate.id() + " failed: " + r.err());
        }
        say("Validated %s in %.1f s (report recorded in the audit ledger):", candidate.id(), seconds(t));
        // validate's progress lines, one per gate with its key figures: "  <gate>: <verdict> <figures>".
        r.err().lines().filter(l -> l.matches("  (schema|reconciliation|quality|freshness): .*"))
                .forEach(l -> say("  %s", l.trim()));
        if (r.code() != 0) {
            throw new IllegalStateException("the gates refused " + candidate.id() + ": " + r.out());
        }
    }

    private void awaitGoldBatch(ColourLayout layout, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (CheckpointInspector.inspect(Path.of(layout.checkpointLocation(Query.GOLD))).lastCommittedBatch()
                .isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(layout.jobName() + " committed no Gold batch within " + timeout
                        + "; see its log under " + settings.dir());
            }
            Thread.sleep(1000);
        }
    }

    private static long lag(PipelineConfig config, Colour colour) {
        return Inspect.statuses(Storage.local(), config, colour).stream()
                .mapToLong(s -> s.lag().map(l -> l.totalLag()).orElse(0L)).sum();
    }

    /** Polls until the colour's domain queries have no lag and every table equals the oracle. */
    private List<String> awaitOracle(SparkSession spark, PipelineConfig config, ColourLayout layout,
                                     Expected expected, Duration timeout, String name) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> problems = List.of("not checked yet");
        while (System.nanoTime() < deadline) {
            if (lag(config, layout.colour()) == 0) {
                problems = OracleDiff.allTables(expected, ActualTables.read(spark, layout));
                if (problems.isEmpty()) {
                    say("  %s equals the oracle in every table.", name);
                    return problems;
                }
            }
            Thread.sleep(3000);
        }
        return prefixed(name, problems);
    }

    private static List<String> prefixed(String colour, List<String> problems) {
        return problems.stream().map(p -> colour + ": " + p).toList();
    }

    private void say(String format, Object... args) {
        out.accept(String.format("[%6.1fs] ", seconds(t0)) + String.format(format, args));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The producer thread: generated traffic at a steady rate until {@link #stop()}. */
    private static final class Producer {
        private final RateProducer producer;
        private final Thread thread;
        private final AtomicReference<List<ProducedRecord>> produced = new AtomicReference<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        private Producer(RateProducer producer, Thread thread) {
            this.producer = producer;
            this.thread = thread;
        }

        static Producer start(LocalStack stack, Map<Domain, String> topics, double rate) {
            TrafficGenerator generator = new TrafficGenerator(stack.registryClient(),
                    GeneratorConfig.of(2026L, "release", Instant.now(), 1000).withTopics(topics));
            RateProducer rp = new RateProducer(stack.bootstrapServers());
            AtomicReference<Producer> self = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    self.get().produced.set(rp.run(generator.stream(), rate, Duration.ofHours(2), Long.MAX_VALUE));
                } catch (Exception e) {
                    self.get().failure.set(e);
                }
            }, "producer");
            Producer p = new Producer(rp, t);
            self.set(p);
            t.setDaemon(true);
            t.start();
            return p;
        }

        List<ProducedRecord> stop() throws InterruptedException {
            producer.stop();
            thread.join(120_000);
            producer.close();
            if (failure.get() != null) {
                throw new IllegalStateException("the producer failed: " + failure.get(), failure.get());
            }
            return produced.get() == null ? List.of() : produced.get();
        }
    }

    /** Child processes and readers, stopped in reverse order on close (also when the run fails half-way). */
    private static final class Processes implements AutoCloseable {
        private final List<AutoCloseable> open = new ArrayList<>();
        /** Ctrl-C or a kill of this JVM still stops the child JVMs (they do not watch their parent). */
        private final Thread hook = new Thread(this::stopAll, "stop-child-processes");

        Processes() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        synchronized <T extends AutoCloseable> T add(T child) {
            open.add(child);
            return child;
        }

        synchronized void onClose(ThrowingRunnable r) {
            open.add(r::run);
        }

        @Override
        public void close() {
            stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }

        private synchronized void stopAll() {
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception ignored) {
                    // best effort: the others must still be stopped
                }
            }
            open.clear();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}

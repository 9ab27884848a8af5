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
import com.retailer.bluegreen.testsupport.TimeWindow;

import com.retailer.bluegreen.local.Files2;
import com.retailer.bluegreen.local.LocalStack;
import com.retailer.bluegreen.local.SharedCatalog;
import com.retailer.bluegreen.testsupport.ReaderSummary;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.Bootstrap;
import com.retailer.bluegreen.job.Inspect;
import com.retailer.bluegreen.job.Sessions;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * A whole blue/green release on the embedded stack, as README command 1 runs it: every component a separate process
 * where it is one on Databricks. Generated traffic flows at a steady rate throughout; blue (release 1) runs and is
 * published; green (release 2, which adds {@code daily_revenue.units_sold}) is bootstrapped from blue's consistent
 * cut, runs beside blue on the same topics and catches up; green is promoted while readers query every published
 * view over the SQL endpoint; then rolled back and rolled forward. At the end the producer stops, both colours drain,
 * and both are checked against the plain-Java oracle.
 *
 * <p>Processes: this JVM (Kafka broker, schema registry, the shared catalog's metastore database, the producer, the
 * publisher and the release steps), the blue job, the green job, the SQL endpoint (each its own JVM).
 */
public final class FullRelease {
    static final String RELEASE_1 = "release-1";
    static final String RELEASE_2 = "release-2";
    /** The freshness limit of the demo's gates (production: 90 s, gates.freshness.maxLag). */
    static final String DEMO_MAX_LAG = "300s";
    /** Between one reader's queries: dashboards refresh every few seconds, not continuously. */
    private static final Duration READER_PAUSE = Duration.ofMillis(2000);

    /**
     * @param rate         events per second produced throughout
     * @param warmUp       how long blue runs on its own before green is bootstrapped
     * @param bake         how long readers see each published colour before the next switch
     * @param catchUpLimit how long green may take to catch up with blue
     */
    public record Settings(Path dir, double rate, Duration warmUp, Duration bake, Duration catchUpLimit) {
    }

    /** Figures of one run; {@link #problems()} empty when every check held. */
    public record Result(long produced, Map<String, Long> producedByTopic, Map<Colour, Long> bronzeRows,
                         long greenOwnRecords, double bootstrapSeconds, double catchUpSeconds,
                         Map<String, Long> switchMillis, ReaderSummary readers, ReaderSummary unitsReaders,
                         double drainSeconds, ConsistentCut cut, List<String> problems) {
    }

    private final Settings settings;
    private final Consumer<String> out;
    private final long t0 = System.nanoTime();

    public FullRelease(Settings settings, Consumer<String> out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() throws Exception {
        Path dir = settings.dir();
        Files2.deleteRecursively(dir);
        Files.createDirectories(dir);
        say("Starting the embedded stack in %s: Kafka broker (KRaft), schema registry, shared catalog ...", dir);
        try (LocalStack stack = LocalStack.start(dir.resolve("stack"));
             SharedCatalog catalog = SharedCatalog.start(dir.resolve("catalog"));
             Processes children = new Processes()) {
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
            Path release2Contract = writeRelease2Contract(dir);
            Map<String, String> greenOverrides = new LinkedHashMap<>(overrides);
            greenOverrides.put("transforms.unitsSold", "true");
            greenOverrides.put("publish.contract", release2Contract.toString());
            PipelineConfig blueConfig = LocalStack.config(overrides);
            PipelineConfig greenConfig = LocalStack.config(greenOverrides);
            ColourLayout blue = blueConfig.layout(Colour.BLUE);
            ColourLayout green = greenConfig.layout(Colour.GREEN);
            say("  Kafka %s, schema registry %s, catalog on Derby port %d", stack.bootstrapServers(),
                    stack.registryUrl(), catalog.port());
            say("  freshness limit of the gates here: %s (everything shares two cores; production: 90 s)",
                    DEMO_MAX_LAG);
            for (ColourLayout l : List.of(blue, green)) {
                say("  %-5s: schema %s, checkpoints %s, group ids %s, txnAppIds %s", l.colour().id(),
                        l.qualifiedSchema(), l.checkpointRoot(), l.groupIdPrefix(Query.ORDERS) + "…",
                        l.txnAppId(Query.ORDERS, Tables.ORDERS));
            }
            List<ReferenceFiles.ReferenceFile> reference = ReferenceFiles.write(Path.of(blueConfig.reference().inbox()),
                    LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).minusDays(2), 3, 7L);
            say("Dropped %d reference files (products, warehouses, carriers for 3 days).", reference.size());

            // The producer runs from here to the end: both colours always have live traffic.
            Producer producer = Producer.start(stack, topics, settings.rate());
            children.onClose(producer::stop);
            say("Producing generated traffic at %.0f events/s (CDC out of order, duplicates, late events, poison).",
                    settings.rate());

            children.add(ChildJob.start(Colour.BLUE, LocalStack.configFile(), overrides, Map.of(), List.of(),
                    dir.resolve("blue-job.log")));
            say("Started the blue job (release 1) in its own JVM; starting the SQL endpoint meanwhile ...");
            // The SQL warehouse starts beside blue (independent of it); readers come once blue is published.
            CompletableFuture<SqlEndpoint> endpointStart = CompletableFuture.supplyAsync(() -> {
                try {
                    return children.add(SqlEndpoint.start(catalog, warehouse, dir.resolve("endpoint.log")));
                } catch (Exception e) {
                    throw new IllegalStateException("the SQL endpoint did not start: " + e, e);
                }
            });
            // The publisher and release steps: bootstrap clones a few tables at once, so two cores here.
            SparkSession spark = Sessions.builder(blueConfig, "publisher").master("local[2]")
                    .config("spark.sql.datetime.java8API.enabled", "true").getOrCreate();
            awaitGoldBatch(blue, Duration.ofMinutes(4));
            InProcessCli blueCli = new InProcessCli(overrides);
            InProcessCli greenCli = new InProcessCli(greenOverrides);

            validate(blueCli, Colour.BLUE, RELEASE_1);
            long t = System.nanoTime();
            blueCli.ok("promote", "--to", "blue", "--release-id", RELEASE_1, "--git-sha", GitSha.current());
            say("Published blue as %s: every view of %s now reads %s (%.1f s).", RELEASE_1,
                    blue.publishedSchema(), blue.qualifiedSchema(), seconds(t));

            SqlEndpoint endpoint = endpointStart.join();
            ViewReaders readers = children.add(ViewReaders.start(endpoint.jdbcUrl(), readerQueries(),
                    READER_PAUSE));
            readers.awaitEveryQueryAnswered(Duration.ofMinutes(3));
            long readersFrom = System.currentTimeMillis();
            say("5 readers query the published views over JDBC (%s), one of them joining two views.",
                    endpoint.jdbcUrl());
            Thread.sleep(settings.warmUp().toMillis());

            t = System.nanoTime();
            say("Bootstrapping green (release 2: daily_revenue gains units_sold) from blue's consistent cut ...");
            ConsistentCut cut = Bootstrap.fromCut(spark, greenConfig, Colour.BLUE, Colour.GREEN, GitSha.current(),
                    Clock.systemUTC());
            double bootstrapSeconds = seconds(t);
            say("  cut at blue's Gold batch %d; %d tables shallow-cloned; Kafka resumes from %s; units_sold"
                    + " backfilled from the cloned orders (%.1f s).", cut.goldBatch(), cut.tableVersions().size(),
                    cut.domains().get(Domain.ORDERS).offsets(), bootstrapSeconds);
            children.add(ChildJob.start(Colour.GREEN, LocalStack.configFile(), greenOverrides, Map.of(), List.of(),
                    dir.resolve("green-job.log")));
            t = System.nanoTime();
            say("Started the green job in its own JVM beside blue; waiting for it to catch up ...");
            awaitCaughtUp(blueConfig, greenConfig, settings.catchUpLimit());
            double catchUpSeconds = seconds(t);
            say("  green caught up with blue in %.1f s.", catchUpSeconds);
            validate(greenCli, Colour.GREEN, RELEASE_2);

            Map<String, Long> switches = new LinkedHashMap<>();
            List<TimeWindow> windows = new ArrayList<>();
            windows.add(new TimeWindow("no switch (blue)", readersFrom, System.currentTimeMillis()));
            switches.put("promote green", timed(windows, "switch", () -> greenCli.ok("promote", "--to", "green",
                    "--release-id", RELEASE_2, "--git-sha", GitSha.current())));
            say("Promoted green (%s) in %,d ms: every view now reads %s; daily_revenue has units_sold.", RELEASE_2,
                    switches.get("promote green"), green.qualifiedSchema());
            ViewReaders unitsReaders = children.add(ViewReaders.start(endpoint.jdbcUrl(), List.of(unitsQuery()),
                    READER_PAUSE));
            say("A new dashboard starts reading daily_revenue.units_sold.");
            Thread.sleep(settings.bake().toMillis());

            switches.put("rollback", timed(windows, "switch", () -> greenCli.ok("rollback", "--git-sha",
                    GitSha.current())));
            say("Rolled back in %,d ms: the views read blue (%s) again; units_sold reads NULL there, so the new"
                    + " dashboard keeps working.", switches.get("rollback"), RELEASE_1);
            Thread.sleep(settings.bake().toMillis());
            switches.put("promote green again", timed(windows, "switch", () -> greenCli.ok("promote", "--to",
                    "green", "--release-id", RELEASE_2, "--git-sha", GitSha.current())));
            say("Rolled forward to green in %,d ms (its gate report is still recent enough).",
                    switches.get("promote green again"));
            long lastSwitch = System.currentTimeMillis();
            Thread.sleep(settings.bake().toMillis());
            windows.add(new TimeWindow("no switch (green)", lastSwitch, System.currentTimeMillis()));
            String verified = greenCli.ok("audit", "verify").out().trim();
            say("%s", verified.lines().findFirst().orElse(verified));

            List<ProducedRecord> produced = producer.stop();
            say("Stopped the producer after %,d events. Waiting for both colours to drain ...", produced.size());
            Expected expected = Oracle.compute(produced, reference);
            t = System.nanoTime();
            List<String> problems = new ArrayList<>();
            problems.addAll(awaitOracle(spark, blueConfig, blue, expected, Duration.ofMinutes(5), "blue"));
            problems.addAll(awaitOracle(spark, greenConfig, green, expected, Duration.ofMinutes(5), "green"));
            problems.addAll(prefixed("green", OracleDiff.unitsSold(Oracle.unitsSold(expected),
                    ActualTables.unitsSold(spark, green))));
            double drainSeconds = seconds(t);
            readers.stop();
            unitsReaders.stop();
            ReaderSummary summary = readers.summary(windows);
            ReaderSummary units = unitsReaders.summary(List.of());
            if (summary.failures() > 0 || summary.mixedResults() > 0) {
                problems.add("readers: " + summary.oneLine() + " " + summary.firstFailures() + " "
                        + summary.firstMixed());
            }
            if (units.failures() > 0 || units.mixedResults() > 0) {
                problems.add("units_sold reader: " + units.oneLine() + " " + units.firstFailures());
            }
            Map<String, Long> byTopic = new LinkedHashMap<>();
            produced.forEach(p -> byTopic.merge(p.record().topic(), 1L, Long::sum));
            Map<Colour, Long> bronze = new EnumMap<>(Colour.class);
            bronze.put(Colour.BLUE, (long) ActualTables.read(spark, blue).bronzeStatus().size());
            bronze.put(Colour.GREEN, (long) ActualTables.read(spark, green).bronzeStatus().size());
            long greenOwn = produced.stream().filter(p -> afterCut(cut, p)).count();
            return new Result(produced.size(), byTopic, bronze, greenOwn, bootstrapSeconds, catchUpSeconds, switches,
                    summary, units, drainSeconds, cut, problems);
        }
    }

    private static boolean afterCut(ConsistentCut cut, ProducedRecord p) {
        for (Domain d : Domain.values()) {
            if (cut.domains().get(d).topic().equals(p.record().topic())) {
                Long from = cut.domains().get(d).offsets().get(p.partition());
                return from == null || p.offset() >= from;
            }
        }
        return false;
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

    private long timed(List<TimeWindow> windows, String name, java.util.function.Supplier<?> action) {
        long startMs = System.currentTimeMillis();
        long start = System.nanoTime();
        action.get();
        long ms = (System.nanoTime() - start) / 1_000_000;
        windows.add(new TimeWindow(name, startMs, System.currentTimeMillis()));
        return ms;
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

    /**
     * Green has caught up when its Kafka lag is no more than blue's plus one trigger's worth of traffic, twice in a
     * row, and its Gold query has committed a batch of its own.
     */
    private void awaitCaughtUp(PipelineConfig blue, PipelineConfig green, Duration timeout)
            throws InterruptedException {
        long slack = (long) (settings.rate() * blue.trigger().interval().toSeconds()) + 200;
        long deadline = System.nanoTime() + timeout.toNanos();
        int inARow = 0;
        while (inARow < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("green did not catch up with blue within " + timeout + ": lag "
                        + lag(green, Colour.GREEN) + " vs " + lag(blue, Colour.BLUE));
            }
            Thread.sleep(2000);
            boolean gold = CheckpointInspector.inspect(Path.of(green.layout(Colour.GREEN)
                    .checkpointLocation(Query.GOLD))).lastCommittedBatch().isPresent();
            inARow = gold && lag(green, Colour.GREEN) <= lag(blue, Colour.BLUE) + slack ? inARow + 1 : 0;
        }
    }

    private static long lag(PipelineConfig config, Colour colour) {
        return Inspect.statuses(config, colour).stream()
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

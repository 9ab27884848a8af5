package com.retailer.bluegreen.local;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.BatchReport;
import com.retailer.bluegreen.job.ColourJob;
import com.retailer.bluegreen.job.Inspect;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.Query;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * README command 1: the main job on the embedded stack. Starts a real Kafka broker and schema registry, drops
 * daily reference files, produces generated traffic (every irregularity and poison kind) at a steady rate while
 * the blue colour job runs continuously, waits for it to catch up, then checks every table against the oracle and
 * prints what happened.
 *
 * <p>Arguments (all optional): {@code --rate <events/s>} (default 2000), {@code --seconds <n>} (default 40).
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        double rate = doubleArg(args, "--rate", 2000);
        int seconds = (int) doubleArg(args, "--seconds", 40);
        Path dir = Path.of("local", "demo").toAbsolutePath();
        Files2.deleteRecursively(dir);
        out("Starting the embedded stack in %s (Kafka broker in KRaft mode, schema registry) ...", dir);
        try (LocalStack stack = LocalStack.start(dir.resolve("stack"))) {
            Map<Domain, String> topics = new EnumMap<>(Domain.class);
            for (Domain d : Domain.values()) {
                topics.put(d, d.defaultTopic());
            }
            stack.createTopics(topics, 4);
            Map<String, String> overrides = stack.overrides(dir, topics);
            overrides.put("trigger.interval", "2s");
            overrides.put("kafka.maxOffsetsPerTrigger", "20000");
            PipelineConfig config = LocalStack.config(overrides);
            ColourLayout blue = config.layout(Colour.BLUE);
            out("  Kafka %s, schema registry %s", stack.bootstrapServers(), stack.registryUrl());
            out("  blue: schema %s, checkpoints %s, txnAppId e.g. %s", blue.qualifiedSchema(), blue.checkpointRoot(),
                    blue.txnAppId(Query.ORDERS, "orders"));

            Instant now = Instant.now();
            List<ReferenceFiles.ReferenceFile> reference = ReferenceFiles.write(
                    Path.of(config.reference().inbox()), LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(2), 3, 7L);
            out("Dropped %d reference files (products, warehouses, carriers for 3 days).", reference.size());

            SparkSession spark = LocalSpark.session(dir.resolve("warehouse"));
            Map<Query, AtomicLong> batches = new ConcurrentHashMap<>();
            ColourJob job = new ColourJob(spark, config, Colour.BLUE, GitSha.current(), r -> onBatch(r, batches));
            Thread jobThread = new Thread(() -> {
                try {
                    job.runContinuous();
                } catch (Exception e) {
                    out("blue job stopped: %s", e);
                }
            }, "blue-job");
            jobThread.start();

            TrafficGenerator generator = new TrafficGenerator(stack.registryClient(),
                    GeneratorConfig.of(2026L, "demo", now, 1000).withTopics(topics));
            out("Producing generated traffic at %.0f events/s for %d s while blue runs ...", rate, seconds);
            long t0 = System.nanoTime();
            List<ProducedRecord> produced;
            try (RateProducer producer = new RateProducer(stack.bootstrapServers())) {
                produced = producer.run(generator.stream(), rate, Duration.ofSeconds(seconds), Long.MAX_VALUE);
            }
            double producedSeconds = (System.nanoTime() - t0) / 1e9;
            out("Produced %,d events in %.1f s. Waiting for blue to catch up ...", produced.size(), producedSeconds);

            Expected expected = Oracle.compute(produced, reference);
            long t1 = System.nanoTime();
            List<String> problems = awaitOracle(spark, config, blue, expected, Duration.ofMinutes(5));
            double catchUp = (System.nanoTime() - t1) / 1e9;
            for (StreamingQuery q : spark.streams().active()) {
                q.stop();
            }
            jobThread.join(60_000);
            summary(produced, expected, ActualTables.read(spark, blue), batches, catchUp, problems);
            if (!problems.isEmpty()) {
                System.exit(1);
            }
        }
        System.exit(0);
    }

    private static void onBatch(BatchReport r, Map<Query, AtomicLong> batches) {
        batches.computeIfAbsent(r.query(), q -> new AtomicLong()).incrementAndGet();
        out("  [blue] %-11s batch %3d: %,7d %s in %,d ms", r.query().id(), r.batchId(), r.total(),
                r.query() == Query.GOLD ? "change rows" : "records " + new TreeMap<>(r.counts()), r.millis());
    }

    /** Polls until the domain queries have no lag and every table equals the oracle, or the timeout passes. */
    private static List<String> awaitOracle(SparkSession spark, PipelineConfig config, ColourLayout layout,
                                            Expected expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> problems = List.of("not checked yet");
        while (System.nanoTime() < deadline) {
            boolean caughtUp = Inspect.statuses(config, Colour.BLUE).stream()
                    .allMatch(s -> s.lag().map(l -> l.totalLag() == 0).orElse(true));
            if (caughtUp) {
                problems = OracleDiff.allTables(expected, ActualTables.read(spark, layout));
                if (problems.isEmpty()) {
                    return problems;
                }
            }
            Thread.sleep(3000);
        }
        return problems;
    }

    private static void summary(List<ProducedRecord> produced, Expected expected, Expected actual,
                                Map<Query, AtomicLong> batches, double catchUpSeconds, List<String> problems) {
        Map<String, Long> byTopic = new TreeMap<>();
        produced.forEach(p -> byTopic.merge(p.record().topic(), 1L, Long::sum));
        Map<String, Long> quarantine = new TreeMap<>();
        actual.quarantineReason().values().forEach(r -> quarantine.merge(r, 1L, Long::sum));
        out("");
        out("==== What happened (blue colour, one generation) ====");
        out("Produced          %,d events: %s", produced.size(), byTopic);
        out("Bronze            %,d rows (one per Kafka record; quarantine is the %,d that are not OK)",
                actual.bronzeStatus().size(), actual.quarantineReason().size());
        out("Quarantine        %s", quarantine);
        out("Silver            orders %,d (incl. tombstones), inventory_movements %,d, shipments %,d",
                actual.orders().size(), actual.movements().size(), actual.shipments().size());
        out("Gold              daily_revenue %,d, inventory_on_hand %,d, fulfillment_sla %,d rows",
                actual.revenue().size(), actual.onHand().size(), actual.sla().size());
        out("Reference         products %,d, warehouses %,d, carriers %,d rows",
                actual.products().size(), actual.warehouses().size(), actual.carriers().size());
        out("Micro-batches     %s", new TreeMap<>(batches));
        out("Catch-up          %.1f s after the producer stopped", catchUpSeconds);
        if (problems.isEmpty()) {
            out("Oracle check      every table equals the independently computed oracle (%s)", expected.summary());
        } else {
            out("Oracle check      FAILED:%n  %s", String.join("\n  ", problems));
        }
    }

    private static double doubleArg(String[] args, String name, double def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Double.parseDouble(args[i + 1]);
            }
        }
        return def;
    }

    static void out(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }
}

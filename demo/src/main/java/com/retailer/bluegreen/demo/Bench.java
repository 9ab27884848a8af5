package com.retailer.bluegreen.demo;

import com.retailer.bluegreen.testsupport.Coord;
import com.retailer.bluegreen.testsupport.Expected;
import com.retailer.bluegreen.testsupport.Oracle;
import com.retailer.bluegreen.testsupport.RateProducer;

import com.retailer.bluegreen.local.Files2;
import com.retailer.bluegreen.local.LocalSpark;
import com.retailer.bluegreen.local.LocalStack;
import com.retailer.bluegreen.testsupport.GeneratorConfig;
import com.retailer.bluegreen.testsupport.ProducedRecord;
import com.retailer.bluegreen.testsupport.Producing;
import com.retailer.bluegreen.testsupport.TrafficGenerator;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.ColourJob;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.transforms.Tables;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@code mvn -B -DskipTests -Pbench package}: figures, not assertions, on the embedded stack in one run.
 * <ol>
 *   <li>throughput of a bare Kafka → Delta append (no decoding, no MERGE) over pre-produced events;</li>
 *   <li>throughput of the full colour pipeline (decode, Bronze, Silver MERGEs, Gold from the change feed) over the
 *       same events;</li>
 *   <li>end-to-end latency (produced → visible in Gold) at a steady produce rate with the job running
 *       continuously;</li>
 *   <li>green bootstrapped from blue's cut against from scratch, and what reconciling a slice reads
 *       ({@link ReleaseBench});</li>
 *   <li>switching every published view, promotion and rollback, without and with readers, and the readers' latency
 *       during switches against steady state ({@link CutoverBench}).</li>
 * </ol>
 * Arguments: {@code --events N} (default 200000), {@code --rate R} events/s (default 1000), {@code --seconds S}
 * (default 90), {@code --batch B} maxOffsetsPerTrigger (default 100000), {@code --swaps N} view switches per
 * cutover measurement (default 20), {@code --trigger T} the trigger interval of (c) (default 1s),
 * {@code --only latency} (only (c)).
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int events = (int) arg(args, "--events", 200_000);
        double rate = arg(args, "--rate", 1000);
        int seconds = (int) arg(args, "--seconds", 90);
        long batch = (long) arg(args, "--batch", 100_000);
        int swaps = (int) arg(args, "--swaps", 20);
        boolean latencyOnly = "latency".equals(stringArg(args, "--only", ""));
        String trigger = stringArg(args, "--trigger", "1s");
        Path dir = Path.of("local", "bench").toAbsolutePath();
        Files2.deleteRecursively(dir);
        List<String> report = new ArrayList<>();
        report.add(String.format("machine: %d cores, JVM max heap %d MB, Spark local[2]",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        try (LocalStack stack = LocalStack.start(dir.resolve("stack"))) {
            SparkSession spark = LocalSpark.session(dir.resolve("warehouse"));
            if (latencyOnly) {
                report.addAll(latency(spark, stack, dir.resolve("latency"), rate, seconds, trigger));
                print(report);
            }
            Map<Domain, String> topics = topics("tput");
            stack.createTopics(topics, 4);
            TrafficGenerator gen = new TrafficGenerator(stack.registryClient(),
                    GeneratorConfig.of(99L, "tput", Instant.parse("2026-11-20T12:00:00Z"), events)
                            .withTopics(topics));
            List<ProducedRecord> produced = Producing.produceAll(stack.bootstrapServers(), gen.generate());
            Demo.out("bench: produced %,d events to %s", produced.size(), topics.values());

            double bare = bareAppend(spark, stack, topics, dir.resolve("bare"), batch, produced.size());
            report.add(String.format("(a) bare Kafka -> Delta append:  %,9.0f events/s  (%,d events, "
                    + "maxOffsetsPerTrigger %,d)", bare, produced.size(), batch));

            Map<String, String> fullOverrides = withBatch(stack.overrides(dir.resolve("full"), topics), batch);
            PipelineConfig config = LocalStack.config(fullOverrides);
            long t0 = System.nanoTime();
            new ColourJob(spark, config, Colour.BLUE, "bench", r -> { }).runAvailableNow();
            double full = produced.size() / ((System.nanoTime() - t0) / 1e9);
            report.add(String.format("(b) full colour pipeline:        %,9.0f events/s  (decode + Bronze + 3 Silver"
                    + " MERGEs + 3 Gold MERGEs, same events)", full));
            report.addAll(ReleaseBench.run(spark, fullOverrides, produced.size()));

            report.addAll(latency(spark, stack, dir.resolve("latency"), rate, seconds, trigger));
        }
        // The cutover in its own processes (publisher, SQL endpoint) on the shared catalog.
        report.addAll(CutoverBench.run(dir.resolve("cutover"), swaps, java.time.Duration.ofSeconds(1)));
        print(report);
    }

    /** Prints the figures and ends the JVM (the embedded stack's threads would keep it alive). */
    private static void print(List<String> report) {
        Demo.out("");
        Demo.out("==== bench ====");
        report.forEach(l -> Demo.out("%s", l));
        System.exit(0);
    }

    private static double bareAppend(SparkSession spark, LocalStack stack, Map<Domain, String> topics, Path dir,
                                     long batch, int expected) throws Exception {
        long t0 = System.nanoTime();
        StreamingQuery q = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", stack.bootstrapServers())
                .option("subscribe", String.join(",", topics.values()))
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", Long.toString(batch))
                .load()
                .writeStream().format("delta")
                .option("checkpointLocation", dir.resolve("checkpoint").toString())
                .trigger(Trigger.AvailableNow())
                .start(dir.resolve("table").toString());
        q.awaitTermination();
        double rate = expected / ((System.nanoTime() - t0) / 1e9);
        long rows = spark.read().format("delta").load(dir.resolve("table").toString()).count();
        if (rows != expected) {
            throw new IllegalStateException("bare append wrote " + rows + " rows, expected " + expected);
        }
        return rate;
    }

    /**
     * Latency: inventory movements are counted in Gold ({@code sum(movement_count)}); the k-th distinct movement
     * produced is visible once that sum reaches k. Polled every 250 ms while the job runs continuously.
     */
    private static List<String> latency(SparkSession spark, LocalStack stack, Path dir, double rate, int seconds,
                                        String trigger) throws Exception {
        Map<Domain, String> topics = topics("lat");
        stack.createTopics(topics, 4);
        Map<String, String> overrides = stack.overrides(dir, topics);
        overrides.put("trigger.interval", trigger);
        PipelineConfig config = LocalStack.config(overrides);
        ColourLayout layout = config.layout(Colour.BLUE);
        BatchBreakdown breakdown = BatchBreakdown.listen(spark);
        ColourJob job = new ColourJob(spark, config, Colour.BLUE, "bench", breakdown);
        job.prepare();
        Thread runner = new Thread(() -> {
            try {
                job.runContinuous();
            } catch (Exception e) {
                Demo.out("latency job stopped: %s", e);
            }
        }, "latency-job");
        runner.start();
        Thread.sleep(15_000);   // queries started and idle: measure steady state, not start-up

        TrafficGenerator gen = new TrafficGenerator(stack.registryClient(),
                GeneratorConfig.of(7L, "lat", Instant.now(), 1000).withTopics(topics));
        List<ProducedRecord> produced = new ArrayList<>();
        Thread producer = new Thread(() -> {
            try (RateProducer p = new RateProducer(stack.bootstrapServers())) {
                produced.addAll(p.run(gen.stream(), rate, Duration.ofSeconds(seconds), Long.MAX_VALUE));
            }
        }, "latency-producer");
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        producer.start();
        List<long[]> polls = new ArrayList<>();   // {wall millis, visible movements}
        String onHand = layout.tableLocation(Tables.ON_HAND);
        long stopAt = System.currentTimeMillis() + (seconds + 240) * 1000L;
        long target = Long.MAX_VALUE;
        Expected expected = null;
        while (System.currentTimeMillis() < stopAt) {
            Row r = spark.read().format("delta").load(onHand).selectExpr("coalesce(sum(movement_count), 0)").first();
            polls.add(new long[] {System.currentTimeMillis(), r.getLong(0)});
            if (!producer.isAlive() && expected == null) {
                expected = Oracle.compute(produced);
                target = expected.movements().size();
            }
            if (r.getLong(0) >= target) {
                break;
            }
            Thread.sleep(250);
        }
        for (StreamingQuery q : spark.streams().active()) {
            q.stop();
        }
        runner.join(60_000);
        breakdown.stop(spark);

        producer.join();
        double cores = (processCpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
        if (expected == null) {
            expected = Oracle.compute(produced);
        }
        Set<Coord> firstDeliveries = new HashSet<>();
        expected.movements().values()
                .forEach(m -> firstDeliveries.add(new Coord(topics.get(Domain.INVENTORY), m.srcPartition(),
                        m.srcOffset())));
        List<Long> sendTimes = produced.stream().filter(p -> firstDeliveries.contains(p.coord()))
                .map(ProducedRecord::timestampMs).sorted().collect(Collectors.toList());
        List<Long> latencies = new ArrayList<>();
        int pi = 0;
        for (int k = 0; k < sendTimes.size(); k++) {
            while (pi < polls.size() && polls.get(pi)[1] < k + 1) {
                pi++;
            }
            if (pi == polls.size()) {
                break;
            }
            latencies.add(polls.get(pi)[0] - sendTimes.get(k));
        }
        latencies.sort(null);
        List<String> out = new ArrayList<>();
        out.add(String.format("(c) end-to-end latency at %,.0f events/s for %d s (%,d events; %,d inventory "
                + "movements timed, %d of them never became visible):", rate, seconds, produced.size(),
                sendTimes.size(), sendTimes.size() - latencies.size()));
        out.add(String.format("    produced -> visible in Gold: p50 %,.1f s, p99 %,.1f s, max %,.1f s "
                + "(trigger interval %s, Gold polled every 250 ms)", pct(latencies, 50) / 1e3,
                pct(latencies, 99) / 1e3, latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1e3,
                trigger));
        out.add(String.format("    CPU of the bench JVM (job, broker, producer) from the first event to the last"
                + " visible: %.2f cores on average", cores));
        out.add("    where a batch's time goes (Spark's trigger phases; the job's steps inside addBatch):");
        out.addAll(breakdown.lines());
        return out;
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Map<Domain, String> topics(String prefix) {
        Map<Domain, String> t = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            t.put(d, prefix + "." + d.defaultTopic());
        }
        return t;
    }

    private static Map<String, String> withBatch(Map<String, String> overrides, long batch) {
        overrides.put("kafka.maxOffsetsPerTrigger", Long.toString(batch));
        return overrides;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String stringArg(String[] args, String name, String def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }

    private static double arg(String[] args, String name, double def) {
        String v = stringArg(args, name, null);
        return v == null ? def : Double.parseDouble(v);
    }
}

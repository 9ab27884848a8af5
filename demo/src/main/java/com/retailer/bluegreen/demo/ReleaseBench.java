package com.retailer.bluegreen.demo;

import com.retailer.bluegreen.config.ConfigKeys;

import com.retailer.bluegreen.local.LocalStack;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.gates.spark.Reconciler;
import com.retailer.bluegreen.gates.ReconciliationSpec;
import com.retailer.bluegreen.gates.TableReconciliation;
import com.retailer.bluegreen.job.Bootstrap;
import com.retailer.bluegreen.job.ColourJob;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * The release figures of {@code bench} that need a colour with data: green bootstrapped from blue's cut against
 * green from scratch over the same events, and what the reconciliation gate reads for a narrow slice of offsets
 * against the whole table (file pruning by the offset statistics).
 */
final class ReleaseBench {
    private ReleaseBench() {
    }

    /**
     * @param overrides configuration whose blue colour has processed {@code events} events (and whose green is
     *                  fresh)
     */
    static List<String> run(SparkSession spark, Map<String, String> overrides, long events) throws Exception {
        PipelineConfig blue = LocalStack.config(overrides);
        List<String> out = new ArrayList<>();
        long t0 = System.nanoTime();
        Bootstrap.fromCut(spark, blue, Colour.BLUE, Colour.GREEN, "bench", Clock.systemUTC());
        double cut = seconds(t0);
        long t1 = System.nanoTime();
        new ColourJob(spark, blue, Colour.GREEN, "bench", r -> { }).runAvailableNow();
        double cutCatchUp = seconds(t1);

        Map<String, String> second = new java.util.LinkedHashMap<>(overrides);
        second.put(ConfigKeys.generation(Colour.GREEN), "2");
        PipelineConfig scratch = LocalStack.config(second);
        long t2 = System.nanoTime();
        Bootstrap.fromScratch(spark, scratch, Colour.GREEN, "bench");
        new ColourJob(spark, scratch, Colour.GREEN, "bench", r -> { }).runAvailableNow();
        double fromScratch = seconds(t2);
        out.add(String.format("(g) bootstrap of green, same %,d events: from blue's cut %.1f s (cut, 12 shallow"
                + " clones) + %.1f s to catch up; from scratch %.1f s", events, cut, cutCatchUp, fromScratch));

        ColourLayout b = blue.layout(Colour.BLUE);
        ColourLayout g = scratch.layout(Colour.GREEN);
        Map<Integer, Long> end = CheckpointInspector.inspect(Path.of(b.checkpointLocation(Domain.INVENTORY.query())))
                .kafkaOffsets().get(blue.kafka().topics().get(Domain.INVENTORY));
        Map<Integer, Long> slice = new TreeMap<>();
        end.forEach((p, o) -> slice.put(p, Math.max(0, o - Math.max(1, o / 20))));
        Read whole = measure(spark, () -> Reconciler.reconcile(spark, b.tableLocation(Domain.INVENTORY.silverTable()),
                g.tableLocation(Domain.INVENTORY.silverTable()), ReconciliationSpec.silver(Domain.INVENTORY,
                        Map.of(), end, Optional.empty())));
        Read narrow = measure(spark, () -> Reconciler.reconcile(spark, b.tableLocation(Domain.INVENTORY.silverTable()),
                g.tableLocation(Domain.INVENTORY.silverTable()), ReconciliationSpec.silver(Domain.INVENTORY,
                        slice, end, Optional.empty())));
        out.add(String.format("(h) reconciliation of inventory_movements, both colours: whole table %,d rows"
                + " compared, %,d records read, %.1f s; last 5%% of offsets %,d rows compared, %,d records read,"
                + " %.1f s", whole.compared(), whole.recordsRead(), whole.seconds(), narrow.compared(),
                narrow.recordsRead(), narrow.seconds()));
        return out;
    }

    private record Read(long compared, long recordsRead, double seconds) {
    }

    private static Read measure(SparkSession spark, java.util.function.Supplier<TableReconciliation> run) {
        AtomicLong records = new AtomicLong();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    records.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        long t = System.nanoTime();
        TableReconciliation r;
        try {
            r = run.get();
        } finally {
            // Listener events are delivered asynchronously; give the bus a moment before detaching.
            sleep(500);
            spark.sparkContext().removeSparkListener(listener);
        }
        long compared = r.buckets().stream().mapToLong(TableReconciliation.Bucket::liveRows).sum()
                + r.buckets().stream().mapToLong(TableReconciliation.Bucket::candidateRows).sum();
        return new Read(compared, records.get(), seconds(t));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}

package com.retailer.bluegreen.demo;

import com.retailer.bluegreen.publish.spark.SparkReleases;

import com.retailer.bluegreen.config.ConfigKeys;

import com.retailer.bluegreen.local.ChildJvm;
import com.retailer.bluegreen.local.LocalStack;
import com.retailer.bluegreen.local.SharedCatalog;

import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.Sessions;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.publish.Admission;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.ReleaseOutcome;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.Tables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The publisher process of the cutover test and benchmark: in its own JVM, on the shared catalog, it creates both
 * colours' tables with rows that say which colour they belong to, publishes blue, and then — each time it reads
 * {@code swap N} on stdin — alternates N times between promoting green and rolling back, printing how long each
 * switch of all views took. Exactly what `promote` and `rollback` do, without a JVM start per switch.
 *
 * <p>Lines printed: {@code READY}, then {@code SWAP <i> <promote|rollback> <kind> <ms>} per switch and
 * {@code SWAPPED <n> total <switches so far>} per request.
 */
public final class SwapDriver implements AutoCloseable {
    /** Every row of a colour's Gold tables carries this marker, so a reader can tell which colour answered. */
    public static String marker(Colour c) {
        return c.id().toUpperCase(java.util.Locale.ROOT);
    }

    private final ChildJvm jvm;
    private final Path log;
    private int requested;

    private SwapDriver(ChildJvm jvm, Path log) {
        this.jvm = jvm;
        this.log = log;
    }

    /**
     * Configuration overrides for the publisher and colours on {@code catalog}, everything else under {@code root}:
     * the shared catalog's Spark settings (warehouse {@code root/warehouse}), both colours' checkpoint and storage
     * bases, the release state, the shipped contract and one core per Spark JVM.
     */
    public static Map<String, String> overrides(SharedCatalog catalog, Path root) {
        Map<String, String> o = new LinkedHashMap<>(catalog.overrides(root.resolve("warehouse")));
        for (Colour c : Colour.values()) {
            o.put(ConfigKeys.checkpointBase(c), root.resolve("checkpoints").toString());
            o.put(ConfigKeys.storageBase(c), root.resolve("lake").toString());
        }
        o.put("publish.storageBase", root.resolve("release").toString());
        o.put("publish.contract", LocalStack.configFile().resolveSibling("contract.yaml").toString());
        o.put("spark.conf.spark.master", "local[1]");
        return o;
    }

    /** Starts the driver with the given configuration overrides (shared catalog, storage bases) and waits for READY. */
    public static SwapDriver start(Map<String, String> overrides, Path logFile) throws IOException,
            InterruptedException {
        List<String> args = new ArrayList<>();
        overrides.forEach((k, v) -> args.add(k + "=" + v));
        SwapDriver d = new SwapDriver(ChildJvm.start("swap-driver", "2g", SwapDriver.class, args, logFile), logFile);
        d.jvm.awaitLine("READY", 300_000);
        return d;
    }

    /** Switches {@code n} times (promote green, rollback, …); returns each switch's duration in ms. */
    public List<Long> swap(int n) throws IOException, InterruptedException {
        int before = jvm.lines().size();
        requested += n;
        jvm.send("swap " + n);
        // The total makes each request's line unique: a second request of the same n must not see the first's.
        jvm.awaitLine("SWAPPED " + n + " total " + requested, 60_000L * n);
        List<Long> ms = new ArrayList<>();
        for (String l : jvm.lines().subList(before, jvm.lines().size())) {
            if (l.startsWith("SWAP ")) {
                ms.add(Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)));
            }
        }
        return ms;
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    public static void main(String[] args) throws Exception {
        // Commands come on stdin; its end of file means the parent is gone, and the loop below exits the JVM.
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            overrides.put(a.substring(0, eq), a.substring(eq + 1));
        }
        PipelineConfig config = ConfigLoader.load(LocalStack.configFile(), overrides);
        SparkSession spark = Sessions.builder(config, "swap-driver").getOrCreate();
        for (Colour c : Colour.values()) {
            seed(spark, config.layout(c));
        }
        Release release = SparkReleases.create(spark, config.layouts(), ContractFile.load(
                        Path.of(config.publish().contract()), "publish.contract"), config.publish().parallelism(),
                Admission.unguarded("swap driver: switches between seeded tables, the publisher itself under test"));
        PrintStream out = System.out;
        release.promote(Colour.BLUE, "blue-r1", "swap-driver", "local");
        out.println("READY");
        out.flush();
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8));
        int done = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.startsWith("swap ")) {
                continue;
            }
            int n = Integer.parseInt(line.substring(5).trim());
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                boolean promote = done % 2 == 0;
                ReleaseOutcome o = promote ? release.promote(Colour.GREEN, "green-r2", "swap-driver", "local")
                        : release.rollback("swap-driver", "local");
                done++;
                out.println("SWAP " + done + " " + (promote ? "promote" : "rollback") + " " + o.kind() + " "
                        + (System.nanoTime() - t0) / 1_000_000);
            }
            out.println("SWAPPED " + n + " total " + done);
            out.flush();
        }
        System.exit(0);
    }

    /** Both colours' tables, registered in the shared catalog, with a few rows marked with the colour. */
    private static void seed(SparkSession spark, ColourLayout layout) {
        Tables.ensure(spark, layout, Features.NONE);
        String m = marker(layout.colour());
        spark.sql("INSERT INTO " + layout.qualifiedTable(Tables.REVENUE) + " VALUES"
                + " (DATE'2026-11-20', '" + m + "', 'toys', 1000, 2), (DATE'2026-11-21', '" + m + "', 'books', 500, 1)");
        spark.sql("INSERT INTO " + layout.qualifiedTable(Tables.SLA) + " VALUES"
                + " (DATE'2026-11-20', '" + m + "', 'ups', 3, 2, 2, 7200), (DATE'2026-11-21', '" + m
                + "', 'dhl', 1, 0, 0, 0)");
        spark.sql("INSERT INTO " + layout.qualifiedTable(Tables.ON_HAND) + " VALUES ('sku-1', '" + m + "', 10, 2)");
    }
}

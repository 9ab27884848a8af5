package com.retailer.bluegreen.demo;

import com.retailer.bluegreen.local.Files2;
import com.retailer.bluegreen.local.SharedCatalog;
import com.retailer.bluegreen.local.SqlEndpoint;
import com.retailer.bluegreen.testsupport.ReaderQuery;
import com.retailer.bluegreen.testsupport.ReaderSummary;
import com.retailer.bluegreen.testsupport.TimeWindow;
import com.retailer.bluegreen.testsupport.ViewReaders;

import com.retailer.bluegreen.layout.Colour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cutover figures of {@code bench}: on the shared catalog, with the publisher in its own JVM ({@link SwapDriver})
 * and readers querying over the SQL endpoint, how long switching every published view takes (promotion and
 * rollback, command to all views on the other colour), first with no readers, then with readers querying; and the
 * readers' latency during the switches against steady state.
 */
final class CutoverBench {
    private CutoverBench() {
    }

    static List<String> run(Path dir, int swaps, Duration readerPause) throws Exception {
        Files2.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path warehouse = dir.resolve("warehouse");
        List<String> report = new ArrayList<>();
        try (SharedCatalog catalog = SharedCatalog.start(dir.resolve("catalog"))) {
            Map<String, String> overrides = SwapDriver.overrides(catalog, dir);
            try (SwapDriver driver = SwapDriver.start(overrides, dir.resolve("driver.log"))) {
                List<Long> quiet = driver.swap(swaps);
                report.add(line("(d) switch all 5 views, no readers", quiet, swaps));
                try (SqlEndpoint endpoint = SqlEndpoint.start(catalog, warehouse, dir.resolve("endpoint.log"));
                     ViewReaders readers = ViewReaders.start(endpoint.jdbcUrl(), queries(), readerPause)) {
                    readers.awaitEveryQueryAnswered(Duration.ofMinutes(3));
                    long steadyFrom = System.currentTimeMillis();
                    Thread.sleep(20_000);
                    long swapFrom = System.currentTimeMillis();
                    List<Long> busy = driver.swap(swaps);
                    long swapTo = System.currentTimeMillis();
                    Thread.sleep(5_000);
                    readers.stop();
                    ReaderSummary s = readers.summary(List.of(new TimeWindow("steady", steadyFrom, swapFrom),
                            new TimeWindow("swaps", swapFrom, swapTo)));
                    report.add(line("(e) switch all 5 views, 5 readers", busy, swaps));
                    ReaderSummary.Stats steady = s.windows().get("steady");
                    ReaderSummary.Stats during = s.windows().get("swaps");
                    report.add(String.format("(f) reader latency, steady:        p50 %,6.0f ms  p99 %,6.0f ms  (%,d"
                            + " queries, %d failed)", steady.latency().p50(), steady.latency().p99(),
                            steady.queries(), steady.failures()));
                    report.add(String.format("    reader latency, during swaps:  p50 %,6.0f ms  p99 %,6.0f ms  (%,d"
                            + " queries, %d failed, %d mixed)", during.latency().p50(), during.latency().p99(),
                            during.queries(), during.failures(), during.mixed()));
                }
            }
        }
        return report;
    }

    /** Promotions are the even switches, rollbacks the odd ones (the driver alternates, starting with a promotion). */
    private static String line(String what, List<Long> ms, int swaps) {
        List<Long> promote = new ArrayList<>();
        List<Long> rollback = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            (i % 2 == 0 ? promote : rollback).add(ms.get(i));
        }
        return String.format("%s: promote p50 %,d ms (max %,d), rollback p50 %,d ms (max %,d); %d switches", what,
                median(promote), max(promote), median(rollback), max(rollback), swaps);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static List<ReaderQuery> queries() {
        return List.of(
                ReaderQuery.ofView("daily_revenue", "order_date, region, revenue_cents"),
                ReaderQuery.ofView("inventory_on_hand", "sku, warehouse_id, on_hand"),
                ReaderQuery.ofView("fulfillment_sla", "ship_date, warehouse_id, shipped_count"),
                ReaderQuery.ofView("orders", "order_id, amount_cents"),
                ReaderQuery.revenueJoinSla("r.region, s.warehouse_id, r.revenue_cents"));
    }


    /** Standalone: {@code CutoverBench [swaps]}. */
    public static void main(String[] args) throws Exception {
        int swaps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        run(Path.of("local", "bench-cutover").toAbsolutePath(), swaps, Duration.ofSeconds(1))
                .forEach(l -> Demo.out("%s", l));
        System.exit(0);
    }
}

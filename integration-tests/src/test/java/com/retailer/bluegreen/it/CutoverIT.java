package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.local.Files2;
import com.retailer.bluegreen.local.LocalStack;
import com.retailer.bluegreen.testsupport.ReaderQuery;
import com.retailer.bluegreen.testsupport.ReaderSummary;
import com.retailer.bluegreen.local.SharedCatalog;
import com.retailer.bluegreen.local.SqlEndpoint;
import com.retailer.bluegreen.demo.SwapDriver;
import com.retailer.bluegreen.testsupport.TimeWindow;
import com.retailer.bluegreen.testsupport.ViewReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 1: five readers query the published views over the SQL endpoint (JDBC, as a BI tool reaches a
 * SQL warehouse) — one per view plus one joining two views — while the publisher, a separate JVM on the shared
 * catalog, switches every view between green and blue ({@code cutover.swaps} times, 8 by default, 100 for the
 * full acceptance run). No query fails, and every single-view result comes
 * from one colour: one release id, and only rows marked with that release's colour; in the join, each side comes
 * from one colour (the two views switch independently, so the sides may differ during a switch).
 */
@Tag("integration")
class CutoverIT {
    /**
     * Acceptance asks for 100; one switch costs 13–20 s here with the readers and the SQL endpoint on the same 2
     * cores (Delta commits of the control table and the audit ledger plus five ALTER VIEWs through the metastore),
     * so the default suite runs 8 to stay within its time budget. {@code -Dcutover.swaps=100} for the full
     * acceptance run.
     */
    private static final int SWAPS = Integer.getInteger("cutover.swaps", 8);

    @Test
    void readersSeeNoFailureAndNoMixedResultThroughEverySwap() throws Exception {
        Path root = Path.of("target", "cutover-it-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files2.deleteRecursively(root);
        Files.createDirectories(root);
        Path warehouse = root.resolve("warehouse");
        try (SharedCatalog catalog = SharedCatalog.start(root.resolve("catalog"))) {
            Map<String, String> overrides = new LinkedHashMap<>(SwapDriver.overrides(catalog, root));
            try (SwapDriver driver = SwapDriver.start(overrides, root.resolve("driver.log"));
                 SqlEndpoint endpoint = SqlEndpoint.start(catalog, warehouse, root.resolve("endpoint.log"))) {
                List<ReaderQuery> queries = List.of(
                        single("daily_revenue", "order_date, region, revenue_cents"),
                        single("inventory_on_hand", "sku, warehouse_id, on_hand"),
                        single("fulfillment_sla", "ship_date, warehouse_id, shipped_count"),
                        single("orders", "order_id, amount_cents"),
                        ReaderQuery.revenueJoinSla("r.region, s.warehouse_id, r.revenue_cents"));
                // Each reader pauses 1 s between queries, as a dashboard refreshing: the SQL endpoint here shares the
                // 2 cores with the publisher (on Databricks readers have a SQL warehouse of their own); with 20 ms
                // or 200 ms pauses every switch took 25-45 s here, with 1 s 13-20 s.
                try (ViewReaders readers = ViewReaders.start(endpoint.jdbcUrl(), queries, Duration.ofSeconds(1))) {
                    readers.awaitEveryQueryAnswered(Duration.ofMinutes(3));
                    Thread.sleep(2_000);
                    long swapStart = System.currentTimeMillis();
                    List<Long> switchMs = driver.swap(SWAPS);
                    long swapEnd = System.currentTimeMillis();
                    Thread.sleep(2_000);
                    readers.stop();
                    ReaderSummary s = readers.summary(List.of(new TimeWindow("swaps", swapStart, swapEnd)));
                    System.out.println("CUTOVER " + s.oneLine() + " switches(ms)=" + switchMs);

                    assertEquals(SWAPS, switchMs.size(), "switches done");
                    assertEquals(0, s.failures(), "failed reader queries: " + s.firstFailures());
                    assertEquals(0, s.mixedResults(), "single-view results mixing colours: " + s.firstMixed());
                    assertTrue(s.windows().get("swaps").queries() >= 5L * SWAPS,
                            "readers kept querying during the swaps: " + s.windows().get("swaps"));
                    // Both colours were served, and every view answered with each of them.
                    for (String view : List.of("daily_revenue", "inventory_on_hand", "fulfillment_sla")) {
                        Map<String, Long> ids = s.perQuery().get(view).releaseIds().get("release_id");
                        assertTrue(ids.containsKey("blue-r1") && ids.containsKey("green-r2"), view + ": " + ids);
                        Map<String, Long> markers = s.perQuery().get(view).releaseIds().get(markerColumn(view));
                        assertEquals(2, markers.size(), view + " rows of both colours over time: " + markers);
                    }
                }
            }
        }
    }

    /** A view read in full, checking its release id and the colour marker of its rows. */
    private static ReaderQuery single(String view, String columns) {
        if (view.equals("orders")) {
            return new ReaderQuery(view, "SELECT " + columns + ", release_id FROM retail_ops." + view,
                    List.of("release_id"));
        }
        return new ReaderQuery(view, "SELECT " + columns + ", release_id FROM retail_ops." + view,
                List.of("release_id", markerColumn(view)));
    }

    /** The column SwapDriver fills with the colour's marker in each view. */
    private static String markerColumn(String view) {
        return view.equals("daily_revenue") ? "region" : "warehouse_id";
    }
}

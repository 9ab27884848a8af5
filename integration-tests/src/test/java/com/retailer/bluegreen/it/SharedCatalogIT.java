package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.local.Files2;
import com.retailer.bluegreen.local.ReaderExecution;
import com.retailer.bluegreen.local.ReaderQuery;
import com.retailer.bluegreen.local.ReaderSummary;
import com.retailer.bluegreen.local.SharedCatalog;
import com.retailer.bluegreen.local.SqlEndpoint;
import com.retailer.bluegreen.local.SqlShell;
import com.retailer.bluegreen.local.TimeWindow;
import com.retailer.bluegreen.local.ViewReaders;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local catalog is shared by separate JVMs and survives restarts, and readers reach the published views the way
 * a BI tool reaches a SQL warehouse: a JVM standing in for a colour job and the publisher ({@link SqlShell}) creates
 * schemas, path-created Delta tables registered by name and views; the {@link SqlEndpoint} (another JVM) answers
 * queries of the views over JDBC; readers see exactly one release per view while the views are switched between two
 * colours' tables with {@code ALTER VIEW}; the views outlive a restart of the catalog server.
 *
 * <p>The test JVM itself runs no Spark on the shared catalog: its session catalog is the in-memory one of the other
 * tests, and a JVM has one.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedCatalogIT {
    /** Per test JVM, as ItStack's: two runs in one checkout must not delete each other's catalog. */
    private static final Path ROOT = Path.of("target", "shared-catalog-it", "jvm-" + ProcessHandle.current().pid())
            .toAbsolutePath();
    private static final Path WAREHOUSE = ROOT.resolve("warehouse");
    private static final Path LOGS = ROOT.resolve("logs");
    private static final int BLUE_ORDERS = 20;
    private static final int GREEN_ORDERS = 25;
    private static final int FLIPS = 30;
    private static final Map<String, String> RELEASE = Map.of("blue", "r1-blue", "green", "r2-green");

    private static SharedCatalog catalog;
    private static SqlShell shell;
    private static SqlEndpoint endpoint;
    private static CompletableFuture<SqlEndpoint> starting;

    @BeforeAll
    static void startCatalogAndCreateTablesAndViewsFromAnotherJvm() throws Exception {
        Files2.deleteRecursively(ROOT);
        catalog = SharedCatalog.start(ROOT.resolve("catalog"));
        // The endpoint starts while the shell works: both JVMs open the catalog at once, as they would in the demo.
        starting = CompletableFuture.supplyAsync(() -> {
            try {
                return SqlEndpoint.start(catalog, WAREHOUSE, LOGS.resolve("endpoint.log"));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        shell = SqlShell.start(catalog.overrides(WAREHOUSE), LOGS.resolve("shell.log"));
        for (String colour : List.of("blue", "green")) {
            String schema = "retail_ops_" + colour;
            shell.run("CREATE SCHEMA IF NOT EXISTS " + schema);
            int orders = "blue".equals(colour) ? BLUE_ORDERS : GREEN_ORDERS;
            // As Tables.ensure does: the table is created at its path, then the name is registered there.
            String ordersPath = ROOT.resolve("lake").resolve(colour).resolve("orders").toString();
            shell.run("CREATE TABLE delta.`" + ordersPath + "` (order_id STRING, customer_id STRING, "
                    + "amount_cents BIGINT) USING delta");
            shell.run("INSERT INTO delta.`" + ordersPath + "` SELECT concat('o', id), concat('c', id % 5), "
                    + "id * 100 FROM range(" + orders + ")");
            shell.run("CREATE TABLE " + schema + ".orders USING delta LOCATION '" + ordersPath + "'");
            String customersPath = ROOT.resolve("lake").resolve(colour).resolve("customers").toString();
            shell.run("CREATE TABLE delta.`" + customersPath + "` (customer_id STRING, region STRING) USING delta");
            shell.run("INSERT INTO delta.`" + customersPath + "` SELECT concat('c', id), '" + colour
                    + "-region' FROM range(5)");
            shell.run("CREATE TABLE " + schema + ".customers USING delta LOCATION '" + customersPath + "'");
        }
        shell.run("CREATE SCHEMA IF NOT EXISTS retail_ops");
        shell.run("CREATE VIEW retail_ops.orders AS " + ordersSelect("blue"));
        shell.run("CREATE VIEW retail_ops.customers AS " + customersSelect("blue"));
        endpoint = starting.join();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (endpoint == null && starting != null) {
            endpoint = starting.exceptionally(e -> null).join();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (shell != null) {
            shell.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    private static String ordersSelect(String colour) {
        return "SELECT order_id, customer_id, amount_cents, '" + RELEASE.get(colour) + "' AS release_id FROM "
                + "retail_ops_" + colour + ".orders";
    }

    private static String customersSelect(String colour) {
        return "SELECT customer_id, region, '" + RELEASE.get(colour) + "' AS release_id FROM retail_ops_" + colour
                + ".customers";
    }

    @Test
    @Order(1)
    void anotherJvmCreatesSchemasPathCreatedDeltaTablesRegisteredByNameAndViews() throws Exception {
        assertEquals(Set.of(List.of("retail_ops", "customers", "false"), List.of("retail_ops", "orders", "false")),
                Set.copyOf(shell.run("SHOW VIEWS IN retail_ops").rows()));
        String location = null;
        for (List<String> row : shell.run("DESCRIBE TABLE EXTENDED retail_ops_green.orders").rows()) {
            if ("Location".equals(row.get(0))) {
                location = row.get(1);
            }
        }
        assertEquals("file:" + ROOT.resolve("lake/green/orders"), location);
        assertEquals(List.of(List.of(Integer.toString(GREEN_ORDERS))),
                shell.run("SELECT count(*) FROM retail_ops_green.orders").rows());
    }

    @Test
    @Order(2)
    void theSqlEndpointInItsOwnJvmAnswersAViewQueryOverJdbc() throws Exception {
        try (Connection c = endpoint.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT order_id, amount_cents, release_id FROM retail_ops.orders")) {
            int rows = 0;
            Set<String> releases = new TreeSet<>();
            while (rs.next()) {
                rows++;
                releases.add(rs.getString("release_id"));
            }
            assertEquals(BLUE_ORDERS, rows);
            assertEquals(Set.of("r1-blue"), releases);
        }
    }

    @Test
    @Order(3)
    void readersSeeOneReleasePerViewAndNoFailureWhileViewsAreSwitchedWithAlterView() throws Exception {
        List<ReaderQuery> queries = List.of(
                new ReaderQuery("orders", "SELECT order_id, amount_cents, release_id FROM retail_ops.orders",
                        List.of("release_id")),
                new ReaderQuery("customers", "SELECT customer_id, region, release_id FROM retail_ops.customers",
                        List.of("release_id")),
                new ReaderQuery("revenue", "SELECT release_id, count(*) AS n, sum(amount_cents) AS revenue "
                        + "FROM retail_ops.orders GROUP BY release_id", List.of("release_id")),
                new ReaderQuery("orders_by_region", "SELECT o.order_id, c.region, o.release_id AS orders_release, "
                        + "c.release_id AS customers_release FROM retail_ops.orders o "
                        + "JOIN retail_ops.customers c ON o.customer_id = c.customer_id",
                        List.of("orders_release", "customers_release")));
        List<TimeWindow> windows = new ArrayList<>();
        List<ReaderExecution> executions;
        // A short pause between queries leaves the two cores some room for the JVM switching the views.
        try (ViewReaders readers = ViewReaders.start(endpoint.jdbcUrl(), queries, Duration.ofMillis(100))) {
            readers.awaitEveryQueryAnswered(Duration.ofSeconds(60));
            long steadyFrom = System.currentTimeMillis();
            for (int flip = 1; flip <= FLIPS; flip++) {
                String colour = flip % 2 == 1 ? "green" : "blue";
                Thread.sleep(200);
                windows.add(new TimeWindow("steady", steadyFrom, System.currentTimeMillis()));
                SqlShell.Result a = shell.run("ALTER VIEW retail_ops.orders AS " + ordersSelect(colour));
                SqlShell.Result b = shell.run("ALTER VIEW retail_ops.customers AS " + customersSelect(colour));
                windows.add(new TimeWindow("swap", a.startMs(), b.endMs()));
                steadyFrom = System.currentTimeMillis();
            }
            Thread.sleep(300);
            executions = readers.stop();
        }
        ReaderSummary summary = ReaderSummary.of(executions, windows);
        double swapMs = windows.stream().filter(w -> "swap".equals(w.name()))
                .mapToLong(w -> w.endMs() - w.startMs()).average().orElse(0);
        System.out.printf("readers during %d flips (two ALTER VIEWs each, %.0f ms on average): %s; during swaps %s,"
                + " steady %s; per query %s%n", FLIPS, swapMs, summary.oneLine(), summary.windows().get("swap"),
                summary.windows().get("steady"), summary.perQuery());

        assertEquals(0, summary.failures(), () -> "failed reader queries: " + summary.firstFailures());
        assertEquals(0, summary.mixedResults(), () -> "results mixing two releases of one view: "
                + summary.firstMixed());
        assertEquals(0, summary.resultsWithoutReleaseId());
        assertTrue(summary.windows().get("swap").queries() >= FLIPS,
                () -> "too few reader queries overlapped a swap to prove anything: " + summary.windows());
        for (String q : List.of("orders", "customers", "revenue", "orders_by_region")) {
            assertEquals(Set.of("r1-blue", "r2-green"), summary.perQuery().get(q).releaseIds().values().stream()
                    .flatMap(m -> m.keySet().stream()).collect(Collectors.toSet()),
                    () -> q + " never saw both releases: " + summary.perQuery().get(q));
        }
        // A result that names a release holds that release's rows, all of them.
        for (ReaderExecution e : executions) {
            if ("orders".equals(e.query())) {
                String release = e.releaseIds().get("release_id").iterator().next();
                assertEquals("r1-blue".equals(release) ? BLUE_ORDERS : GREEN_ORDERS, e.rows(), e::toString);
            }
        }
    }

    @Test
    @Order(4)
    void viewsOutliveARestartOfTheCatalogServer() throws Exception {
        String expected = RELEASE.get(FLIPS % 2 == 1 ? "green" : "blue");
        int port = catalog.port();
        catalog.close();
        catalog = SharedCatalog.start(ROOT.resolve("catalog"), port);
        // The endpoint's metastore connections died with the server; a new query opens new ones.
        try (Connection c = endpoint.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT release_id FROM retail_ops.orders")) {
            assertTrue(rs.next());
            assertEquals(expected, rs.getString(1));
        }
    }
}

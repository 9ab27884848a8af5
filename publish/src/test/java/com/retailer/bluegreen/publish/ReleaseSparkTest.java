package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.PipelineLayout;

import com.retailer.bluegreen.publish.spark.SparkCatalog;

import com.retailer.bluegreen.publish.spark.AuditLedger;
import com.retailer.bluegreen.publish.spark.ControlTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotion and rollback against real Delta tables, views in the session catalog, the control table and the audit
 * ledger: colour schemas {@code spark_catalog.<p>_blue|green}, views in {@code spark_catalog.<p>}, release state
 * under a temp dir. Blue's daily_revenue lacks avg_basket and has an INT revenue (published as BIGINT).
 */
@Tag("spark")
class ReleaseSparkTest {
    private static final Contract CONTRACT = Contract.of(List.of(
            Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "BIGINT",
                    "avg_basket", "DOUBLE"),
            Contract.View.of("orders", "orders", "order_id", "STRING", "amount", "BIGINT"),
            Contract.View.of("stock", "inventory_on_hand", "sku", "STRING", "on_hand", "BIGINT")));
    private static final List<String> VIEWS = List.of("daily_revenue", "orders", "stock");

    @TempDir
    Path dir;

    @Test
    void promotionsAndRollbacksMoveEveryViewAndRecordWhoWhenWhatAndWhichTableVersions() {
        SparkSession spark = TestSpark.session();
        Fixture f = new Fixture(spark, "a");
        Release r = f.release(CONTRACT);

        ReleaseRefusedException none = assertThrows(ReleaseRefusedException.class, () -> r.rollback("ci:bob", "s1"));
        assertEquals(ReleaseRefusedException.Reason.NOTHING_TO_ROLL_BACK, none.reason());
        assertTrue(none.getMessage().contains("nothing was ever promoted"), none.getMessage());
        assertFalse(Files.exists(Path.of(f.release.controlRoot())), "a refusal creates nothing");

        ReleaseOutcome first = r.promote(Colour.BLUE, "r-1", "ci:alice", "sha-1");
        assertEquals(ReleaseOutcome.Kind.PROMOTED, first.kind());
        assertEquals(1, first.now().epoch());
        assertEquals(VIEWS, List.copyOf(first.switched().keySet()));
        f.assertServing(Colour.BLUE, "r-1");

        ReleaseRefusedException never = assertThrows(ReleaseRefusedException.class, () -> r.rollback("ci:bob", "s"));
        assertTrue(never.getMessage().contains("green has never served them"), never.getMessage());

        spark.sql("INSERT INTO spark_catalog.a_green.daily_revenue VALUES (DATE'2026-01-03', 5, 1.0)");
        ReleaseOutcome second = r.promote(Colour.GREEN, "r-2", "ci:alice", "sha-2");
        assertEquals(2, second.now().epoch());
        assertEquals(Colour.BLUE, second.before().colour());
        f.assertServing(Colour.GREEN, "r-2");

        int controlCommits = TestSpark.operations(spark, f.release.controlTableLocation()).size();
        ReleaseOutcome again = r.promote(Colour.GREEN, "r-2", "ci:carol", "sha-2");
        assertEquals(ReleaseOutcome.Kind.ALREADY_PROMOTED, again.kind());
        assertEquals(Map.of(), again.switched());
        assertFalse(again.resumed());
        assertEquals(second.record(), again.record(), "the re-run reports the original record");
        assertEquals(controlCommits, TestSpark.operations(spark, f.release.controlTableLocation()).size());

        ReleaseOutcome back = r.rollback("ci:bob", "sha-3");
        assertEquals(ReleaseOutcome.Kind.ROLLED_BACK, back.kind());
        assertEquals(3, back.now().epoch());
        f.assertServing(Colour.BLUE, "r-1");
        assertEquals(List.of("r-1"), f.releasesRead("orders"), "readers get blue's rows again");
        ReleaseOutcome backAgain = r.rollback("ci:bob", "sha-3");
        assertEquals(ReleaseOutcome.Kind.ALREADY_ROLLED_BACK, backAgain.kind(), "a rollback does not toggle");
        f.assertServing(Colour.BLUE, "r-1");

        List<AuditRecord> records = AuditLedger.open(spark, f.release.auditLedgerLocation()).records();
        assertEquals(3, records.size());
        assertRecord(records.get(0), "PROMOTE", "ci:alice", null, "blue", 1, "r-1", "sha-1",
                f.versions(Colour.BLUE));
        assertRecord(records.get(1), "PROMOTE", "ci:alice", "blue", "green", 2, "r-2", "sha-2",
                f.versions(Colour.GREEN));
        assertEquals(1L, records.get(1).tableVersions().get("spark_catalog.a_green.daily_revenue"));
        assertRecord(records.get(2), "ROLLBACK", "ci:bob", "green", "blue", 3, "r-1", "sha-3",
                f.versions(Colour.BLUE));
        assertEquals(AuditRecord.GENESIS_HASH, records.get(0).previousHash());
        assertEquals(records.get(0).hash(), records.get(1).previousHash());
        assertEquals(records.get(1).hash(), records.get(2).previousHash());
        assertEquals(second.now().updatedAt(), records.get(1).at(), "recorded at the moment the epoch was proposed");
        assertEquals(java.util.Optional.of(CONTRACT), ContractJson.fromDetails(records.get(2).details()));
        assertTrue(records.get(1).details().contains("\"views\":{\"daily_revenue\":"
                + "\"spark_catalog.a_green.daily_revenue\""), records.get(1).details());
        assertTrue(AuditLedger.open(spark, f.release.auditLedgerLocation()).verify().valid());
    }

    @Test
    void aRunThatDiesBetweenAnyTwoStepsIsCompletedByItsRerunWithOneRecordPerEpoch() {
        SparkSession spark = TestSpark.session();
        Fixture f = new Fixture(spark, "b");
        Release r = f.release(CONTRACT);

        // The first promotion died after proposing, before recording: only it may go on, and its re-run finishes it.
        r.propose(r.read().desired(), Colour.GREEN, "r-2", "ci");
        ReleaseRefusedException busy = assertThrows(ReleaseRefusedException.class,
                () -> r.promote(Colour.BLUE, "r-9", "ci:other", "sha"));
        assertEquals(ReleaseRefusedException.Reason.IN_PROGRESS, busy.reason());
        assertTrue(busy.getMessage().contains("re-running promote --to green --release-id r-2"), busy.getMessage());
        ReleaseOutcome resumed = r.promote(Colour.GREEN, "r-2", "ci", "sha");
        assertEquals(ReleaseOutcome.Kind.ALREADY_PROMOTED, resumed.kind());
        assertTrue(resumed.resumed());
        assertEquals(VIEWS, List.copyOf(resumed.switched().keySet()));
        f.assertServing(Colour.GREEN, "r-2");

        // Died after recording, before switching the views.
        DesiredState two = r.propose(r.read().desired(), Colour.BLUE, "r-3", "ci");
        EffectiveContract c = EffectiveContract.merge(java.util.Optional.of(CONTRACT), CONTRACT, true);
        r.record(r.draft("PROMOTE", two, resumed.now(), Map.of(), c, "sha", null));
        f.assertServing(Colour.GREEN, "r-2");
        ReleaseOutcome switched = r.promote(Colour.BLUE, "r-3", "ci", "sha");
        assertTrue(switched.resumed());
        assertEquals(VIEWS, List.copyOf(switched.switched().keySet()));
        f.assertServing(Colour.BLUE, "r-3");

        // Died half-way through switching, before recording.
        AtomicBoolean crash = new AtomicBoolean(true);
        Release dying = f.release(CONTRACT, () -> { }, view -> {
            if (view.equals("orders") && crash.get()) {
                throw new IllegalStateException("simulated crash");
            }
        }, 1);
        DesiredState three = dying.propose(r.read().desired(), Colour.GREEN, "r-4", "ci");
        assertThrows(IllegalStateException.class, () -> dying.converge(three, CONTRACT));
        crash.set(false);
        assertEquals(ReleaseOutcome.Kind.ALREADY_PROMOTED, r.promote(Colour.GREEN, "r-4", "ci", "sha").kind());
        f.assertServing(Colour.GREEN, "r-4");

        // A rollback that died after proposing: its re-run (say a job retry) completes it instead of toggling.
        r.propose(r.read().desired(), Colour.BLUE, "r-3", "ci:oncall");
        ReleaseOutcome rolled = r.rollback("ci:oncall", "sha");
        assertEquals(ReleaseOutcome.Kind.ALREADY_ROLLED_BACK, rolled.kind());
        f.assertServing(Colour.BLUE, "r-3");

        List<AuditRecord> records = AuditLedger.open(spark, f.release.auditLedgerLocation()).records();
        assertEquals(List.of(1L, 2L, 3L, 4L), records.stream().map(AuditRecord::epoch).toList(),
                "every epoch recorded exactly once, in order");
        assertEquals(List.of("PROMOTE", "PROMOTE", "PROMOTE", "ROLLBACK"),
                records.stream().map(AuditRecord::action).toList());
        assertTrue(records.get(0).details().contains("\"recovered\":{\"recordedBy\":\"ci\""), records.get(0).details());
        assertNull(records.get(0).fromColour(), "the first promotion came from nothing");
        assertTrue(records.get(3).details().contains("\"recordedBy\":\"ci:oncall\""), records.get(3).details());
        assertEquals("green", records.get(3).fromColour());
        assertTrue(AuditLedger.open(spark, f.release.auditLedgerLocation()).verify().valid());
    }

    @Test
    void aRollbackIssuedWhileAPromotionSwitchesViewsWinsAndEveryViewEndsOnTheRollbacksColour() {
        SparkSession spark = TestSpark.session();
        Fixture f = new Fixture(spark, "c");
        f.release(CONTRACT).promote(Colour.BLUE, "r-1", "ci", "sha");
        Release oncall = f.release(CONTRACT);
        AtomicBoolean rolledBack = new AtomicBoolean();
        Release promoter = f.release(CONTRACT, () -> { }, view -> {
            if (view.equals("orders") && rolledBack.compareAndSet(false, true)) {
                assertEquals(ReleaseOutcome.Kind.ROLLED_BACK, oncall.rollback("ci:oncall", "sha").kind());
            }
        }, 1);

        SupersededException e = assertThrows(SupersededException.class,
                () -> promoter.promote(Colour.GREEN, "r-2", "ci", "sha"));
        assertEquals(2, e.epoch());
        assertEquals(3, e.currentEpoch());
        f.assertServing(Colour.BLUE, "r-1");
        List<AuditRecord> records = AuditLedger.open(spark, f.release.auditLedgerLocation()).records();
        assertEquals(List.of("PROMOTE blue 1", "PROMOTE green 2", "ROLLBACK blue 3"), records.stream()
                .map(x -> x.action() + " " + x.toColour() + " " + x.epoch()).toList());
    }

    @Test
    void ofTwoConcurrentPromotionsExactlyOneWinsAndTheOtherChangesNothing() throws Exception {
        SparkSession spark = TestSpark.session();
        Fixture f = new Fixture(spark, "d");
        CyclicBarrier bothRead = new CyclicBarrier(2);
        List<Release> racers = List.of(
                f.release(CONTRACT, () -> await(bothRead), v -> { }, 2),
                f.release(CONTRACT, () -> await(bothRead), v -> { }, 2));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<ReleaseOutcome> won = new ArrayList<>();
        List<ConcurrentPromotionException> lost = new ArrayList<>();
        try {
            List<Future<ReleaseOutcome>> attempts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Release racer = racers.get(i);
                Colour colour = Colour.values()[i];
                attempts.add(pool.submit(() -> racer.promote(colour, "r-" + colour.id(), "ci:racer", "sha")));
            }
            List<Throwable> failed = new ArrayList<>();
            for (Future<ReleaseOutcome> a : attempts) {
                try {
                    won.add(a.get(600, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    failed.add(e.getCause());
                }
            }
            for (Throwable e : failed) {
                lost.add(assertInstanceOf(ConcurrentPromotionException.class, e,
                        () -> failed.stream().map(ReleaseSparkTest::trace).toList().toString()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, won.size(), "exactly one promotion wins");
        assertEquals(1, lost.size());
        assertTrue(lost.get(0).getMessage().contains("nothing was changed"), lost.get(0).getMessage());
        DesiredState winner = won.get(0).now();
        f.assertServing(winner.colour(), winner.releaseId());
        assertEquals(1, ControlTable.open(spark, f.release.controlTableLocation()).desired().epoch());
        List<AuditRecord> records = AuditLedger.open(spark, f.release.auditLedgerLocation()).records();
        assertEquals(List.of(winner.releaseId()), records.stream().map(AuditRecord::releaseId).toList(),
                "the loser recorded nothing");
        assertEquals(2, TestSpark.operations(spark, f.release.controlTableLocation()).size(),
                "create and the winner's proposal: the loser committed nothing");
    }

    @Test
    void contractViolationsAndABrokenLedgerAreRefusedWhileAColumnTheFileDropsStaysPublished() {
        SparkSession spark = TestSpark.session();
        Fixture f = new Fixture(spark, "g");
        spark.sql("DROP TABLE spark_catalog.g_green.orders");
        spark.sql("CREATE TABLE spark_catalog.g_green.orders (order_id STRING, amount STRING) USING delta");
        spark.sql("DROP TABLE spark_catalog.g_blue.inventory_on_hand");
        ContractViolationException types = assertThrows(ContractViolationException.class,
                () -> f.release(CONTRACT).promote(Colour.GREEN, "r-1", "ci", "sha"));
        assertEquals(List.of("amount is STRING where the contract says BIGINT"), types.problems());
        ContractViolationException missing = assertThrows(ContractViolationException.class,
                () -> f.release(CONTRACT).promote(Colour.BLUE, "r-1", "ci", "sha"));
        assertTrue(missing.getMessage().contains("no table spark_catalog.g_blue.inventory_on_hand"),
                missing.getMessage());
        assertFalse(Files.exists(Path.of(f.release.controlRoot())), "nothing written: no control table, no ledger");
        assertFalse(spark.catalog().tableExists("spark_catalog.g.orders"), "no view");
        spark.sql("DROP TABLE spark_catalog.g_green.orders");
        f.create("spark_catalog.g_green.", "orders");
        f.create("spark_catalog.g_blue.", "inventory_on_hand");

        f.release(CONTRACT).promote(Colour.GREEN, "r-1", "ci", "sha");
        Contract withoutAvgBasket = Contract.of(List.of(
                Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "BIGINT"),
                CONTRACT.views().get("orders"), CONTRACT.views().get("stock")));

        ReleaseOutcome blue = f.release(withoutAvgBasket).promote(Colour.BLUE, "r-2", "ci", "sha");
        assertEquals(List.of("daily_revenue.avg_basket (DOUBLE)"), blue.kept());
        Row row = spark.sql("SELECT * FROM spark_catalog.g.daily_revenue").first();
        assertEquals(List.of("day", "revenue", "avg_basket", "release_id"), List.of(row.schema().fieldNames()));
        assertNull(row.getAs("avg_basket"), "blue lacks it: a typed NULL keeps consumers' queries working");

        Contract retyped = Contract.of(List.of(
                Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "DECIMAL(20,0)",
                        "avg_basket", "DOUBLE"), CONTRACT.views().get("orders"), CONTRACT.views().get("stock")));
        ContractException changed = assertThrows(ContractException.class,
                () -> f.release(retyped).promote(Colour.GREEN, "r-3", "ci", "sha"));
        assertTrue(changed.getMessage().contains("from BIGINT to DECIMAL(20,0)"), changed.getMessage());

        spark.sql("UPDATE delta.`" + f.release.auditLedgerLocation() + "` SET actor = 'mallory'"
                + " WHERE kind = 'record' AND sequence = 1");
        ReleaseRefusedException broken = assertThrows(ReleaseRefusedException.class,
                () -> f.release(CONTRACT).rollback("ci", "sha"));
        assertEquals(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, broken.reason());
        assertTrue(broken.getMessage().contains("broken at record 1"), broken.getMessage());
        assertEquals(2, ControlTable.open(spark, f.release.controlTableLocation()).desired().epoch());
        f.assertServing(Colour.BLUE, "r-2");
    }

    /** Both racers read the control table before either commits; generous, for a loaded 2-core machine. */
    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(300, TimeUnit.SECONDS);
        } catch (Exception e) {
            StringBuilder dump = new StringBuilder();
            Thread.getAllStackTraces().forEach((t, frames) -> {
                if (java.util.Arrays.stream(frames).anyMatch(f -> f.getClassName().contains("bluegreen"))) {
                    dump.append("\n--- ").append(t.getName()).append(' ').append(t.getState());
                    java.util.Arrays.stream(frames).limit(40).forEach(f -> dump.append("\n    ").append(f));
                }
            });
            throw new IllegalStateException("the other racer never reached its proposal's commit:" + dump, e);
        }
    }

    private static String trace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static void assertRecord(AuditRecord r, String action, String actor, String from, String to, long epoch,
                                     String release, String sha, Map<String, Long> versions) {
        assertEquals(List.of(action, actor, String.valueOf(from), to, epoch, release, sha, versions),
                List.of(r.action(), r.actor(), String.valueOf(r.fromColour()), r.toColour(), r.epoch(),
                        r.releaseId(), r.gitSha(), r.tableVersions()));
    }

    /** Blue and green tables for {@link #CONTRACT} under pipeline {@code p}; release state in the test's dir. */
    private final class Fixture {
        final SparkSession spark;
        final Map<Colour, ColourLayout> layouts = new EnumMap<>(Colour.class);
        final ReleaseLayout release;

        Fixture(SparkSession spark, String p) {
            this.spark = spark;
            for (Colour c : Colour.values()) {
                layouts.put(c, new ColourLayout(p, c, 1, "spark_catalog", dir.resolve("ckpt").toString(),
                        dir.resolve("lake").toString()));
                spark.sql("CREATE SCHEMA IF NOT EXISTS spark_catalog." + p + "_" + c.id());
            }
            release = ReleaseLayout.of(layouts.get(Colour.BLUE), dir.resolve("lake").toString());
            String blue = "spark_catalog." + p + "_blue.";
            String green = "spark_catalog." + p + "_green.";
            spark.sql("CREATE TABLE " + blue + "daily_revenue USING delta AS"
                    + " SELECT DATE'2026-01-01' AS day, 100 AS revenue");
            spark.sql("CREATE TABLE " + green + "daily_revenue USING delta AS SELECT * FROM VALUES"
                    + " (DATE'2026-01-01', CAST(200 AS BIGINT), CAST(12.5 AS DOUBLE)) AS g(day, revenue, avg_basket)");
            for (String schema : List.of(blue, green)) {
                create(schema, "orders");
                create(schema, "inventory_on_hand");
            }
        }

        /** Creates {@code schema}'s orders or inventory_on_hand table as the contract expects it. */
        void create(String schema, String table) {
            spark.sql("CREATE TABLE " + schema + table + " USING delta AS " + (table.equals("orders")
                    ? "SELECT 'o-1' AS order_id, CAST(10 AS BIGINT) AS amount"
                    : "SELECT 'sku-1' AS sku, CAST(3 AS BIGINT) AS on_hand"));
        }

        Release release(Contract file) {
            return release(file, () -> { }, view -> { }, 2);
        }

        Release release(Contract file, Runnable beforePropose, Consumer<String> beforeSwitch, int parallelism) {
            return new Release(new ControlTable(spark, release.controlTableLocation(), beforePropose),
                    new AuditLedger(spark, release.auditLedgerLocation(), () -> { }), new SparkCatalog(spark),
                    pipeline(), file, parallelism, Admission.unguarded("ReleaseSparkTest: the publisher mechanics"))
                    .withViewSwitchHook(beforeSwitch);
        }

        PipelineLayout pipeline() {
            return new PipelineLayout(release, layouts.get(Colour.BLUE), layouts.get(Colour.GREEN));
        }

        /** Every view reads {@code colour}'s table and exposes {@code releaseId}, as the catalog has it. */
        void assertServing(Colour colour, String releaseId) {
            Map<String, PublishedViews.Serving> views = PublishedViews.read(new SparkCatalog(spark), pipeline(), VIEWS);
            for (PublishedViews.Serving s : views.values()) {
                assertEquals(java.util.Optional.of(colour), s.colour(), s.view() + ": " + s.text());
                assertEquals(java.util.Optional.of(releaseId), s.releaseId(), s.view() + ": " + s.text());
            }
        }

        /** What readers get: the distinct release ids view {@code view} returns. */
        List<String> releasesRead(String view) {
            return spark.sql("SELECT DISTINCT release_id FROM " + release.publishedView(view)).collectAsList()
                    .stream().map(x -> x.getString(0)).toList();
        }

        /** Each source table of {@code colour} → its current Delta version. */
        Map<String, Long> versions(Colour colour) {
            Map<String, Long> out = new TreeMap<>();
            for (String t : List.of("daily_revenue", "orders", "inventory_on_hand")) {
                String name = layouts.get(colour).qualifiedTable(t);
                out.put(name, DeltaTable.forName(spark, name).history(1).first().<Long>getAs("version"));
            }
            return out;
        }
    }
}

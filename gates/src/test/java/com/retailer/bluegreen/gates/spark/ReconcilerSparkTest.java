package com.retailer.bluegreen.gates.spark;

import com.retailer.bluegreen.gates.BronzeKeys;
import com.retailer.bluegreen.gates.ReconciliationGate;
import com.retailer.bluegreen.gates.Verdict;

import com.retailer.bluegreen.gates.Colours;
import com.retailer.bluegreen.gates.ReconciliationResult;
import com.retailer.bluegreen.gates.ReconciliationSpec;
import com.retailer.bluegreen.gates.TableReconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.retailer.bluegreen.layout.Colour;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciliation query on tiny Delta tables shaped like {@code inventory_movements}. Every expected figure is
 * counted by hand from the rows written here. The session runs in Asia/Kolkata (UTC+5:30) on purpose: buckets must
 * still be UTC hours.
 */
class ReconcilerSparkTest {
    private static final Colours GREEN_VS_BLUE = new Colours(Colour.GREEN, Colour.BLUE);
    private static final Instant H13 = Instant.parse("2026-11-20T13:00:00Z");
    private static final Instant H14 = Instant.parse("2026-11-20T14:00:00Z");
    private static final Map<Integer, Long> CUT = Map.of(0, 100L, 1, 100L);
    private static SparkSession spark;

    @TempDir
    Path dir;

    /** One Silver row: key, two content columns, business time (UTC), Kafka coordinates. */
    private record Row(String id, String sku, int qty, String ts, int partition, long offset) {
        Row with(String newSku, int newQty, long newOffset) {
            return new Row(id, newSku, newQty, ts, partition, newOffset);
        }
    }

    // Hour 13: e1-e4, hour 14: e5, e6, all in range (offsets below the cut of 100).
    private static final Row E1 = new Row("e1", "A", 1, "2026-11-20 13:05:00", 0, 10);
    private static final Row E2 = new Row("e2", "B", 2, "2026-11-20 13:20:00", 0, 11);
    private static final Row E3 = new Row("e3", "C", 3, "2026-11-20 13:40:00", 1, 10);
    private static final Row E4 = new Row("e4", "D", 4, "2026-11-20 13:55:00", 1, 11);
    private static final Row E5 = new Row("e5", "E", 5, "2026-11-20 14:10:00", 0, 12);
    private static final Row E6 = new Row("e6", "F", 6, "2026-11-20 14:30:00", 1, 12);
    private static final List<Row> BASE = List.of(E1, E2, E3, E4, E5, E6);

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[1]")
                .appName("gates-tests")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.default.parallelism", "1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "Asia/Kolkata")
                .config("spark.databricks.delta.snapshotPartitions", "1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private String table(String name, List<Row> rows) {
        String location = dir.resolve(name).toString();
        spark.sql("CREATE TABLE delta.`" + location + "` (event_id STRING NOT NULL, sku STRING, quantity_delta INT,"
                + " event_ts TIMESTAMP, src_partition INT, src_offset BIGINT) USING delta");
        spark.sql("INSERT INTO delta.`" + location + "` VALUES " + rows.stream()
                .map(r -> String.format("('%s', '%s', %d, TIMESTAMP'%sZ', %d, %d)", r.id(), r.sku(), r.qty(), r.ts(),
                        r.partition(), r.offset()))
                .collect(Collectors.joining(", ")));
        return location;
    }

    private static List<Row> plus(List<Row> rows, Row... more) {
        List<Row> out = new ArrayList<>(rows);
        out.addAll(List.of(more));
        return out;
    }

    private static List<Row> without(List<Row> rows, Row... gone) {
        List<Row> out = new ArrayList<>(rows);
        out.removeAll(List.of(gone));
        return out;
    }

    private static ReconciliationSpec spec(Map<Integer, Long> lower) {
        return new ReconciliationSpec("inventory_movements", List.of("event_id"), "event_ts",
                List.of("event_id", "sku", "quantity_delta", "event_ts"), lower, CUT, Optional.empty());
    }

    private TableReconciliation reconcile(List<Row> blue, List<Row> green) {
        return Reconciler.reconcile(spark, table("blue", blue), table("green", green), spec(Map.of()));
    }

    private static ReconciliationResult judge(TableReconciliation t) {
        return ReconciliationGate.evaluate(GREEN_VS_BLUE, List.of(t));
    }

    /** (hour, live rows, candidate rows) of every bucket. */
    private static List<String> counts(TableReconciliation t) {
        return t.buckets().stream().map(b -> b.hour() + " " + b.liveRows() + "/" + b.candidateRows()).toList();
    }

    @Test
    void identicalColoursPassWithEveryHourMatchingInUtcHours() {
        TableReconciliation t = reconcile(BASE, BASE);

        assertEquals(List.of(H13 + " 4/4", H14 + " 2/2"), counts(t));
        t.buckets().forEach(b -> assertEquals(b.liveHash(), b.candidateHash()));
        assertEquals(Verdict.PASS, judge(t).verdict());
        assertEquals(0L, t.buckets().stream().mapToLong(b -> b.liveBeyondCut() + b.liveKeyExcluded()).sum());
    }

    @Test
    void aCandidateMissingThreeRowsOfOneHourFailsNamingTableHourAndCounts() {
        TableReconciliation t = reconcile(BASE, without(BASE, E1, E2, E3));

        assertEquals(List.of(H13 + " 4/1", H14 + " 2/2"), counts(t));
        assertEquals(List.of("inventory_movements hour 2026-11-20T13:00Z: blue 4 rows, green 1 (3 fewer), content"
                + " hash differs"), judge(t).failures());
    }

    @Test
    void aDifferentValueInOneColumnFailsByHashWithEqualCounts() {
        TableReconciliation t = reconcile(BASE, plus(without(BASE, E4), E4.with("D", 40, E4.offset())));

        assertEquals(List.of(H13 + " 4/4", H14 + " 2/2"), counts(t));
        assertEquals(List.of("inventory_movements hour 2026-11-20T13:00Z: blue 4 rows, green 4 (same count), content"
                + " hash differs"), judge(t).failures());
    }

    @Test
    void rowSetsWhoseXorWouldCancelDoNotHashEqual() {
        // XOR of {e1, e2, e3, e3} and of {e1, e2, e4, e4} are both h(e1) ^ h(e2): the pairs cancel. Sums do not.
        TableReconciliation t = reconcile(List.of(E1, E2, E3, E3), List.of(E1, E2, E4, E4));

        assertEquals(List.of(H13 + " 4/4"), counts(t));
        assertEquals(Verdict.FAIL, judge(t).verdict());
    }

    @Test
    void aLiveColourAheadOfTheCandidatePassesWithWhatIsBeyondTheCutCountedAsExcluded() {
        // Blue has read past the cut: e7 and e8 are new, and e2 was updated (new state from offset 101).
        Row e7 = new Row("e7", "G", 7, "2026-11-20 14:45:00", 0, 100);
        Row e8 = new Row("e8", "H", 8, "2026-11-20 13:50:00", 1, 105);
        List<Row> blue = plus(without(BASE, E2), E2.with("B2", 20, 101), e7, e8);

        TableReconciliation t = reconcile(blue, BASE);

        // Hour 13: blue compares e1, e3, e4 (e2 and e8 beyond the cut); green e1, e3, e4 (e2 excluded by key).
        assertEquals(List.of(H13 + " 3/3", H14 + " 2/2"), counts(t));
        TableReconciliation.Bucket h13 = t.buckets().get(0);
        assertEquals(List.of(2L, 0L, 0L, 1L), List.of(h13.liveBeyondCut(), h13.candidateBeyondCut(),
                h13.liveKeyExcluded(), h13.candidateKeyExcluded()));
        assertEquals(1L, t.buckets().get(1).liveBeyondCut());
        assertEquals(Verdict.PASS, judge(t).verdict(), judge(t).failures().toString());
    }

    @Test
    void rowsBeforeTheCandidatesLowerBoundAreIgnored() {
        // Offsets below 11 are pre-bootstrap: e1 (p0@10) and e3 (p1@10). Green lacks e1 and has another e3 there.
        List<Row> green = plus(without(BASE, E1, E3), E3.with("Z", 99, E3.offset()));

        TableReconciliation t = Reconciler.reconcile(spark, table("blue", BASE), table("green", green),
                spec(Map.of(0, 11L, 1, 11L)));

        assertEquals(List.of(H13 + " 2/2", H14 + " 2/2"), counts(t));
        assertEquals(Verdict.PASS, judge(t).verdict());
    }

    @Test
    void aLateEventInAnOldHourIsComparedNormallyAndPassesWhenBothHaveIt() {
        Row late = new Row("e9", "L", 9, "2026-11-19 02:15:00", 0, 50);

        TableReconciliation t = reconcile(plus(BASE, late), plus(BASE, late));

        assertEquals(List.of(Instant.parse("2026-11-19T02:00:00Z") + " 1/1", H13 + " 4/4", H14 + " 2/2"), counts(t));
        assertEquals(Verdict.PASS, judge(t).verdict());
    }

    @Test
    void aKeyTouchedBeyondTheCutInBronzeIsExcludedEvenWhenItsRowKeepsItsOffset() {
        // A late non-winning event (Bronze p1@101) changed e4's content in blue without moving its src_offset,
        // as a late lower-rank shipment event changes a milestone.
        List<Row> blue = plus(without(BASE, E4), E4.with("D", 44, E4.offset()));
        String blueTable = table("blue", blue);
        String greenTable = table("green", BASE);
        String bronzeDdl = " (partition INT, offset BIGINT, payload STRUCT<event_id: STRING>) USING delta";
        String blueBronze = dir.resolve("blue_bronze").toString();
        String greenBronze = dir.resolve("green_bronze").toString();
        spark.sql("CREATE TABLE delta.`" + blueBronze + "`" + bronzeDdl);
        spark.sql("CREATE TABLE delta.`" + greenBronze + "`" + bronzeDdl);
        spark.sql("INSERT INTO delta.`" + blueBronze + "` VALUES (1, 11, named_struct('event_id', 'e4')),"
                + " (1, 101, named_struct('event_id', 'e4')), (0, 102, named_struct('event_id', NULL))");
        spark.sql("INSERT INTO delta.`" + greenBronze + "` VALUES (1, 11, named_struct('event_id', 'e4'))");

        assertEquals(Verdict.FAIL, judge(Reconciler.reconcile(spark, blueTable, greenTable, spec(Map.of())))
                .verdict());
        TableReconciliation t = Reconciler.reconcile(spark, blueTable, greenTable, spec(Map.of()),
                new BronzeKeys(blueBronze, greenBronze, List.of("payload.event_id")));

        assertEquals(List.of(H13 + " 3/3", H14 + " 2/2"), counts(t));
        assertEquals(1L, t.buckets().get(0).liveKeyExcluded());
        assertEquals(1L, t.buckets().get(0).candidateKeyExcluded());
        assertEquals(Verdict.PASS, judge(t).verdict());
    }
}

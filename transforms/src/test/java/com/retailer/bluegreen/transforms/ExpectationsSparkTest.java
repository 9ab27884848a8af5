package com.retailer.bluegreen.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.Expectation;
import com.retailer.bluegreen.ingest.bronze.Bronze;
import com.retailer.bluegreen.layout.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Expectations on a hand-made Bronze batch of six inventory records (one of them undecodable): each action does
 * what it says to Bronze, to what goes on to Silver and to the counts, all checked against the records by hand.
 */
@Tag("spark")
class ExpectationsSparkTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("expectations-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Records at offsets 0..5: quantity deltas 5, -3, 0, 12, -40 and one MALFORMED record without payload. */
    private static Dataset<Row> batch() {
        List<Row> rows = new ArrayList<>();
        int[] deltas = {5, -3, 0, 12, -40};
        for (int i = 0; i < deltas.length; i++) {
            Row payload = RowFactory.create("e-" + i, "sku-" + i, "w-1", deltas[i], i == 2 ? "" : "restock",
                    1_763_640_000_000L + i);
            rows.add(RowFactory.create("inventory.events", 0, (long) i, null, null, null, new byte[] {0}, 1, "OK",
                    null, 7L, payload));
        }
        rows.add(RowFactory.create("inventory.events", 0, 5L, null, null, null, new byte[] {9}, null, "MALFORMED",
                "bad body", 7L, null));
        return spark.createDataFrame(rows, Bronze.schema(Domain.INVENTORY));
    }

    private static Expectation expect(String name, Expectation.Action action, String sql) {
        return new Expectation("inventory_movements", name, action, sql);
    }

    private static Map<Long, String> statuses(Dataset<Row> bronze) {
        Map<Long, String> out = new TreeMap<>();
        bronze.select("offset", "decode_status", "reason").collectAsList()
                .forEach(r -> out.put(r.getLong(0), r.getString(1) + (r.isNullAt(2) ? "" : " " + r.getString(2))));
        return out;
    }

    private static List<Long> offsets(Dataset<Row> rows) {
        return rows.select("offset").collectAsList().stream().map(r -> r.getLong(0)).sorted().toList();
    }

    @Test
    void warnCountsDropKeepsOutOfSilverQuarantineAlsoMarksBronze() {
        Expectations.Outcome o = Expectations.evaluate(Domain.INVENTORY, batch(), List.of(
                expect("small_moves", Expectation.Action.WARN, "abs(quantity_delta) <= 10"),
                expect("has_reason", Expectation.Action.DROP, "reason <> ''"),
                expect("no_big_outflow", Expectation.Action.QUARANTINE, "quantity_delta > -20")), 7);
        // offset 3 (12) and 4 (-40) fail small_moves; 2 fails has_reason; 4 fails no_big_outflow.
        assertArrayEquals(new long[] {5, 2}, o.counts().get("inventory_movements.small_moves"));
        assertArrayEquals(new long[] {5, 1}, o.counts().get("inventory_movements.has_reason"));
        assertArrayEquals(new long[] {5, 1}, o.counts().get("inventory_movements.no_big_outflow"));
        assertEquals(Map.of(0L, "OK", 1L, "OK", 2L, "OK", 3L, "OK",
                4L, "EXPECTATION_FAILED expectation:no_big_outflow", 5L, "MALFORMED bad body"), statuses(o.bronze()),
                "every record stays in Bronze; the quarantined one with the expectation's name");
        assertEquals(List.of(0L, 1L, 3L), offsets(o.silverInput()), "dropped and quarantined records stay out");
    }

    @Test
    void aNullResultFailsTheRecordAndNoExpectationsChangeNothing() {
        Expectations.Outcome o = Expectations.evaluate(Domain.INVENTORY, batch(), List.of(
                expect("unknown", Expectation.Action.DROP, "CASE WHEN quantity_delta > 0 THEN true END")), 7);
        assertArrayEquals(new long[] {5, 3}, o.counts().get("inventory_movements.unknown"));
        assertEquals(List.of(0L, 3L), offsets(o.silverInput()));
        Expectations.Outcome none = Expectations.evaluate(Domain.INVENTORY, batch(), List.of(), 7);
        assertEquals(6, none.bronze().count());
        assertTrue(none.counts().isEmpty());
    }

    @Test
    void aFailExpectationStopsTheBatchNamingItAndTheRecords() {
        ExpectationFailedException e = assertThrows(ExpectationFailedException.class, () -> Expectations.evaluate(
                Domain.INVENTORY, batch(), List.of(expect("no_zero", Expectation.Action.FAIL, "quantity_delta <> 0")),
                7));
        assertTrue(e.getMessage().startsWith("Batch 7 of inventory stopped: expectation inventory_movements.no_zero"
                + " (action fail: quantity_delta <> 0) failed for 1 of 5 records, e.g. partition/offset [0/2]."),
                e.getMessage());
    }

    @Test
    void anExpressionThatDoesNotResolveOrIsNotBooleanIsAProblemNamingItsKey() {
        List<String> problems = Expectations.problems(spark, Domain.INVENTORY, List.of(
                expect("typo", Expectation.Action.WARN, "quantity_dleta > 0"),
                expect("not_boolean", Expectation.Action.WARN, "quantity_delta + 1"),
                expect("fine", Expectation.Action.WARN, "sku IS NOT NULL")));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Invalid value 'warn: quantity_dleta > 0' for configuration"
                + " 'quality.expectations.inventory_movements.typo': "), problems.get(0));
        assertTrue(problems.get(1).contains("the expression is int, expected a boolean expression over event_id,"),
                problems.get(1));
    }
}

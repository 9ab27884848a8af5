package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.ReleaseLayout;

import com.retailer.bluegreen.layout.PipelineLayout;

import com.retailer.bluegreen.publish.spark.SparkCatalog;

import com.retailer.bluegreen.publish.spark.ControlTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher against real views in the session catalog: colour schemas {@code spark_catalog.<p>_blue} and
 * {@code <p>_green}, views in {@code spark_catalog.<p>}. Green has a contract column blue lacks.
 */
@Tag("spark")
class PublisherSparkTest {
    private static final Contract CONTRACT = Contract.of(List.of(
            Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "BIGINT",
                    "avg_basket", "DOUBLE"),
            Contract.View.of("order_counts", "order_counts", "status", "STRING", "n", "BIGINT")));

    @TempDir
    Path dir;

    @Test
    void publishesBlueThenPromotesGreenWithAlterViewIdempotently() {
        SparkSession spark = TestSpark.session();
        Map<Colour, ColourLayout> layouts = colours(spark, "t");
        ControlTable control = ControlTable.openOrCreate(spark, dir.resolve("t/control/publish_state").toString());
        Publisher publisher = new Publisher(new SparkCatalog(spark), CONTRACT, control, pipeline(layouts), 2, view -> { });

        Map<String, String> first = publisher.reconcile(control.propose(0, Colour.BLUE, "r-1", "ci"));
        first.values().forEach(sql -> assertTrue(sql.startsWith("CREATE VIEW spark_catalog.t."), sql));
        List<Row> blue = spark.sql("SELECT * FROM spark_catalog.t.daily_revenue").collectAsList();
        assertEquals(List.of("day", "revenue", "avg_basket", "release_id"),
                List.of(blue.get(0).schema().fieldNames()));
        assertEquals(List.of(DataTypes.DateType, DataTypes.LongType, DataTypes.DoubleType, DataTypes.StringType),
                types(blue.get(0)));
        assertEquals(1, blue.size());
        assertEquals(100L, blue.get(0).<Long>getAs("revenue"), "blue's INT revenue published as BIGINT");
        assertNull(blue.get(0).getAs("avg_basket"), "blue lacks avg_basket: a typed NULL");
        assertEquals("r-1", blue.get(0).getAs("release_id"));
        assertEquals(List.of("r-1"), releases(spark, "t.order_counts"));

        String release = "r-2 'it''s' \\ green";
        DesiredState green = control.propose(1, Colour.GREEN, release, "ci");
        Map<String, String> second = publisher.reconcile(green);
        second.values().forEach(sql -> assertTrue(sql.startsWith("ALTER VIEW spark_catalog.t."), sql));
        List<Row> rows = spark.sql("SELECT * FROM spark_catalog.t.daily_revenue ORDER BY day").collectAsList();
        assertEquals(2, rows.size(), "rows now come from green");
        assertEquals(200L, rows.get(0).<Long>getAs("revenue"));
        assertEquals(12.5, rows.get(0).<Double>getAs("avg_basket"));
        assertEquals(LocalDate.of(2026, 1, 2), rows.get(1).getAs("day"));
        assertEquals(List.of(release), releases(spark, "t.daily_revenue"), "release_id changed, quotes intact");
        assertEquals(List.of(release), releases(spark, "t.order_counts"));

        List<Row> before = snapshot(spark);
        assertEquals(second, publisher.reconcile(control.desired()), "the same statements again");
        assertEquals(before, snapshot(spark), "a second reconcile changes nothing");
    }

    @Test
    void aReconcileWhoseEpochMovedOnStopsBeforeTheNextViewAndTheNewerStateWins() {
        SparkSession spark = TestSpark.session();
        Map<Colour, ColourLayout> layouts = colours(spark, "s");
        ControlTable control = ControlTable.openOrCreate(spark, dir.resolve("s/control/publish_state").toString());
        new Publisher(new SparkCatalog(spark), CONTRACT, control, pipeline(layouts), 1, view -> { })
                .reconcile(control.propose(0, Colour.BLUE, "r-1", "ci"));
        DesiredState promotion = control.propose(1, Colour.GREEN, "r-2", "ci");

        // A rollback lands after daily_revenue was switched, before order_counts is.
        AtomicBoolean rolledBack = new AtomicBoolean();
        Consumer<String> rollbackMidway = view -> {
            if (view.equals("order_counts") && rolledBack.compareAndSet(false, true)) {
                control.propose(2, Colour.BLUE, "r-1", "oncall");
            }
        };
        Publisher publisher = new Publisher(new SparkCatalog(spark), CONTRACT, control, pipeline(layouts), 1, rollbackMidway);
        SupersededException e = assertThrows(SupersededException.class, () -> publisher.reconcile(promotion));
        assertEquals(2, e.epoch());
        assertEquals(3, e.currentEpoch());
        assertTrue(e.getMessage().contains("before switching view 'order_counts'"), e.getMessage());
        assertEquals(List.of("r-2"), releases(spark, "s.daily_revenue"), "switched before the rollback");
        assertEquals(List.of("r-1"), releases(spark, "s.order_counts"), "left on its previous colour");
        assertEquals(List.of("blue"), spark.sql("SELECT status FROM spark_catalog.s.order_counts")
                .as(Encoders.STRING()).collectAsList());

        publisher.reconcile(control.desired());
        assertEquals(List.of("r-1"), releases(spark, "s.daily_revenue"), "the rollback converges");
        assertEquals(List.of("r-1"), releases(spark, "s.order_counts"));
    }

    @Test
    void aColourThatDoesNotSatisfyTheContractIsNotPublished() {
        SparkSession spark = TestSpark.session();
        Map<Colour, ColourLayout> layouts = colours(spark, "v");
        spark.sql("DROP TABLE spark_catalog.v_green.order_counts");
        spark.sql("CREATE TABLE spark_catalog.v_green.order_counts (status STRING, n STRING) USING delta");
        ControlTable control = ControlTable.openOrCreate(spark, dir.resolve("v/control/publish_state").toString());
        Publisher publisher = new Publisher(new SparkCatalog(spark), CONTRACT, control, pipeline(layouts), 2, view -> { });
        publisher.reconcile(control.propose(0, Colour.BLUE, "r-1", "ci"));
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> publisher.reconcile(control.propose(1, Colour.GREEN, "r-2", "ci")));
        assertEquals(List.of("n is STRING where the contract says BIGINT"), e.problems());
        assertEquals(List.of("r-1"), releases(spark, "v.order_counts"), "the view stays on blue");
        assertEquals(List.of("r-1"), releases(spark, "v.daily_revenue"), "no view is switched, not even valid ones");
    }

    /** Blue and green tables for {@link #CONTRACT} under pipeline {@code p}; blue lacks avg_basket. */
    private static PipelineLayout pipeline(Map<Colour, ColourLayout> layouts) {
        return new PipelineLayout(ReleaseLayout.of(layouts.get(Colour.BLUE), "/tmp/data"), layouts.get(Colour.BLUE),
                layouts.get(Colour.GREEN));
    }

    private static Map<Colour, ColourLayout> colours(SparkSession spark, String p) {
        Map<Colour, ColourLayout> layouts = new EnumMap<>(Colour.class);
        for (Colour c : Colour.values()) {
            layouts.put(c, new ColourLayout(p, c, 1, "spark_catalog", "/tmp/ckpt", "/tmp/data"));
            spark.sql("CREATE SCHEMA IF NOT EXISTS spark_catalog." + p + "_" + c.id());
        }
        String blue = "spark_catalog." + p + "_blue.";
        String green = "spark_catalog." + p + "_green.";
        spark.sql("CREATE TABLE " + blue + "daily_revenue USING delta AS"
                + " SELECT DATE'2026-01-01' AS day, 100 AS revenue");
        spark.sql("CREATE TABLE " + green + "daily_revenue USING delta AS SELECT * FROM VALUES"
                + " (DATE'2026-01-01', CAST(200 AS BIGINT), CAST(12.5 AS DOUBLE)),"
                + " (DATE'2026-01-02', CAST(300 AS BIGINT), CAST(20.0 AS DOUBLE)) AS g(day, revenue, avg_basket)");
        spark.sql("CREATE TABLE " + blue + "order_counts USING delta AS"
                + " SELECT 'blue' AS status, CAST(1 AS BIGINT) AS n");
        spark.sql("CREATE TABLE " + green + "order_counts USING delta AS"
                + " SELECT 'green' AS status, CAST(2 AS BIGINT) AS n");
        return layouts;
    }

    /** The distinct release ids view {@code p.view} serves, e.g. {@code "t.daily_revenue"}. */
    private static List<String> releases(SparkSession spark, String view) {
        return spark.sql("SELECT DISTINCT release_id FROM spark_catalog." + view)
                .as(Encoders.STRING()).collectAsList();
    }

    private static List<Row> snapshot(SparkSession spark) {
        List<Row> out = new ArrayList<>();
        out.addAll(spark.sql("SELECT * FROM spark_catalog.t.daily_revenue ORDER BY day").collectAsList());
        out.addAll(spark.sql("SELECT * FROM spark_catalog.t.order_counts").collectAsList());
        out.addAll(spark.sql("SHOW CREATE TABLE spark_catalog.t.daily_revenue").collectAsList());
        return out;
    }

    private static List<Object> types(Row row) {
        List<Object> out = new ArrayList<>();
        for (StructField f : row.schema().fields()) {
            out.add(f.dataType());
        }
        return out;
    }
}

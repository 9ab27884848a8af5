package com.retailer.bluegreen.transforms;

import static com.retailer.bluegreen.transforms.HandMade.bronze;
import static com.retailer.bluegreen.transforms.HandMade.delete;
import static com.retailer.bluegreen.transforms.HandMade.movement;
import static com.retailer.bluegreen.transforms.HandMade.rows;
import static com.retailer.bluegreen.transforms.HandMade.shipment;
import static com.retailer.bluegreen.transforms.HandMade.upsert;
import static com.retailer.bluegreen.transforms.HandMade.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.transforms.HandMade.Image;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gold rules of docs/semantics.md ("Gold"), driven the way the pipeline drives them: hand-made Bronze batches
 * MERGEd into Silver ({@link Silver#merge}, change data feed on), then the Gold query, {@link GoldFeed#stream} with
 * {@link Gold#apply} in {@code foreachBatch}, run with {@code Trigger.AvailableNow()} on a checkpoint under a
 * temporary directory, once after each Silver step so that later steps change existing Gold rows. Every expected row
 * is written by hand from docs/semantics.md, never computed by the code under test.
 */
@Tag("spark")
class GoldRulesSparkTest {
    private static final String[] REVENUE = {"order_date", "region", "category", "revenue_cents", "order_count"};
    private static final String[] ON_HAND = {"sku", "warehouse_id", "on_hand", "movement_count"};
    private static final String[] SLA = {"ship_date", "warehouse_id", "carrier_id", "shipped_count",
        "delivered_count", "on_time_count", "delivery_seconds"};

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = HandMade.deltaSession("gold-rules-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A colour with its three Silver and three Gold tables, for {@code features}. */
    private ColourLayout colour(Features features) {
        ColourLayout layout = HandMade.layout(dir);
        HandMade.create(spark, layout, features, Tables.ORDERS, Tables.MOVEMENTS, Tables.SHIPMENTS, Tables.REVENUE,
                Tables.ON_HAND, Tables.SLA);
        return layout;
    }

    private static void silver(ColourLayout layout, Domain domain, long batchId, Row... rows) {
        Silver.merge(domain, bronze(spark, domain, rows), layout.tableLocation(domain.silverTable()),
                layout.txnAppId(domain.query(), domain.silverTable()), batchId);
    }

    /**
     * Runs the Gold query over everything Silver has committed since its last run and stops. With {@code replay},
     * each Gold batch is applied twice with its batch id, as after a crash before the checkpoint's commit.
     */
    private static void runGold(ColourLayout layout, Features features, boolean replay)
            throws TimeoutException, StreamingQueryException {
        Dataset<Row> feed = GoldFeed.stream(spark, layout.tableLocation(Tables.ORDERS),
                layout.tableLocation(Tables.MOVEMENTS), layout.tableLocation(Tables.SHIPMENTS), 1000, 0);
        StreamingQuery q = feed.writeStream()
                .option("checkpointLocation", layout.checkpointLocation(Query.GOLD))
                .trigger(Trigger.AvailableNow())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> {
                    Dataset<Row> cached = batch.persist(StorageLevel.MEMORY_AND_DISK());   // as the colour job does
                    try {
                        for (int i = 0; i < (replay ? 2 : 1); i++) {
                            Gold.apply(cached, batchId, features, layout::tableLocation,
                                    t -> layout.txnAppId(Query.GOLD, t), t -> { });
                        }
                    } finally {
                        cached.unpersist();
                    }
                })
                .start();
        assertTrue(q.awaitTermination(120_000), "the Gold query drains within 2 minutes");
    }

    private static List<String> goldRows(ColourLayout layout, String table, String... columns) {
        return rows(spark, layout.tableLocation(table), columns);
    }

    private static Image order(String orderTs, String region, String category, long cents) {
        return new Image(orderTs, region, category, 1, cents, "PLACED");
    }

    @Test
    void daily_revenue_moves_an_order_from_its_old_key_to_its_new_one_and_a_delete_removes_its_contribution()
            throws Exception {
        ColourLayout c = colour(Features.NONE);
        silver(c, Domain.ORDERS, 0,
                upsert(0, 0, "c", "o1", 1, order("2025-11-20T10:00:00Z", "EU", "books", 1000)),
                upsert(0, 1, "c", "o2", 1, order("2025-11-20T11:00:00Z", "EU", "books", 500)),
                upsert(0, 2, "c", "o3", 1, order("2025-11-21T09:00:00Z", "US", "toys", 700)),
                upsert(0, 3, "c", "o4", 1, order("2025-11-21T04:00:00Z", "US", "toys", 300)));  // UTC date: 21st
        runGold(c, Features.NONE, false);
        assertEquals(List.of("2025-11-20 EU books 1500 2", "2025-11-21 US toys 1000 2"), goldRows(c, Tables.REVENUE,
                REVENUE));

        // o1 moves day, region and category (and its amount): out of (20th, EU, books), into (21st, US, toys).
        silver(c, Domain.ORDERS, 1,
                upsert(0, 4, "u", "o1", 2, order("2025-11-21T10:00:00Z", "US", "toys", 1200)));
        runGold(c, Features.NONE, false);
        assertEquals(List.of("2025-11-20 EU books 500 1", "2025-11-21 US toys 2200 3"), goldRows(c, Tables.REVENUE,
                REVENUE));

        // o2 deleted: (20th, EU, books) counts no order, so the row no longer exists. o4 deleted: toys loses 300.
        // o3 moves category only. A late seq-1 update of o1 changes nothing.
        silver(c, Domain.ORDERS, 2,
                delete(0, 5, "o2", 2, order("2025-11-20T11:00:00Z", "EU", "books", 500)),
                upsert(0, 6, "u", "o3", 2, order("2025-11-21T09:00:00Z", "US", "games", 700)),
                delete(0, 7, "o4", 2, order("2025-11-21T04:00:00Z", "US", "toys", 300)),
                upsert(0, 8, "u", "o1", 1, order("2025-11-20T10:00:00Z", "EU", "books", 999)));
        runGold(c, Features.NONE, false);
        assertEquals(List.of("2025-11-21 US games 700 1", "2025-11-21 US toys 1200 1"), goldRows(c, Tables.REVENUE,
                REVENUE));
    }

    @Test
    void release_two_daily_revenue_also_sums_the_quantities_of_the_orders_it_counts() throws Exception {
        Features unitsSold = new Features(true);
        ColourLayout c = colour(unitsSold);
        silver(c, Domain.ORDERS, 0,
                upsert(0, 0, "c", "o1", 1, new Image("2025-11-20T10:00:00Z", "EU", "books", 2, 1000, "PLACED")),
                upsert(0, 1, "c", "o2", 1, new Image("2025-11-20T11:00:00Z", "EU", "books", 3, 400, "PLACED")));
        runGold(c, unitsSold, false);
        silver(c, Domain.ORDERS, 1,
                upsert(0, 2, "u", "o2", 2, new Image("2025-11-20T11:00:00Z", "EU", "books", 5, 400, "PLACED")));
        runGold(c, unitsSold, false);

        assertEquals(List.of("2025-11-20 EU books 1400 2 7"), goldRows(c, Tables.REVENUE, "order_date", "region",
                "category", "revenue_cents", "order_count", "units_sold"));
    }

    @Test
    void inventory_on_hand_counts_each_movement_once_and_keeps_a_key_whose_stock_is_back_to_zero() throws Exception {
        ColourLayout c = colour(Features.NONE);
        silver(c, Domain.INVENTORY, 0,
                movement(0, 0, "e1", "sku-1", "w1", 10, "restock", "2025-11-20T08:00:00Z"),
                movement(0, 1, "e1", "sku-1", "w1", 10, "restock", "2025-11-20T08:00:00Z"),    // producer retry
                movement(0, 2, "e2", "sku-1", "w1", -3, "sale", "2025-11-20T09:00:00Z"),
                movement(0, 3, "e3", "sku-1", "w2", 4, "restock", "2025-11-20T09:00:00Z"));
        runGold(c, Features.NONE, false);
        assertEquals(List.of("sku-1 w1 7 2", "sku-1 w2 4 1"), goldRows(c, Tables.ON_HAND, ON_HAND));

        silver(c, Domain.INVENTORY, 1,
                movement(0, 4, "e4", "sku-1", "w1", -7, "sale", "2025-11-20T10:00:00Z"),
                movement(0, 5, "e2", "sku-1", "w1", -3, "sale", "2025-11-20T09:00:00Z"));      // redelivered later
        runGold(c, Features.NONE, false);
        assertEquals(List.of("sku-1 w1 0 3", "sku-1 w2 4 1"), goldRows(c, Tables.ON_HAND, ON_HAND),
                "three movements net to zero stock; the row exists while it counts movements");
    }

    @Test
    void a_gold_batch_applied_again_with_its_batch_id_changes_nothing() throws Exception {
        ColourLayout c = colour(Features.NONE);
        silver(c, Domain.INVENTORY, 0,
                movement(0, 0, "e1", "sku-1", "w1", 10, "restock", "2025-11-20T08:00:00Z"),
                movement(0, 1, "e2", "sku-1", "w1", -3, "sale", "2025-11-20T09:00:00Z"));

        runGold(c, Features.NONE, true);

        assertEquals(List.of("sku-1 w1 7 2"), goldRows(c, Tables.ON_HAND, ON_HAND));
        assertEquals(1, version(spark, c.tableLocation(Tables.ON_HAND)), "created, then one MERGE");
    }

    @Test
    void fulfillment_sla_counts_shipments_by_utc_ship_date_warehouse_and_carrier_and_deliveries_within_48_hours()
            throws Exception {
        ColourLayout c = colour(Features.NONE);
        silver(c, Domain.FULFILLMENT, 0,
                shipment(0, 0, "s1", "SHIPPED", "w1", "c1", "2025-11-20T10:00:00Z"),
                shipment(0, 1, "s2", "SHIPPED", "w1", "c1", "2025-11-21T02:00:00Z"),    // UTC date: the 21st
                shipment(0, 2, "s3", "SHIPPED", "w1", "c1", "2025-11-20T12:00:00Z"),    // never delivered
                shipment(0, 3, "s4", "PACKED", "w1", "c1", "2025-11-20T09:00:00Z"),     // not shipped: no contribution
                shipment(0, 4, "s5", "SHIPPED", "w1", "c1", "2025-11-20T01:00:00Z"));
        runGold(c, Features.NONE, false);
        assertEquals(List.of("2025-11-20 w1 c1 3 0 0 0", "2025-11-21 w1 c1 1 0 0 0"), goldRows(c, Tables.SLA, SLA));

        silver(c, Domain.FULFILLMENT, 1,
                shipment(0, 5, "s1", "DELIVERED", "w1", "c1", "2025-11-21T10:00:00Z"),      // 24 h: on time
                shipment(0, 6, "s2", "DELIVERED", "w1", "c1", "2025-11-23T03:00:00.900Z"),  // 49 h 0.9 s: late
                shipment(0, 7, "s5", "DELIVERED", "w1", "c1", "2025-11-22T01:00:00Z"),      // exactly 48 h: on time
                shipment(0, 8, "s6", "SHIPPED", "w2", "c2", "2025-11-20T20:00:00Z"));
        runGold(c, Features.NONE, false);

        // 20th/w1/c1: s1, s3, s5 shipped; s1 (86,400 s) and s5 (172,800 s) delivered, both on time.
        // 21st/w1/c1: s2 shipped and delivered late after floor(176,400.9) = 176,400 s.
        assertEquals(List.of("2025-11-20 w1 c1 3 2 2 259200", "2025-11-20 w2 c2 1 0 0 0",
                "2025-11-21 w1 c1 1 1 0 176400"), goldRows(c, Tables.SLA, SLA));
    }
}

package com.retailer.bluegreen.transforms;

import static com.retailer.bluegreen.transforms.HandMade.bronze;
import static com.retailer.bluegreen.transforms.HandMade.delete;
import static com.retailer.bluegreen.transforms.HandMade.movement;
import static com.retailer.bluegreen.transforms.HandMade.rows;
import static com.retailer.bluegreen.transforms.HandMade.shipment;
import static com.retailer.bluegreen.transforms.HandMade.upsert;
import static com.retailer.bluegreen.transforms.HandMade.version;
import static com.retailer.bluegreen.transforms.HandMade.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.transforms.HandMade.Image;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Silver rules of docs/semantics.md ("Silver") on hand-made Bronze batches, through {@link Silver#merge} into
 * tables created with the pipeline's DDL. Every expected row is written by hand from docs/semantics.md, never
 * computed by the code under test. Batches are given in arrival order; {@code (p, o)} is a record's Kafka partition
 * and offset.
 */
@Tag("spark")
class SilverRulesSparkTest {
    private static final String ORDER = "order_id, seq, op, amount_cents, src_partition, src_offset";
    private static final String[] ORDER_ALL = {"order_id", "seq", "op", "is_deleted", "customer_id", "order_ts",
        "order_date", "region", "category", "sku", "quantity", "amount_cents", "status", "currency", "channel",
        "source_ts", "src_partition", "src_offset"};
    private static final String[] MOVEMENT = {"event_id", "sku", "warehouse_id", "quantity_delta", "reason",
        "event_ts", "event_date", "src_partition", "src_offset"};
    private static final String[] SHIPMENT = {"shipment_id", "order_id", "status", "status_rank", "warehouse_id",
        "carrier_id", "picked_ts", "packed_ts", "shipped_ts", "delivered_ts", "last_event_ts", "src_partition",
        "src_offset"};

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = HandMade.deltaSession("silver-rules-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Image amount(long cents) {
        return new Image("2025-11-20T10:00:00Z", "EU", "books", 2, cents, "PLACED");
    }

    /** Creates {@code table} and MERGEs each batch into it as batch 0, 1, ... of one query; returns its location. */
    private String merged(Domain domain, String table, Row[]... batches) {
        String location = HandMade.layout(dir).tableLocation(table);
        HandMade.create(spark, HandMade.layout(dir), Features.NONE, table);
        for (int i = 0; i < batches.length; i++) {
            merge(domain, location, i, batches[i]);
        }
        return location;
    }

    private static void merge(Domain domain, String location, long batchId, Row... rows) {
        Silver.merge(domain, bronze(spark, domain, rows), location, "retail_ops.test." + domain.id(), batchId);
    }

    private static Row[] batch(Row... rows) {
        return rows;
    }

    private static List<String> orders(String location) {
        return rows(spark, location, ORDER.split(", "));
    }

    // ---- orders

    @Test
    void an_insert_takes_every_image_column_from_after_and_the_order_date_is_the_utc_date_of_order_ts() {
        // 03:30 UTC on the 21st is still the 20th in the session's zone (Los Angeles): the UTC date counts.
        String t = merged(Domain.ORDERS, Tables.ORDERS, batch(
                upsert(2, 7, "c", "o1", 1, new Image("2025-11-21T03:30:00Z", "EU", "books", 2, 1000, "PLACED"))));

        assertEquals(List.of("o1 1 c false c-o1 2025-11-21T03:30:00Z 2025-11-21 EU books sku-books 2 1000 PLACED USD"
                + " web 2025-11-20T12:01:00Z 2 7"), rows(spark, t, ORDER_ALL));
    }

    @Test
    void a_lower_sequence_update_arriving_late_does_not_win() {
        String t = merged(Domain.ORDERS, Tables.ORDERS,
                batch(upsert(0, 0, "u", "o1", 3, amount(300)),        // seq 3 first, then its insert (seq 1)
                        upsert(0, 1, "c", "o1", 1, amount(100)),
                        upsert(0, 2, "c", "o2", 1, amount(50))),
                batch(upsert(0, 3, "u", "o1", 2, amount(200)),        // late: seq 2 < 3
                        upsert(0, 4, "u", "o2", 2, amount(60))));     // on time: the batch was applied

        assertEquals(List.of("o1 3 u 300 0 0", "o2 2 u 60 0 4"), orders(t));
    }

    @Test
    void equal_sequences_are_broken_by_partition_then_offset() {
        String t = merged(Domain.ORDERS, Tables.ORDERS,
                batch(upsert(1, 0, "u", "o3", 5, amount(100)),        // partition 1 beats partition 0's offset 9
                        upsert(0, 9, "u", "o3", 5, amount(200)),
                        upsert(0, 1, "u", "o4", 5, amount(10)),       // same partition: offset 2 beats offset 1
                        upsert(0, 2, "u", "o4", 5, amount(20))));
        assertEquals(List.of("o3 5 u 100 1 0", "o4 5 u 20 0 2"), orders(t));

        merge(Domain.ORDERS, t, 1,
                upsert(0, 10, "u", "o3", 5, amount(300)),             // (5, 0, 10) < (5, 1, 0): loses
                upsert(0, 3, "u", "o4", 5, amount(30)));              // (5, 0, 3) > (5, 0, 2): wins

        assertEquals(List.of("o3 5 u 100 1 0", "o4 5 u 30 0 3"), orders(t));
    }

    @Test
    void a_delete_is_kept_as_a_tombstone_carrying_its_sequence_and_a_late_lower_sequence_update_cannot_resurrect_it() {
        String t = merged(Domain.ORDERS, Tables.ORDERS,
                batch(upsert(0, 0, "c", "o5", 1, amount(100)),
                        delete(0, 1, "o5", 3, amount(100))));
        List<String> tombstone = List.of(
                "o5 3 d true null null null null null null null null null null null 2025-11-20T12:03:00Z 0 1");
        assertEquals(tombstone, rows(spark, t, ORDER_ALL));

        merge(Domain.ORDERS, t, 1, upsert(0, 2, "u", "o5", 2, amount(200)));

        assertEquals(tombstone, rows(spark, t, ORDER_ALL));
    }

    @Test
    void duplicates_within_one_batch_are_reduced_to_one_row_per_key() {
        String t = merged(Domain.ORDERS, Tables.ORDERS,
                batch(upsert(0, 0, "c", "o7", 1, amount(100)),        // a redelivered insert
                        upsert(0, 1, "c", "o7", 1, amount(100)),
                        upsert(1, 0, "c", "o8", 1, amount(80))));
        assertEquals(List.of("o7 1 c 100 0 1", "o8 1 c 80 1 0"), orders(t));

        merge(Domain.ORDERS, t, 1,                                    // two copies of each update of existing orders
                upsert(0, 2, "u", "o7", 2, amount(150)), upsert(0, 3, "u", "o7", 2, amount(150)),
                upsert(1, 1, "u", "o8", 2, amount(90)), upsert(1, 2, "u", "o8", 2, amount(90)));

        assertEquals(List.of("o7 2 u 150 0 3", "o8 2 u 90 1 2"), orders(t));
    }

    @Test
    void the_same_batch_applied_twice_leaves_the_table_unchanged() {
        String t = merged(Domain.ORDERS, Tables.ORDERS, batch(upsert(0, 0, "c", "o9", 1, amount(100))));
        Row[] second = {upsert(0, 1, "u", "o9", 2, amount(120)), upsert(0, 2, "c", "o6", 1, amount(70))};
        merge(Domain.ORDERS, t, 1, second);
        long committed = version(spark, t);

        merge(Domain.ORDERS, t, 1, second);                           // replayed: same txnAppId, txnVersion 1

        assertEquals(2, committed, "create, batch 0, batch 1");
        assertEquals(committed, version(spark, t), "the replay commits nothing");
        assertEquals(List.of("o6 1 c 70 0 2", "o9 2 u 120 0 1"), orders(t));
    }

    @Test
    void only_records_whose_decode_status_is_ok_reach_silver() {
        String t = merged(Domain.ORDERS, Tables.ORDERS,
                batch(upsert(0, 0, "c", "o1", 1, amount(100)),
                        withStatus(upsert(0, 1, "u", "o1", 2, amount(999)), "RULE_VIOLATION"),
                        withStatus(upsert(0, 2, "c", "o2", 1, amount(999)), "EXPECTATION_FAILED")));

        assertEquals(List.of("o1 1 c 100 0 0"), orders(t));
    }

    // ---- inventory_movements

    @Test
    void a_movement_is_kept_once_per_event_id_the_first_delivery_winning_within_and_across_batches() {
        String t = merged(Domain.INVENTORY, Tables.MOVEMENTS,
                batch(movement(0, 3, "e1", "sku-1", "w1", 5, "restock", "2025-11-20T08:00:00Z"),
                        movement(0, 4, "e1", "sku-1", "w1", 5, "restock", "2025-11-20T08:00:00Z"),     // retry
                        movement(1, 0, "e2", "sku-1", "w1", -2, "sale", "2025-11-21T02:00:00Z"),
                        movement(0, 7, "e2", "sku-1", "w1", -2, "sale", "2025-11-21T02:00:00Z"),       // (0, 7) first
                        movement(1, 2, "e4", "sku-2", "w2", -1, "sale", "2025-11-20T09:00:00Z")),
                batch(movement(0, 9, "e1", "sku-1", "w1", 5, "restock", "2025-11-20T08:00:00Z"),     // a later copy
                        movement(1, 1, "e3", "sku-2", "w1", 7, "restock", "2025-11-20T10:00:00Z"),
                        movement(0, 20, "e4", "sku-2", "w2", -1, "sale", "2025-11-20T09:00:00Z")));  // (0, 20) < (1, 2)

        // e2 at 02:00 UTC on the 21st: its event_date is the 21st (the 20th in the session's zone).
        assertEquals(List.of(
                "e1 sku-1 w1 5 restock 2025-11-20T08:00:00Z 2025-11-20 0 3",
                "e2 sku-1 w1 -2 sale 2025-11-21T02:00:00Z 2025-11-21 0 7",
                "e3 sku-2 w1 7 restock 2025-11-20T10:00:00Z 2025-11-20 1 1",
                "e4 sku-2 w2 -1 sale 2025-11-20T09:00:00Z 2025-11-20 0 20"), rows(spark, t, MOVEMENT));
    }

    // ---- shipments

    @Test
    void a_shipment_shows_its_furthest_lifecycle_state_whatever_the_arrival_order_with_each_milestone_time() {
        String t = merged(Domain.FULFILLMENT, Tables.SHIPMENTS,
                batch(shipment(0, 0, "s1", "SHIPPED", "w1", "c1", "2025-11-20T10:00:00Z"),
                        shipment(0, 1, "s1", "PICKED", "w1", "c1", "2025-11-20T08:00:00Z"),
                        shipment(0, 2, "s1", "PACKED", "w1", "c1", "2025-11-20T09:00:00Z")),
                batch(shipment(0, 3, "s1", "PACKED", "w1", "c1", "2025-11-20T09:30:00Z")));  // late, lower rank
        assertEquals(List.of("s1 o-s1 SHIPPED 3 w1 c1 2025-11-20T08:00:00Z 2025-11-20T09:00:00Z 2025-11-20T10:00:00Z"
                + " null 2025-11-20T10:00:00Z 0 0"), rows(spark, t, SHIPMENT));

        merge(Domain.FULFILLMENT, t, 2, shipment(0, 4, "s1", "DELIVERED", "w1", "c1", "2025-11-22T10:00:00Z"));

        assertEquals(List.of("s1 o-s1 DELIVERED 4 w1 c1 2025-11-20T08:00:00Z 2025-11-20T09:00:00Z"
                + " 2025-11-20T10:00:00Z 2025-11-22T10:00:00Z 2025-11-22T10:00:00Z 0 4"), rows(spark, t, SHIPMENT));
    }

    @Test
    void equal_ranks_are_broken_by_event_time_then_partition_and_offset_and_a_milestone_keeps_its_earliest_time() {
        String t = merged(Domain.FULFILLMENT, Tables.SHIPMENTS,
                batch(shipment(0, 4, "s2", "SHIPPED", "w1", "c2", "2025-11-20T11:00:00Z"),   // later event time wins
                        shipment(0, 5, "s2", "SHIPPED", "w1", "c1", "2025-11-20T10:00:00Z"),
                        shipment(0, 1, "s3", "PACKED", "w1", "c1", "2025-11-20T09:00:00Z"),  // same time: (1, 0) wins
                        shipment(1, 0, "s3", "PACKED", "w3", "c1", "2025-11-20T09:00:00Z"),
                        shipment(0, 2, "s3", "PACKED", "w2", "c1", "2025-11-20T09:00:00Z")));
        assertEquals(List.of(
                "s2 o-s2 SHIPPED 3 w1 c2 null null 2025-11-20T10:00:00Z null 2025-11-20T11:00:00Z 0 4",
                "s3 o-s3 PACKED 2 w3 c1 null 2025-11-20T09:00:00Z null null 2025-11-20T09:00:00Z 1 0"),
                rows(spark, t, SHIPMENT));

        merge(Domain.FULFILLMENT, t, 1,
                shipment(0, 9, "s2", "SHIPPED", "w1", "c3", "2025-11-20T10:30:00Z"),   // earlier than 11:00: loses
                shipment(0, 10, "s2", "SHIPPED", "w1", "c4", "2025-11-20T09:45:00Z"),  // loses, but ships earliest
                shipment(1, 5, "s3", "PACKED", "w4", "c1", "2025-11-20T09:00:00Z"));   // same time, (1, 5) > (1, 0)

        assertEquals(List.of(
                "s2 o-s2 SHIPPED 3 w1 c2 null null 2025-11-20T09:45:00Z null 2025-11-20T11:00:00Z 0 4",
                "s3 o-s3 PACKED 2 w4 c1 null 2025-11-20T09:00:00Z null null 2025-11-20T09:00:00Z 1 5"),
                rows(spark, t, SHIPMENT));
    }
}

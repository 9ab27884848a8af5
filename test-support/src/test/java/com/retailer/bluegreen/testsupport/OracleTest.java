package com.retailer.bluegreen.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.testsupport.Expectation.FulfillmentEvent;
import com.retailer.bluegreen.testsupport.Expectation.InventoryEvent;
import com.retailer.bluegreen.testsupport.Expectation.OrderChange;
import com.retailer.bluegreen.testsupport.Expectation.OrderImage;
import com.retailer.bluegreen.testsupport.Expectation.Poison;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The oracle on small hand-built inputs, one tricky rule of docs/semantics.md at a time. */
class OracleTest {
    static final long T = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;
    static final LocalDate DAY = LocalDate.parse("2026-03-01");

    static ProducedRecord at(Expectation e, int partition, long offset) {
        Domain domain;
        String key;
        if (e instanceof OrderChange o) {
            domain = Domain.ORDERS;
            key = o.orderId();
        } else if (e instanceof InventoryEvent i) {
            domain = Domain.INVENTORY;
            key = i.sku();
        } else {
            domain = Domain.FULFILLMENT;
            key = ((FulfillmentEvent) e).shipmentId();
        }
        return new ProducedRecord(new GeneratedRecord(domain, domain.defaultTopic(),
                key.getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1, 2}, e), partition, offset, T);
    }

    static ProducedRecord poison(Domain domain, String status, byte[] value, int partition, long offset) {
        return new ProducedRecord(new GeneratedRecord(domain, domain.defaultTopic(), "k".getBytes(), value,
                new Poison(status)), partition, offset, T);
    }

    static OrderImage image(String id, long ts, String region, String category, long amount) {
        return new OrderImage(id, "cust", ts, region, category, "SKU-0001", 1, amount, "PLACED", "EUR", "web");
    }

    static OrderChange change(String op, String id, long seq, OrderImage before, OrderImage after) {
        return new OrderChange(op, id, seq, T + seq, before, after, 2);
    }

    static FulfillmentEvent ship(String eventId, String status, long ts, String carrier) {
        return new FulfillmentEvent(eventId, "o-1", "s-1", status, carrier, "WH-01", ts);
    }

    @Test
    void lowerSeqUpdateArrivingAfterADeleteDoesNotResurrectTheOrder() {
        OrderImage v1 = image("o-1", T, "EU", "HOME", 1000);
        OrderImage v2 = image("o-1", T, "EU", "HOME", 2000);
        Expected e = Oracle.compute(List.of(
                at(change("c", "o-1", 1, null, v1), 0, 0),
                at(change("d", "o-1", 3, v2, null), 0, 1),
                at(change("u", "o-1", 2, v1, v2), 0, 2)));
        Expected.OrderRow row = e.orders().get("o-1");
        assertEquals(new Expected.OrderRow("o-1", 3L, "d", true, null, null, null, null, null, null, null, null, null,
                null, null, Instant.ofEpochMilli(T + 3), 0, 1L), row);
        assertTrue(e.revenue().isEmpty());
    }

    @Test
    void equalSequencesAreBrokenByPartitionThenOffset() {
        Expected e = Oracle.compute(List.of(
                at(change("u", "o-1", 5, null, image("o-1", T, "EU", "HOME", 100)), 0, 11),
                at(change("u", "o-1", 5, null, image("o-1", T, "EU", "HOME", 200)), 0, 12),
                at(change("u", "o-2", 7, null, image("o-2", T, "EU", "HOME", 300)), 1, 3),
                at(change("u", "o-2", 7, null, image("o-2", T, "EU", "HOME", 400)), 0, 99)));
        assertEquals(200L, e.orders().get("o-1").amountCents());
        assertEquals(12L, e.orders().get("o-1").srcOffset());
        assertEquals(300L, e.orders().get("o-2").amountCents());
        assertEquals(1, e.orders().get("o-2").srcPartition());
    }

    @Test
    void writerV1ImagesReadWithDefaultCurrencyAndChannel() {
        OrderImage written = new OrderImage("o-1", "cust", T, "EU", "HOME", "SKU-0001", 2, 500, "PAID", null, null);
        Expected e = Oracle.compute(List.of(at(new OrderChange("c", "o-1", 1, T, null, written, 1), 2, 0)));
        Expected.OrderRow row = e.orders().get("o-1");
        assertEquals("USD", row.currency());
        assertEquals("unknown", row.channel());
        assertEquals(new Expected.OrderRow("o-1", 1L, "c", false, "cust", Instant.ofEpochMilli(T), DAY, "EU", "HOME",
                "SKU-0001", 2, 500L, "PAID", "USD", "unknown", Instant.ofEpochMilli(T), 2, 0L), row);
    }

    @Test
    void retriedMovementsDeduplicateToTheFirstDelivery() {
        InventoryEvent a = new InventoryEvent("i-1", "SKU-0001", "WH-01", -3, "SALE", T);
        InventoryEvent b = new InventoryEvent("i-2", "SKU-0001", "WH-01", 10, "RECEIPT", T + HOUR);
        Expected e = Oracle.compute(List.of(at(a, 2, 9), at(a, 2, 5), at(b, 1, 0), at(b, 0, 100)));
        assertEquals(5L, e.movements().get("i-1").srcOffset());
        assertEquals(0, e.movements().get("i-2").srcPartition());
        assertEquals(100L, e.movements().get("i-2").srcOffset());
        assertEquals(new Expected.OnHandRow("SKU-0001", "WH-01", 7L, 2L),
                e.onHand().get(new Expected.OnHandKey("SKU-0001", "WH-01")));
    }

    @Test
    void shipmentKeepsTheSmallestTimePerMilestoneAndTheWinnerByRankThenTime() {
        long picked = T;
        long shipped = T + 5 * HOUR;
        long delivered = shipped + 30 * HOUR;
        Expected e = Oracle.compute(List.of(
                at(ship("f-1", "PICKED", picked, "UPS"), 0, 0),
                at(ship("f-4", "DELIVERED", delivered, "UPS"), 0, 1),
                at(ship("f-3", "SHIPPED", shipped, "UPS"), 0, 2),
                at(ship("f-5", "SHIPPED", shipped - 300_000, "UPS"), 0, 3),
                at(ship("f-6", "SHIPPED", delivered + HOUR, "DHL"), 0, 4),
                at(ship("f-7", "DELIVERED", delivered + 2 * HOUR, "UPS"), 0, 5)));
        Expected.ShipmentRow row = e.shipments().get("s-1");
        assertEquals(new Expected.ShipmentRow("s-1", "o-1", "DELIVERED", 4, "WH-01", "UPS",
                Instant.ofEpochMilli(delivered + 2 * HOUR), Instant.ofEpochMilli(picked), null,
                Instant.ofEpochMilli(shipped - 300_000), Instant.ofEpochMilli(delivered), 0, 5L), row);
        long seconds = (delivered - (shipped - 300_000)) / 1000;
        assertEquals(new Expected.SlaRow(Oracle.date(Instant.ofEpochMilli(shipped)), "WH-01", "UPS", 1L, 1L, 1L,
                seconds), e.sla().values().iterator().next());
    }

    @Test
    void slaFloorsSecondsAndCountsExactly48HoursAsOnTime() {
        List<ProducedRecord> in = List.of(
                at(new FulfillmentEvent("a1", "o", "s-a", "SHIPPED", "UPS", "WH-01", T), 0, 0),
                at(new FulfillmentEvent("a2", "o", "s-a", "DELIVERED", "UPS", "WH-01", T + 48 * HOUR), 0, 1),
                at(new FulfillmentEvent("b1", "o", "s-b", "SHIPPED", "UPS", "WH-01", T), 0, 2),
                at(new FulfillmentEvent("b2", "o", "s-b", "DELIVERED", "UPS", "WH-01", T + 48 * HOUR + 1), 0, 3),
                at(new FulfillmentEvent("c1", "o", "s-c", "SHIPPED", "UPS", "WH-01", T), 0, 4),
                at(new FulfillmentEvent("c2", "o", "s-c", "DELIVERED", "UPS", "WH-01", T + 1500), 0, 5),
                at(new FulfillmentEvent("d1", "o", "s-d", "SHIPPED", "UPS", "WH-01", T), 0, 6),
                at(new FulfillmentEvent("e1", "o", "s-e", "PACKED", "UPS", "WH-01", T), 0, 7));
        Expected e = Oracle.compute(in);
        assertEquals(Map.of(new Expected.SlaKey(DAY, "WH-01", "UPS"), new Expected.SlaRow(DAY, "WH-01", "UPS", 4L, 3L,
                2L, 48 * 3600L + 48 * 3600L + 1L)), e.sla());
    }

    @Test
    void goldMovesWhenAnOrderChangesDayRegionAndCategory() {
        OrderImage before = image("o-1", T, "EU", "HOME", 1000);
        OrderImage after = image("o-1", T + 24 * HOUR, "APAC", "TOYS", 1500);
        Expected e = Oracle.compute(List.of(
                at(change("c", "o-1", 1, null, before), 0, 0),
                at(change("c", "o-2", 1, null, image("o-2", T, "EU", "HOME", 700)), 1, 0),
                at(change("u", "o-1", 2, before, after), 0, 1)));
        assertEquals(Map.of(
                new Expected.RevenueKey(DAY, "EU", "HOME"), new Expected.RevenueRow(DAY, "EU", "HOME", 700L, 1L),
                new Expected.RevenueKey(DAY.plusDays(1), "APAC", "TOYS"),
                new Expected.RevenueRow(DAY.plusDays(1), "APAC", "TOYS", 1500L, 1L)), e.revenue());
    }

    @Test
    void goldRowDisappearsWhenItsLastOrderIsDeleted() {
        OrderImage a = image("o-1", T, "EU", "HOME", 1000);
        OrderImage b = image("o-2", T, "EU", "HOME", 500);
        List<ProducedRecord> created = List.of(at(change("c", "o-1", 1, null, a), 0, 0),
                at(change("c", "o-2", 1, null, b), 0, 1));
        Expected.RevenueKey key = new Expected.RevenueKey(DAY, "EU", "HOME");
        assertEquals(new Expected.RevenueRow(DAY, "EU", "HOME", 1500L, 2L), Oracle.compute(created).revenue().get(key));
        List<ProducedRecord> oneDeleted = List.of(created.get(0), created.get(1),
                at(change("d", "o-1", 2, a, null), 0, 2));
        assertEquals(new Expected.RevenueRow(DAY, "EU", "HOME", 500L, 1L), Oracle.compute(oneDeleted).revenue().get(key));
        List<ProducedRecord> bothDeleted = List.of(oneDeleted.get(0), oneDeleted.get(1), oneDeleted.get(2),
                at(change("d", "o-2", 2, b, null), 0, 3));
        Expected e = Oracle.compute(bothDeleted);
        assertTrue(e.revenue().isEmpty());
        assertEquals(2, e.orders().size(), "tombstones stay in Silver");
    }

    @Test
    void bronzeHoldsEveryRecordAndQuarantinesByFirstFailingRuleOrPoisonStatus() {
        OrderImage img = image("o-1", T, "EU", "HOME", 1000);
        List<ProducedRecord> in = List.of(
                at(change("c", "o-1", 1, null, img), 0, 0),
                at(change("x", "", 99, null, null), 0, 1),
                at(change("c", "", 99, null, null), 0, 2),
                at(change("u", "o-1", 99, img, null), 0, 3),
                at(new InventoryEvent("", "", "WH-01", 1, "RECEIPT", T), 0, 0),
                at(new InventoryEvent("i-1", "", "WH-01", 1, "RECEIPT", T), 0, 1),
                at(new FulfillmentEvent("", "o", "", "LOST", "UPS", "WH-01", T), 0, 0),
                at(new FulfillmentEvent("f", "o", "", "LOST", "UPS", "WH-01", T), 0, 1),
                at(new FulfillmentEvent("f", "o", "s", "LOST", "UPS", "WH-01", T), 0, 2),
                poison(Domain.ORDERS, "NULL_VALUE", null, 1, 0),
                poison(Domain.ORDERS, "NULL_VALUE", new byte[0], 1, 1),
                poison(Domain.ORDERS, "BAD_MAGIC", new byte[] {1, 0, 0, 0, 1, 2}, 1, 2),
                poison(Domain.ORDERS, "UNKNOWN_SCHEMA", new byte[] {0, 0, 15, 66, 63, 2}, 1, 3),
                poison(Domain.ORDERS, "MALFORMED", new byte[] {0, 0, 0, 0, 1, 9}, 1, 4));
        Expected e = Oracle.compute(in);
        assertEquals(in.size(), e.bronzeStatus().size());
        assertEquals(Map.ofEntries(
                Map.entry(new Coord("orders.cdc", 0, 1), "rule:op_valid"),
                Map.entry(new Coord("orders.cdc", 0, 2), "rule:order_id_present"),
                Map.entry(new Coord("orders.cdc", 0, 3), "rule:image_present"),
                Map.entry(new Coord("inventory.events", 0, 0), "rule:event_id_present"),
                Map.entry(new Coord("inventory.events", 0, 1), "rule:sku_present"),
                Map.entry(new Coord("fulfillment.events", 0, 0), "rule:event_id_present"),
                Map.entry(new Coord("fulfillment.events", 0, 1), "rule:shipment_id_present"),
                Map.entry(new Coord("fulfillment.events", 0, 2), "rule:status_valid"),
                Map.entry(new Coord("orders.cdc", 1, 0), "NULL_VALUE"),
                Map.entry(new Coord("orders.cdc", 1, 1), "NULL_VALUE"),
                Map.entry(new Coord("orders.cdc", 1, 2), "BAD_MAGIC"),
                Map.entry(new Coord("orders.cdc", 1, 3), "UNKNOWN_SCHEMA"),
                Map.entry(new Coord("orders.cdc", 1, 4), "MALFORMED")), e.quarantineReason());
        assertEquals("OK", e.bronzeStatus().get(new Coord("orders.cdc", 0, 0)));
        assertEquals("RULE_VIOLATION", e.bronzeStatus().get(new Coord("orders.cdc", 0, 3)));
        assertEquals(1L, e.orders().get("o-1").seq(), "a rule violation never reaches Silver");
        assertTrue(e.movements().isEmpty() && e.shipments().isEmpty());
    }

    @Test
    void rejectsInputThatListsOneKafkaRecordTwice() {
        ProducedRecord r = at(change("c", "o-1", 1, null, image("o-1", T, "EU", "HOME", 1)), 0, 0);
        assertThrows(IllegalArgumentException.class, () -> Oracle.compute(List.of(r, r)));
    }

    @Test
    void rejectsANullValueWhoseExpectationIsNotNullValuePoison() {
        ProducedRecord r = poison(Domain.ORDERS, "BAD_MAGIC", null, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> Oracle.compute(List.of(r)));
        assertFalse(Oracle.compute(List.of(poison(Domain.ORDERS, "NULL_VALUE", null, 0, 0))).bronzeStatus().isEmpty());
        assertNull(Oracle.compute(List.of()).orders().get("x"));
    }
}

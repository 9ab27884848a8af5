package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.testsupport.Expectation.FulfillmentEvent;
import com.retailer.bluegreen.testsupport.Expectation.InventoryEvent;
import com.retailer.bluegreen.testsupport.Expectation.OrderChange;
import com.retailer.bluegreen.testsupport.Expectation.OrderImage;
import com.retailer.bluegreen.testsupport.Expectation.Poison;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference implementation of {@code docs/semantics.md} in plain Java: from the records as they landed in Kafka
 * (and the reference files), what Bronze, Quarantine, Silver, Gold and the reference tables must hold.
 *
 * <p>Written independently of the pipeline on purpose (it shares only {@link Domain}): it never decodes bytes, it
 * works from each record's {@link Expectation} and applies the blocking rules itself. The result depends only on
 * the set of records with their coordinates, not on the order of the input list.
 */
public final class Oracle {
    public static final String OK = "OK";
    public static final String RULE_VIOLATION = "RULE_VIOLATION";
    static final Set<String> OPS = Set.of("c", "u", "d");
    static final Map<String, Integer> RANK = Map.of("PICKED", 1, "PACKED", 2, "SHIPPED", 3, "DELIVERED", 4);

    private Oracle() {
    }

    /** Expected tables for these Kafka records, with empty reference tables. */
    public static Expected compute(List<ProducedRecord> records) {
        return compute(records, List.of());
    }

    /**
     * Expected tables for these Kafka records and reference files; files are loaded in list order (which decides
     * which of two byte-identical files is skipped).
     */
    public static Expected compute(List<ProducedRecord> records, List<ReferenceFiles.ReferenceFile> referenceFiles) {
        Map<Coord, String> status = new HashMap<>();
        Map<Coord, String> quarantine = new HashMap<>();
        List<ProducedRecord> ok = new ArrayList<>();
        for (ProducedRecord r : records) {
            String reason = verdict(r.record());
            String st = reason == null ? OK : reason.startsWith("rule:") ? RULE_VIOLATION : reason;
            if (status.put(r.coord(), st) != null) {
                throw new IllegalArgumentException("Two input records at " + r.coord() + ": the oracle needs each"
                        + " Kafka record exactly once.");
            }
            if (reason == null) {
                ok.add(r);
            } else {
                quarantine.put(r.coord(), reason);
            }
        }
        Map<String, Expected.OrderRow> orders = orders(ok);
        Map<String, Expected.MovementRow> movements = movements(ok);
        Map<String, Expected.ShipmentRow> shipments = shipments(ok);
        ReferenceOracle refs = new ReferenceOracle(referenceFiles);
        return new Expected(status, quarantine, orders, movements, shipments, GoldOracle.revenue(orders.values()),
                GoldOracle.onHand(movements.values()), GoldOracle.sla(shipments.values()), refs.products(),
                refs.warehouses(), refs.carriers());
    }

    /**
     * What {@code daily_revenue.units_sold} must hold in a colour running release 2 ({@code transforms.unitsSold}):
     * per revenue key of {@code expected}, the sum of its live orders' quantities (a missing quantity counts 0).
     */
    public static Map<Expected.RevenueKey, Long> unitsSold(Expected expected) {
        return Map.copyOf(GoldOracle.unitsSold(expected.orders().values()));
    }

    /**
     * The quarantine reason of a record, or null when it is OK: the poison's status, or {@code rule:<name>} of the
     * first failing blocking rule.
     */
    static String verdict(GeneratedRecord record) {
        Expectation e = record.expectation();
        boolean nullValue = record.value() == null || record.value().length == 0;
        if (nullValue != (e instanceof Poison p && p.expectedStatus().equals("NULL_VALUE"))) {
            throw new IllegalArgumentException("Inconsistent input: value " + (nullValue ? "is" : "is not")
                    + " null/empty but the expectation is " + e);
        }
        if (e instanceof Poison p) {
            return p.expectedStatus();
        }
        String rule = firstFailingRule(e);
        return rule == null ? null : "rule:" + rule;
    }

    static String firstFailingRule(Expectation e) {
        if (e instanceof OrderChange o) {
            if (!OPS.contains(o.op())) {
                return "op_valid";
            }
            if (empty(o.orderId())) {
                return "order_id_present";
            }
            boolean upsert = o.op().equals("c") || o.op().equals("u");
            return (upsert && o.after() == null) || (o.op().equals("d") && o.before() == null) ? "image_present" : null;
        }
        if (e instanceof InventoryEvent i) {
            return empty(i.eventId()) ? "event_id_present" : empty(i.sku()) ? "sku_present" : null;
        }
        if (e instanceof FulfillmentEvent f) {
            return empty(f.eventId()) ? "event_id_present"
                    : empty(f.shipmentId()) ? "shipment_id_present"
                    : RANK.containsKey(f.status()) ? null : "status_valid";
        }
        throw new IllegalArgumentException("not a logical event: " + e);
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    /** Greatest (seq, partition, offset) per order id; a delete there is a tombstone. */
    static Map<String, Expected.OrderRow> orders(List<ProducedRecord> ok) {
        Comparator<ProducedRecord> order = Comparator.<ProducedRecord>comparingLong(r -> change(r).seq())
                .thenComparingInt(ProducedRecord::partition).thenComparingLong(ProducedRecord::offset);
        Map<String, ProducedRecord> winners = new HashMap<>();
        for (ProducedRecord r : ok) {
            if (r.record().expectation() instanceof OrderChange c) {
                winners.merge(c.orderId(), r, (a, b) -> order.compare(a, b) >= 0 ? a : b);
            }
        }
        Map<String, Expected.OrderRow> rows = new HashMap<>();
        winners.forEach((id, r) -> rows.put(id, orderRow(r)));
        return rows;
    }

    private static OrderChange change(ProducedRecord r) {
        return (OrderChange) r.record().expectation();
    }

    private static Expected.OrderRow orderRow(ProducedRecord r) {
        OrderChange c = change(r);
        Instant sourceTs = Instant.ofEpochMilli(c.sourceTsMs());
        if (c.op().equals("d")) {
            return new Expected.OrderRow(c.orderId(), c.seq(), c.op(), true, null, null, null, null, null, null,
                    null, null, null, null, null, sourceTs, r.partition(), r.offset());
        }
        OrderImage a = c.after();
        boolean v1 = c.writerVersion() == 1;
        Instant orderTs = Instant.ofEpochMilli(a.orderTsMs());
        return new Expected.OrderRow(c.orderId(), c.seq(), c.op(), false, a.customerId(), orderTs, date(orderTs),
                a.region(), a.category(), a.sku(), a.quantity(), a.amountCents(), a.status(),
                v1 ? "USD" : a.currency(), v1 ? "unknown" : a.channel(), sourceTs, r.partition(), r.offset());
    }

    /** Smallest (partition, offset) per event id: the first delivery wins over producer retries. */
    static Map<String, Expected.MovementRow> movements(List<ProducedRecord> ok) {
        Comparator<ProducedRecord> first = Comparator.comparingInt(ProducedRecord::partition)
                .thenComparingLong(ProducedRecord::offset);
        Map<String, ProducedRecord> winners = new HashMap<>();
        for (ProducedRecord r : ok) {
            if (r.record().expectation() instanceof InventoryEvent e) {
                winners.merge(e.eventId(), r, (a, b) -> first.compare(a, b) <= 0 ? a : b);
            }
        }
        Map<String, Expected.MovementRow> rows = new HashMap<>();
        winners.forEach((id, r) -> {
            InventoryEvent e = (InventoryEvent) r.record().expectation();
            Instant ts = Instant.ofEpochMilli(e.eventTsMs());
            rows.put(id, new Expected.MovementRow(e.eventId(), e.sku(), e.warehouseId(), e.quantityDelta(),
                    e.reason(), ts, date(ts), r.partition(), r.offset()));
        });
        return rows;
    }

    /** Winner by (rank, event_ts, partition, offset); each milestone at the smallest event_ts of its status. */
    static Map<String, Expected.ShipmentRow> shipments(List<ProducedRecord> ok) {
        Map<String, List<ProducedRecord>> byShipment = new HashMap<>();
        for (ProducedRecord r : ok) {
            if (r.record().expectation() instanceof FulfillmentEvent f) {
                byShipment.computeIfAbsent(f.shipmentId(), k -> new ArrayList<>()).add(r);
            }
        }
        Comparator<ProducedRecord> winnerOrder = Comparator
                .<ProducedRecord>comparingInt(r -> RANK.get(fulfillment(r).status()))
                .thenComparingLong(r -> fulfillment(r).eventTsMs())
                .thenComparingInt(ProducedRecord::partition).thenComparingLong(ProducedRecord::offset);
        Map<String, Expected.ShipmentRow> rows = new HashMap<>();
        byShipment.forEach((id, events) -> {
            ProducedRecord w = events.stream().max(winnerOrder).orElseThrow();
            FulfillmentEvent f = fulfillment(w);
            rows.put(id, new Expected.ShipmentRow(id, f.orderId(), f.status(), RANK.get(f.status()),
                    f.warehouseId(), f.carrierId(), Instant.ofEpochMilli(f.eventTsMs()), milestone(events, "PICKED"),
                    milestone(events, "PACKED"), milestone(events, "SHIPPED"), milestone(events, "DELIVERED"),
                    w.partition(), w.offset()));
        });
        return rows;
    }

    private static FulfillmentEvent fulfillment(ProducedRecord r) {
        return (FulfillmentEvent) r.record().expectation();
    }

    private static Instant milestone(List<ProducedRecord> events, String status) {
        return events.stream().map(Oracle::fulfillment).filter(f -> f.status().equals(status))
                .mapToLong(FulfillmentEvent::eventTsMs).min().stream().mapToObj(Instant::ofEpochMilli)
                .findFirst().orElse(null);
    }

    static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}

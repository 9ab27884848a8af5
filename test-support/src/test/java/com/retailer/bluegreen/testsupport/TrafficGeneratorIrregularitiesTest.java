package com.retailer.bluegreen.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.testsupport.Expectation.FulfillmentEvent;
import com.retailer.bluegreen.testsupport.Expectation.InventoryEvent;
import com.retailer.bluegreen.testsupport.Expectation.OrderChange;
import com.retailer.bluegreen.testsupport.Expectation.Poison;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every irregularity the pipeline must survive appears in a 20k-record run. */
class TrafficGeneratorIrregularitiesTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static List<GeneratedRecord> records;

    @BeforeAll
    static void generate() {
        records = new TrafficGenerator(new InMemorySchemaRegistry(), GeneratorConfig.of(2026, "irr", NOW, 20_000))
                .generate();
        assertTrue(records.size() > 18_000 && records.size() < 23_000, "size " + records.size());
    }

    private static List<OrderChange> changes() {
        return records.stream().filter(r -> r.expectation() instanceof OrderChange)
                .map(r -> (OrderChange) r.expectation()).filter(c -> Oracle.firstFailingRule(c) == null).toList();
    }

    private static Map<String, List<OrderChange>> changesByOrder() {
        Map<String, List<OrderChange>> byOrder = new HashMap<>();
        changes().forEach(c -> byOrder.computeIfAbsent(c.orderId(), k -> new ArrayList<>()).add(c));
        return byOrder;
    }

    @Test
    void cdcHasInsertsUpdatesDeletesWithIncreasingSeqAtTheSource() {
        Set<String> ops = new HashSet<>();
        changes().forEach(c -> ops.add(c.op()));
        assertEquals(Set.of("c", "u", "d"), ops);
        for (List<OrderChange> history : changesByOrder().values()) {
            List<OrderChange> bySource = new ArrayList<>(history);
            bySource.sort((a, b) -> Long.compare(a.sourceTsMs(), b.sourceTsMs()));
            for (int i = 1; i < bySource.size(); i++) {
                assertTrue(bySource.get(i).seq() >= bySource.get(i - 1).seq(), "seq grows with source time");
            }
            assertEquals("c", bySource.get(0).op());
        }
    }

    @Test
    void lowerSeqUpdateArrivesAfterADelete() {
        assertTrue(changesByOrder().values().stream().anyMatch(h -> {
            for (int i = 0; i < h.size(); i++) {
                for (int j = i + 1; j < h.size(); j++) {
                    if (h.get(i).op().equals("d") && h.get(j).op().equals("u") && h.get(j).seq() < h.get(i).seq()) {
                        return true;
                    }
                }
            }
            return false;
        }));
    }

    @Test
    void lowerSeqUpdateArrivesAfterAHigherSeqUpdate() {
        assertTrue(changesByOrder().values().stream().anyMatch(h -> {
            for (int i = 1; i < h.size(); i++) {
                if (h.get(i).op().equals("u") && h.get(i - 1).op().equals("u") && h.get(i).seq() < h.get(i - 1).seq()) {
                    return true;
                }
            }
            return false;
        }));
    }

    @Test
    void twoDifferentRecordsShareOneSeq() {
        assertTrue(changesByOrder().values().stream().anyMatch(h -> h.stream()
                .anyMatch(a -> h.stream().anyMatch(b -> a.seq() == b.seq() && !a.equals(b)))));
    }

    @Test
    void updatesMoveOrdersAcrossDayRegionAndCategory() {
        List<OrderChange> updates = changes().stream().filter(c -> c.op().equals("u")).toList();
        assertTrue(updates.stream().anyMatch(u -> !day(u.before().orderTsMs()).equals(day(u.after().orderTsMs()))));
        assertTrue(updates.stream().anyMatch(u -> !u.before().region().equals(u.after().region())));
        assertTrue(updates.stream().anyMatch(u -> !u.before().category().equals(u.after().category())));
    }

    @Test
    void ordersAreWrittenWithBothWriterVersionsEvenWithinOneOrder() {
        assertEquals(Set.of(1, 2), new HashSet<>(changes().stream().map(OrderChange::writerVersion).toList()));
        assertTrue(changesByOrder().values().stream()
                .anyMatch(h -> h.stream().map(OrderChange::writerVersion).distinct().count() == 2));
        assertTrue(changes().stream().filter(c -> c.writerVersion() == 1 && c.after() != null)
                .allMatch(c -> c.after().currency() == null && c.after().channel() == null));
    }

    @Test
    void producerRetryDuplicatesAppearOnEveryTopic() {
        Map<Domain, Integer> duplicates = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (GeneratedRecord r : records) {
            if (r.value() != null && r.value().length > 0
                    && !seen.add(r.topic() + Arrays.toString(r.key()) + Arrays.toString(r.value()))) {
                duplicates.merge(r.domain(), 1, Integer::sum);
            }
        }
        assertEquals(Set.of(Domain.values()), duplicates.keySet(), duplicates.toString());
    }

    @Test
    void lateEventsLieHoursAndDaysBeforeNow() {
        List<Long> eventTimes = new ArrayList<>();
        changes().stream().filter(c -> c.op().equals("c")).forEach(c -> eventTimes.add(c.after().orderTsMs()));
        records.stream().filter(r -> r.expectation() instanceof InventoryEvent)
                .forEach(r -> eventTimes.add(((InventoryEvent) r.expectation()).eventTsMs()));
        long now = NOW.toEpochMilli();
        Predicate<Long> hoursLate = t -> now - t > Duration.ofHours(1).toMillis() && now - t < Duration.ofDays(1).toMillis();
        Predicate<Long> daysLate = t -> now - t > Duration.ofDays(1).toMillis();
        assertTrue(eventTimes.stream().anyMatch(hoursLate));
        assertTrue(eventTimes.stream().anyMatch(daysLate));
    }

    @Test
    void shipmentEventsArriveOutOfLifecycleOrderAndMilestonesRepeat() {
        Map<String, List<FulfillmentEvent>> byShipment = new HashMap<>();
        records.stream().filter(r -> r.expectation() instanceof FulfillmentEvent f && Oracle.firstFailingRule(f) == null)
                .map(r -> (FulfillmentEvent) r.expectation())
                .forEach(f -> byShipment.computeIfAbsent(f.shipmentId(), k -> new ArrayList<>()).add(f));
        assertTrue(byShipment.values().stream().anyMatch(events -> {
            List<String> statuses = events.stream().map(FulfillmentEvent::status).toList();
            return statuses.contains("SHIPPED") && statuses.indexOf("DELIVERED") >= 0
                    && statuses.indexOf("DELIVERED") < statuses.indexOf("SHIPPED");
        }), "DELIVERED delivered before SHIPPED");
        assertTrue(byShipment.values().stream().anyMatch(events -> events.stream()
                .filter(f -> f.status().equals("SHIPPED")).map(FulfillmentEvent::eventId).distinct().count() > 1));
        assertTrue(byShipment.values().stream().anyMatch(events -> events.stream()
                .filter(f -> f.status().equals("DELIVERED")).map(FulfillmentEvent::eventId).distinct().count() > 1));
        Set<Integer> reached = new HashSet<>();
        byShipment.values().forEach(e -> reached.add(e.stream().mapToInt(f -> Oracle.RANK.get(f.status())).max()
                .orElse(0)));
        assertEquals(Set.of(1, 2, 3, 4), reached, "shipments stop at every stage");
    }

    @Test
    void inventoryDeltasArePositiveAndNegative() {
        List<Integer> deltas = records.stream().filter(r -> r.expectation() instanceof InventoryEvent)
                .map(r -> ((InventoryEvent) r.expectation()).quantityDelta()).toList();
        assertTrue(deltas.stream().anyMatch(d -> d > 0));
        assertTrue(deltas.stream().anyMatch(d -> d < 0));
    }

    @Test
    void everyBlockingRuleIsViolated() {
        Set<String> rules = new HashSet<>();
        for (GeneratedRecord r : records) {
            if (!(r.expectation() instanceof Poison)) {
                String rule = Oracle.firstFailingRule(r.expectation());
                if (rule != null) {
                    rules.add(r.domain().id() + ":" + rule);
                }
            }
        }
        assertEquals(Set.of("orders:op_valid", "orders:order_id_present", "orders:image_present",
                "inventory:event_id_present", "inventory:sku_present", "fulfillment:event_id_present",
                "fulfillment:shipment_id_present", "fulfillment:status_valid"), rules);
        assertTrue(records.stream().anyMatch(r -> r.expectation() instanceof OrderChange o && o.op().equals("x")));
        assertTrue(records.stream().anyMatch(r -> r.expectation() instanceof FulfillmentEvent f
                && f.status().equals("LOST") && !f.shipmentId().isEmpty() && !f.eventId().isEmpty()));
        assertTrue(records.stream().anyMatch(r -> r.expectation() instanceof InventoryEvent i && i.sku().isEmpty()
                && !i.eventId().isEmpty()));
    }

    @Test
    void poisonOfEveryKindOnEveryTopic() {
        Set<String> kinds = new HashSet<>();
        for (GeneratedRecord r : records) {
            if (r.expectation() instanceof Poison p) {
                kinds.add(r.domain().id() + ":" + p.expectedStatus() + ":" + kind(r.value()));
            }
        }
        Set<String> expected = new HashSet<>();
        for (Domain d : Domain.values()) {
            for (String k : List.of("NULL_VALUE:null", "NULL_VALUE:empty", "BAD_MAGIC:magic", "BAD_MAGIC:short",
                    "UNKNOWN_SCHEMA:999999", "MALFORMED:negative-length", "MALFORMED:other")) {
                expected.add(d.id() + ":" + k);
            }
        }
        assertEquals(expected, kinds);
        assertTrue(records.stream().filter(r -> r.expectation() instanceof Poison).map(r -> r.expectation().toString())
                .anyMatch(s -> s.contains("truncated")));
        assertTrue(records.stream().filter(r -> r.expectation() instanceof Poison).map(r -> r.expectation().toString())
                .anyMatch(s -> s.contains("left over")));
    }

    private static String kind(byte[] value) {
        if (value == null) {
            return "null";
        }
        if (value.length == 0) {
            return "empty";
        }
        if (value.length < 5) {
            return "short";
        }
        if (value[0] != 0) {
            return "magic";
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        if (id == TrafficGenerator.unknownSchemaId()) {
            return "999999";
        }
        return value.length > 5 && value[5] == 0x09 ? "negative-length" : "other";
    }

    private static LocalDate day(long ms) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
    }
}

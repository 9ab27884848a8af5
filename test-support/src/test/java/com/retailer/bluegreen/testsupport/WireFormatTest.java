package com.retailer.bluegreen.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.testsupport.Expectation.OrderImage;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The bytes say what the expectations claim, checked by decoding straight with Avro. */
class WireFormatTest {
    private static final Schema ORDERS_READER = WireEncoder.load("/avro/orders.cdc-v2.avsc");

    @Test
    void everyRecordDecodesToItsExpectationOrFailsWithItsPoisonStatus() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        List<GeneratedRecord> records = new TrafficGenerator(registry,
                GeneratorConfig.of(99, "wire", Instant.parse("2026-03-01T12:00:00Z"), 6_000)).generate();
        int decoded = 0;
        for (GeneratedRecord r : records) {
            AvroProbe.Probe probe = AvroProbe.probe(r.value(), registry,
                    r.domain() == Domain.ORDERS ? ORDERS_READER : null);
            if (r.expectation() instanceof Expectation.Poison p) {
                assertEquals(p.expectedStatus(), probe.status(), r.toString());
                continue;
            }
            assertEquals("DECODED", probe.status(), r.toString());
            assertMatches(r.expectation(), probe.record());
            decoded++;
        }
        assertEquals(records.size() - records.stream().filter(r -> r.expectation() instanceof Expectation.Poison)
                .count(), decoded);
    }

    private static void assertMatches(Expectation e, GenericRecord g) {
        if (e instanceof Expectation.OrderChange o) {
            assertEquals(o.op(), str(g, "op"));
            assertEquals(o.orderId(), str(g, "order_id"));
            assertEquals(o.seq(), g.get("seq"));
            assertEquals(o.sourceTsMs(), g.get("source_ts_ms"));
            assertImage(o.before(), (GenericRecord) g.get("before"), o.writerVersion());
            assertImage(o.after(), (GenericRecord) g.get("after"), o.writerVersion());
        } else if (e instanceof Expectation.InventoryEvent i) {
            assertEquals(i, new Expectation.InventoryEvent(str(g, "event_id"), str(g, "sku"), str(g, "warehouse_id"),
                    (Integer) g.get("quantity_delta"), str(g, "reason"), (Long) g.get("event_ts_ms")));
        } else if (e instanceof Expectation.FulfillmentEvent f) {
            assertEquals(f, new Expectation.FulfillmentEvent(str(g, "event_id"), str(g, "order_id"),
                    str(g, "shipment_id"), str(g, "status"), str(g, "carrier_id"), str(g, "warehouse_id"),
                    (Long) g.get("event_ts_ms")));
        }
    }

    private static void assertImage(OrderImage expected, GenericRecord g, int version) {
        if (expected == null) {
            assertNull(g);
            return;
        }
        OrderImage actual = new OrderImage(str(g, "order_id"), str(g, "customer_id"), (Long) g.get("order_ts_ms"),
                str(g, "region"), str(g, "category"), str(g, "sku"), (Integer) g.get("quantity"),
                (Long) g.get("amount_cents"), str(g, "status"), str(g, "currency"), str(g, "channel"));
        OrderImage resolved = version == 1
                ? new OrderImage(expected.orderId(), expected.customerId(), expected.orderTsMs(), expected.region(),
                        expected.category(), expected.sku(), expected.quantity(), expected.amountCents(),
                        expected.status(), "USD", "unknown")
                : expected;
        assertEquals(resolved, actual);
    }

    private static String str(GenericRecord g, String field) {
        Object v = g.get(field);
        return v == null ? null : v.toString();
    }
}

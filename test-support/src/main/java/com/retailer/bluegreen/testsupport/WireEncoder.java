package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.ingest.WireFormat;
import com.retailer.bluegreen.layout.Domain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Encodes logical events in the Confluent wire format (magic 0, 4-byte big-endian schema id, Avro binary body) with
 * the writer schemas it registers itself. Written independently of the pipeline's decoder on purpose.
 */
final class WireEncoder {
    /** A schema id no registry here ever hands out. */
    static final int UNKNOWN_SCHEMA_ID = 999_999;

    private final Schema ordersV1;
    private final Schema ordersV2;
    private final Schema inventory;
    private final Schema fulfillment;
    private final int ordersV1Id;
    private final int ordersV2Id;
    private final int inventoryId;
    private final int fulfillmentId;

    WireEncoder(SchemaRegistry registry, GeneratorConfig config) {
        ordersV1 = load("/avro/orders.cdc-v1.avsc");
        ordersV2 = load("/avro/orders.cdc-v2.avsc");
        inventory = load("/avro/inventory.events-v1.avsc");
        fulfillment = load("/avro/fulfillment.events-v1.avsc");
        String ordersSubject = SchemaRegistry.valueSubject(config.topic(Domain.ORDERS));
        ordersV1Id = registry.register(ordersSubject, ordersV1);
        ordersV2Id = registry.register(ordersSubject, ordersV2);
        inventoryId = registry.register(SchemaRegistry.valueSubject(config.topic(Domain.INVENTORY)), inventory);
        fulfillmentId = registry.register(SchemaRegistry.valueSubject(config.topic(Domain.FULFILLMENT)), fulfillment);
    }

    static Schema load(String resource) {
        try (InputStream in = WireEncoder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Avro schema " + resource + " is not on the classpath; it ships in"
                        + " the ingest jar, which test-support depends on.");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The registered id of a domain's writer schema ({@code version} matters for orders only: 1 or 2). */
    int schemaId(Domain domain, int version) {
        return switch (domain) {
            case ORDERS -> version == 1 ? ordersV1Id : ordersV2Id;
            case INVENTORY -> inventoryId;
            case FULFILLMENT -> fulfillmentId;
        };
    }

    /** The full wire value of a logical event. */
    byte[] encode(Expectation event) {
        return WireFormat.encode(schemaIdOf(event), record(event));
    }

    int schemaIdOf(Expectation event) {
        if (event instanceof Expectation.OrderChange o) {
            return schemaId(Domain.ORDERS, o.writerVersion());
        }
        if (event instanceof Expectation.InventoryEvent) {
            return inventoryId;
        }
        if (event instanceof Expectation.FulfillmentEvent) {
            return fulfillmentId;
        }
        throw new IllegalArgumentException("poison has no schema: " + event);
    }

    /** The Avro binary body of a logical event, written with its writer schema. */
    byte[] body(Expectation event) {
        return WireFormat.body(record(event));
    }

    /** The Avro record of a logical event, in its writer schema. */
    private GenericRecord record(Expectation event) {
        if (event instanceof Expectation.OrderChange o) {
            return order(o);
        }
        if (event instanceof Expectation.InventoryEvent i) {
            return inventory(i);
        }
        if (event instanceof Expectation.FulfillmentEvent f) {
            return fulfillment(f);
        }
        throw new IllegalArgumentException("poison has no body: " + event);
    }

    private GenericRecord order(Expectation.OrderChange o) {
        Schema schema = o.writerVersion() == 1 ? ordersV1 : ordersV2;
        GenericRecord r = new GenericData.Record(schema);
        r.put("op", o.op());
        r.put("order_id", o.orderId());
        r.put("seq", o.seq());
        r.put("source_ts_ms", o.sourceTsMs());
        Schema image = schema.getField("before").schema().getTypes().get(1);
        r.put("before", image(image, o.before(), o.writerVersion()));
        r.put("after", image(image, o.after(), o.writerVersion()));
        return r;
    }

    private static GenericRecord image(Schema schema, Expectation.OrderImage img, int version) {
        if (img == null) {
            return null;
        }
        GenericRecord r = new GenericData.Record(schema);
        r.put("order_id", img.orderId());
        r.put("customer_id", img.customerId());
        r.put("order_ts_ms", img.orderTsMs());
        r.put("region", img.region());
        r.put("category", img.category());
        r.put("sku", img.sku());
        r.put("quantity", img.quantity());
        r.put("amount_cents", img.amountCents());
        r.put("status", img.status());
        if (version >= 2) {
            r.put("currency", img.currency());
            r.put("channel", img.channel());
        }
        return r;
    }

    private GenericRecord inventory(Expectation.InventoryEvent i) {
        GenericRecord r = new GenericData.Record(inventory);
        r.put("event_id", i.eventId());
        r.put("sku", i.sku());
        r.put("warehouse_id", i.warehouseId());
        r.put("quantity_delta", i.quantityDelta());
        r.put("reason", i.reason());
        r.put("event_ts_ms", i.eventTsMs());
        return r;
    }

    private GenericRecord fulfillment(Expectation.FulfillmentEvent f) {
        GenericRecord r = new GenericData.Record(fulfillment);
        r.put("event_id", f.eventId());
        r.put("order_id", f.orderId());
        r.put("shipment_id", f.shipmentId());
        r.put("status", f.status());
        r.put("carrier_id", f.carrierId());
        r.put("warehouse_id", f.warehouseId());
        r.put("event_ts_ms", f.eventTsMs());
        return r;
    }

}

package com.retailer.bluegreen.ingest;

import com.retailer.bluegreen.layout.Domain;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Hand-built Avro records and bodies for decoder tests. */
final class AvroFixtures {
    static final Schema ORDERS_V1 = ReaderSchemas.writerVersions(Domain.ORDERS).get(0);
    static final Schema ORDERS_V2 = ReaderSchemas.writerVersions(Domain.ORDERS).get(1);
    static final Schema INVENTORY_V1 = ReaderSchemas.forDomain(Domain.INVENTORY);
    static final Schema FULFILLMENT_V1 = ReaderSchemas.forDomain(Domain.FULFILLMENT);

    private AvroFixtures() {
    }

    static byte[] body(GenericRecord record) {
        return WireFormat.body(record);
    }

    static byte[] framed(int schemaId, GenericRecord record) {
        return WireFormat.encode(schemaId, record);
    }

    /** A v2 order change; {@code before}/{@code after} images are present when the flags say so. */
    static GenericRecord orderV2(String op, String orderId, boolean before, boolean after) {
        return order(ORDERS_V2, op, orderId, before, after);
    }

    static GenericRecord orderV1(String op, String orderId, boolean before, boolean after) {
        return order(ORDERS_V1, op, orderId, before, after);
    }

    private static GenericRecord order(Schema schema, String op, String orderId, boolean before, boolean after) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("op", op);
        r.put("order_id", orderId);
        r.put("seq", 7L);
        r.put("source_ts_ms", 1_700_000_000_000L);
        r.put("before", before ? image(schema, orderId, "PLACED") : null);
        r.put("after", after ? image(schema, orderId, "PAID") : null);
        return r;
    }

    private static GenericRecord image(Schema orderSchema, String orderId, String status) {
        Schema imageSchema = orderSchema.getField("before").schema().getTypes().get(1);
        GenericRecord image = new GenericData.Record(imageSchema);
        image.put("order_id", orderId);
        image.put("customer_id", "cust-1");
        image.put("order_ts_ms", 1_700_000_000_000L);
        image.put("region", "EU");
        image.put("category", "toys");
        image.put("sku", "sku-1");
        image.put("quantity", 2);
        image.put("amount_cents", 1999L);
        image.put("status", status);
        if (imageSchema.getField("currency") != null) {
            image.put("currency", "EUR");
            image.put("channel", "web");
        }
        return image;
    }

    static GenericRecord inventory(String eventId, String sku) {
        GenericRecord r = new GenericData.Record(INVENTORY_V1);
        r.put("event_id", eventId);
        r.put("sku", sku);
        r.put("warehouse_id", "wh-1");
        r.put("quantity_delta", -3);
        r.put("reason", "sale");
        r.put("event_ts_ms", 1_700_000_000_000L);
        return r;
    }

    static GenericRecord fulfillment(String eventId, String shipmentId, String status) {
        GenericRecord r = new GenericData.Record(FULFILLMENT_V1);
        r.put("event_id", eventId);
        r.put("order_id", "order-1");
        r.put("shipment_id", shipmentId);
        r.put("status", status);
        r.put("carrier_id", "carrier-1");
        r.put("warehouse_id", "wh-1");
        r.put("event_ts_ms", 1_700_000_000_000L);
        return r;
    }
}

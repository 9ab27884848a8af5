package com.retailer.bluegreen.testsupport;

/**
 * What a generated Kafka record <em>means</em>, independently of its bytes: the logical event that was encoded
 * (the oracle applies the blocking rules to it itself, so a rule violation is simply an event that breaks a rule),
 * or a {@link Poison} record that must not decode, with the Bronze status it must get.
 */
public sealed interface Expectation
        permits Expectation.OrderChange, Expectation.InventoryEvent, Expectation.FulfillmentEvent, Expectation.Poison {

    /**
     * An {@code OrderImage} as written. Images written with writer v1 have {@code currency} and {@code channel}
     * null (the fields do not exist in v1; readers resolve them to the schema defaults).
     */
    record OrderImage(String orderId, String customerId, long orderTsMs, String region, String category, String sku,
                      int quantity, long amountCents, String status, String currency, String channel) {

        /** The image as the given writer version carries it (v1 drops currency and channel). */
        public OrderImage asWrittenBy(int writerVersion) {
            return writerVersion >= 2 ? this
                    : new OrderImage(orderId, customerId, orderTsMs, region, category, sku, quantity, amountCents,
                            status, null, null);
        }
    }

    /** A CDC record of {@code orders.cdc}, encoded with writer schema version {@code writerVersion} (1 or 2). */
    record OrderChange(String op, String orderId, long seq, long sourceTsMs, OrderImage before, OrderImage after,
                       int writerVersion) implements Expectation {
    }

    /** A stock movement of {@code inventory.events}. */
    record InventoryEvent(String eventId, String sku, String warehouseId, int quantityDelta, String reason,
                          long eventTsMs) implements Expectation {
    }

    /** A shipment lifecycle event of {@code fulfillment.events}. */
    record FulfillmentEvent(String eventId, String orderId, String shipmentId, String status, String carrierId,
                            String warehouseId, long eventTsMs) implements Expectation {
    }

    /**
     * A record that must not decode: {@code expectedStatus} is one of {@code NULL_VALUE}, {@code BAD_MAGIC},
     * {@code UNKNOWN_SCHEMA}, {@code MALFORMED}; {@code detail} says how it was broken (for tests and reports).
     */
    record Poison(String expectedStatus, String detail) implements Expectation {
        public Poison(String expectedStatus) {
            this(expectedStatus, "");
        }
    }
}

package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.ingest.WireFormat;

import com.retailer.bluegreen.layout.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drafts the bad records of a chunk: undecodable poison of every kind on every topic, and decodable events that
 * break a blocking rule. Recipes are used round-robin, so any run with at least {@link #recipeCount()} bad
 * records has each of them. Every bad record carries the key of a real entity, so its partition is a real one.
 */
final class PoisonFactory {
    private enum Bytes { NULL_VALUE, EMPTY_VALUE, BAD_MAGIC_BYTE, SHORT_VALUE, UNKNOWN_SCHEMA, TRUNCATED,
        NEGATIVE_STRING_LENGTH, TRAILING_BYTES }

    private enum Rule { ORDER_BAD_OP, ORDER_MISSING_IMAGE, ORDER_EMPTY_ID, INVENTORY_EMPTY_SKU,
        INVENTORY_EMPTY_EVENT_ID, FULFILLMENT_BAD_STATUS, FULFILLMENT_EMPTY_SHIPMENT_ID, FULFILLMENT_EMPTY_EVENT_ID }

    /** A byte-level recipe (bytes + domain) or a rule recipe. */
    private record Recipe(Bytes bytes, Domain domain, Rule rule) {
    }

    private static final List<Recipe> RECIPES = recipes();

    private final ChunkContext ctx;
    private final List<String> orderIds;
    private final List<String> shipmentIds;

    PoisonFactory(ChunkContext ctx, List<String> orderIds, List<String> shipmentIds) {
        this.ctx = ctx;
        this.orderIds = orderIds;
        this.shipmentIds = shipmentIds;
    }

    /** Every third recipe is a rule violation; the others walk through byte kinds x domains. */
    private static List<Recipe> recipes() {
        List<Recipe> bytes = new ArrayList<>();
        for (Bytes b : Bytes.values()) {
            for (Domain d : Domain.values()) {
                bytes.add(new Recipe(b, d, null));
            }
        }
        List<Recipe> all = new ArrayList<>();
        int rule = 0;
        for (Recipe r : bytes) {
            all.add(r);
            if (all.size() % 3 == 2 && rule < Rule.values().length) {
                all.add(new Recipe(null, null, Rule.values()[rule++]));
            }
        }
        while (rule < Rule.values().length) {
            all.add(new Recipe(null, null, Rule.values()[rule++]));
        }
        return List.copyOf(all);
    }

    static int recipeCount() {
        return RECIPES.size();
    }

    /**
     * Drafts {@code count} bad records. The round-robin continues across chunks (chunk k starts where a chunk of
     * the same size before it stopped), so a stream of small chunks still cycles through every recipe.
     */
    void draft(int count) {
        long first = (long) ctx.chunk * count;
        for (int n = 0; n < count; n++) {
            Recipe recipe = RECIPES.get((int) ((first + n) % RECIPES.size()));
            long slot = ctx.startSlot();
            if (recipe.rule() != null) {
                rule(slot, recipe.rule(), n);
            } else {
                bytes(slot, recipe.bytes(), recipe.domain(), n);
            }
        }
    }

    private String keyOf(Domain domain, int n) {
        return switch (domain) {
            case ORDERS -> orderIds.isEmpty() ? ctx.id("o", n, 6) : orderIds.get(ctx.rnd.nextInt(orderIds.size()));
            case INVENTORY -> Vocabulary.sku(ctx.rnd.nextInt(Vocabulary.SKU_COUNT));
            case FULFILLMENT -> shipmentIds.isEmpty() ? ctx.id("s", n, 6)
                    : shipmentIds.get(ctx.rnd.nextInt(shipmentIds.size()));
        };
    }

    /** A well-formed event of the domain, used as the starting point of a broken value. */
    private Expectation sample(Domain domain, String key, long ts, int n) {
        return switch (domain) {
            case ORDERS -> new Expectation.OrderChange("u", key, 1, ts, image(key, ts), image(key, ts), 2);
            case INVENTORY -> new Expectation.InventoryEvent(ctx.id("i-bad", n, 5), key, Vocabulary.warehouse(0), 1,
                    "RECEIPT", ts);
            case FULFILLMENT -> new Expectation.FulfillmentEvent(ctx.id("f-bad", n, 5), ctx.id("o", 0, 6), key,
                    "SHIPPED", "UPS", Vocabulary.warehouse(0), ts);
        };
    }

    private static Expectation.OrderImage image(String orderId, long ts) {
        return new Expectation.OrderImage(orderId, "c-0", ts, "EU", "HOME", Vocabulary.sku(3), 1, 999, "PAID", "EUR",
                "web");
    }

    private void bytes(long slot, Bytes kind, Domain domain, int n) {
        String key = keyOf(domain, n);
        Expectation sample = sample(domain, key, ctx.nominalMs(slot), n);
        int id = ctx.wire.schemaIdOf(sample);
        byte[] body = ctx.wire.body(sample);
        byte[] valid = WireFormat.encode(id, body);
        switch (kind) {
            case NULL_VALUE -> ctx.raw(slot, domain, key, null, poison("NULL_VALUE", "null value"));
            case EMPTY_VALUE -> ctx.raw(slot, domain, key, new byte[0], poison("NULL_VALUE", "zero-byte value"));
            case BAD_MAGIC_BYTE -> {
                valid[0] = 1;
                ctx.raw(slot, domain, key, valid, poison("BAD_MAGIC", "magic byte 1"));
            }
            case SHORT_VALUE -> ctx.raw(slot, domain, key, new byte[] {0, 0, 0},
                    poison("BAD_MAGIC", "3-byte value"));
            case UNKNOWN_SCHEMA -> ctx.raw(slot, domain, key, WireFormat.encode(WireEncoder.UNKNOWN_SCHEMA_ID, body),
                    poison("UNKNOWN_SCHEMA", "schema id " + WireEncoder.UNKNOWN_SCHEMA_ID));
            case TRUNCATED -> ctx.raw(slot, domain, key, Arrays.copyOf(valid, 5 + body.length / 2),
                    poison("MALFORMED", "body truncated to " + body.length / 2 + " of " + body.length + " bytes"));
            case NEGATIVE_STRING_LENGTH -> {
                // Every writer schema starts with a string; zigzag varint 0x09 is the long -5: a negative length.
                byte[] broken = body.clone();
                broken[0] = 0x09;
                ctx.raw(slot, domain, key, WireFormat.encode(id, broken),
                        poison("MALFORMED", "long -5 where the first string field's length is expected"));
            }
            case TRAILING_BYTES -> ctx.raw(slot, domain, key, Arrays.copyOf(valid, valid.length + 2),
                    poison("MALFORMED", "2 bytes left over after the record"));
        }
    }

    private static Expectation.Poison poison(String status, String detail) {
        return new Expectation.Poison(status, detail);
    }

    /** Decodable events that break a rule; some reuse live keys with a huge seq, to catch leaks into Silver. */
    private void rule(long slot, Rule rule, int n) {
        long ts = ctx.nominalMs(slot);
        long trapSeq = 1_000_000_000L + n;
        switch (rule) {
            case ORDER_BAD_OP, ORDER_MISSING_IMAGE, ORDER_EMPTY_ID -> {
                String key = keyOf(Domain.ORDERS, n);
                Expectation e = switch (rule) {
                    case ORDER_BAD_OP -> new Expectation.OrderChange("x", key, trapSeq, ts, null, image(key, ts), 2);
                    case ORDER_MISSING_IMAGE -> new Expectation.OrderChange("u", key, trapSeq, ts, image(key, ts),
                            null, 2);
                    default -> new Expectation.OrderChange("c", "", trapSeq, ts, null, null, 2);
                };
                ctx.event(slot, Domain.ORDERS, key, e, false);
            }
            case INVENTORY_EMPTY_SKU, INVENTORY_EMPTY_EVENT_ID -> {
                String key = keyOf(Domain.INVENTORY, n);
                String eventId = rule == Rule.INVENTORY_EMPTY_SKU ? ctx.id("i-bad", n, 5) : "";
                ctx.event(slot, Domain.INVENTORY, key, new Expectation.InventoryEvent(eventId, "",
                        Vocabulary.warehouse(1), 7, "RECEIPT", ts), false);
            }
            default -> {
                String key = keyOf(Domain.FULFILLMENT, n);
                String orderId = orderIds.isEmpty() ? ctx.id("o", 0, 6) : orderIds.get(0);
                Expectation e = switch (rule) {
                    case FULFILLMENT_BAD_STATUS -> new Expectation.FulfillmentEvent(ctx.id("f-bad", n, 5), orderId,
                            key, "LOST", "DHL", Vocabulary.warehouse(2), ts);
                    case FULFILLMENT_EMPTY_SHIPMENT_ID -> new Expectation.FulfillmentEvent(ctx.id("f-bad", n, 5),
                            orderId, "", "LOST", "DHL", Vocabulary.warehouse(2), ts);
                    default -> new Expectation.FulfillmentEvent("", orderId, "", "DELIVERED", "DHL",
                            Vocabulary.warehouse(2), ts);
                };
                ctx.event(slot, Domain.FULFILLMENT, key, e, false);
            }
        }
    }
}

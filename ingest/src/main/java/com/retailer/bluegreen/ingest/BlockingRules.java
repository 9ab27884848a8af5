package com.retailer.bluegreen.ingest;

import com.retailer.bluegreen.layout.Domain;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;

/**
 * The blocking rules of docs/semantics.md, per domain, in the order the doc lists them. Evaluated on the
 * reader-resolved record, whose strings are {@code Utf8}, so every comparison goes through {@code toString()}.
 */
final class BlockingRules {

    /** A named check; {@code passes} sees a record already resolved to the domain's reader schema. */
    record Rule(String name, Predicate<GenericRecord> passes) {
    }

    private static final Set<String> ORDER_OPS = Set.of("c", "u", "d");
    private static final Set<String> SHIPMENT_STATUSES = Set.of("PICKED", "PACKED", "SHIPPED", "DELIVERED");

    private static final List<Rule> ORDERS = List.of(
            new Rule("op_valid", r -> ORDER_OPS.contains(text(r, "op"))),
            new Rule("order_id_present", r -> nonEmpty(r, "order_id")),
            new Rule("image_present", BlockingRules::imagePresent));

    private static final List<Rule> INVENTORY = List.of(
            new Rule("event_id_present", r -> nonEmpty(r, "event_id")),
            new Rule("sku_present", r -> nonEmpty(r, "sku")));

    private static final List<Rule> FULFILLMENT = List.of(
            new Rule("event_id_present", r -> nonEmpty(r, "event_id")),
            new Rule("shipment_id_present", r -> nonEmpty(r, "shipment_id")),
            new Rule("status_valid", r -> SHIPMENT_STATUSES.contains(text(r, "status"))));

    private BlockingRules() {
    }

    static List<Rule> of(Domain domain) {
        return switch (domain) {
            case ORDERS -> ORDERS;
            case INVENTORY -> INVENTORY;
            case FULFILLMENT -> FULFILLMENT;
        };
    }

    /** The name of the first rule {@code record} fails, or empty if it passes them all. */
    static Optional<String> firstViolation(Domain domain, GenericRecord record) {
        for (Rule rule : of(domain)) {
            if (!rule.passes().test(record)) {
                return Optional.of(rule.name());
            }
        }
        return Optional.empty();
    }

    private static boolean imagePresent(GenericRecord r) {
        String op = text(r, "op");
        if ("d".equals(op)) {
            return r.get("before") != null;
        }
        // op_valid ran first, so op is c or u here.
        return r.get("after") != null;
    }

    private static boolean nonEmpty(GenericRecord r, String field) {
        String value = text(r, field);
        return value != null && !value.isEmpty();
    }

    private static String text(GenericRecord r, String field) {
        Object value = r.get(field);
        return value == null ? null : value.toString();
    }
}

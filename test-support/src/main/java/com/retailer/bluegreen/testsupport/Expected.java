package com.retailer.bluegreen.testsupport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What every table must hold according to {@code docs/semantics.md}, as computed by the {@link Oracle}: immutable
 * maps from a table's key to a row record whose components mirror the table's columns in order (STRING → String,
 * INT → Integer, BIGINT → Long, BOOLEAN → Boolean, TIMESTAMP → Instant with millisecond precision, DATE →
 * LocalDate in UTC).
 *
 * @param bronzeStatus     every Kafka record's Bronze {@code decode_status}, by coordinates
 * @param quarantineReason the non-OK records: {@code rule:<name>} for {@code RULE_VIOLATION}, otherwise the status
 *                         name (the pipeline's reason text for those comes from decoder messages: not compared)
 */
public record Expected(Map<Coord, String> bronzeStatus, Map<Coord, String> quarantineReason,
                       Map<String, OrderRow> orders, Map<String, MovementRow> movements,
                       Map<String, ShipmentRow> shipments, Map<RevenueKey, RevenueRow> revenue,
                       Map<OnHandKey, OnHandRow> onHand, Map<SlaKey, SlaRow> sla,
                       Map<ProductKey, ProductRow> products, Map<WarehouseKey, WarehouseRow> warehouses,
                       Map<CarrierKey, CarrierRow> carriers) {

    public Expected {
        bronzeStatus = copy(bronzeStatus);
        quarantineReason = copy(quarantineReason);
        orders = copy(orders);
        movements = copy(movements);
        shipments = copy(shipments);
        revenue = copy(revenue);
        onHand = copy(onHand);
        sla = copy(sla);
        products = copy(products);
        warehouses = copy(warehouses);
        carriers = copy(carriers);
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        return Collections.unmodifiableMap(new HashMap<>(map));
    }

    /** Silver {@code orders}; a tombstone has {@code isDeleted = true} and null image columns. */
    public record OrderRow(String orderId, Long seq, String op, Boolean isDeleted, String customerId, Instant orderTs,
                           LocalDate orderDate, String region, String category, String sku, Integer quantity,
                           Long amountCents, String status, String currency, String channel, Instant sourceTs,
                           Integer srcPartition, Long srcOffset) {
    }

    /** Silver {@code inventory_movements}. */
    public record MovementRow(String eventId, String sku, String warehouseId, Integer quantityDelta, String reason,
                              Instant eventTs, LocalDate eventDate, Integer srcPartition, Long srcOffset) {
    }

    /** Silver {@code shipments}; milestone timestamps are null when the shipment has no event of that status. */
    public record ShipmentRow(String shipmentId, String orderId, String status, Integer statusRank,
                              String warehouseId, String carrierId, Instant lastEventTs, Instant pickedTs,
                              Instant packedTs, Instant shippedTs, Instant deliveredTs, Integer srcPartition,
                              Long srcOffset) {
    }

    public record RevenueKey(LocalDate orderDate, String region, String category) {
    }

    /** Gold {@code daily_revenue}. */
    public record RevenueRow(LocalDate orderDate, String region, String category, Long revenueCents,
                             Long orderCount) {
    }

    public record OnHandKey(String sku, String warehouseId) {
    }

    /** Gold {@code inventory_on_hand}. */
    public record OnHandRow(String sku, String warehouseId, Long onHand, Long movementCount) {
    }

    public record SlaKey(LocalDate shipDate, String warehouseId, String carrierId) {
    }

    /** Gold {@code fulfillment_sla}. */
    public record SlaRow(LocalDate shipDate, String warehouseId, String carrierId, Long shippedCount,
                         Long deliveredCount, Long onTimeCount, Long deliverySeconds) {
    }

    public record ProductKey(String sku, LocalDate effectiveDate) {
    }

    /** {@code ref_products}. */
    public record ProductRow(String sku, String category, Long priceCents, LocalDate effectiveDate,
                             String fileChecksum) {
    }

    public record WarehouseKey(String warehouseId, LocalDate effectiveDate) {
    }

    /** {@code ref_warehouses}. */
    public record WarehouseRow(String warehouseId, String region, LocalDate effectiveDate, String fileChecksum) {
    }

    public record CarrierKey(String carrierId, LocalDate effectiveDate) {
    }

    /** {@code ref_carriers}. */
    public record CarrierRow(String carrierId, String name, LocalDate effectiveDate, String fileChecksum) {
    }

    /** Bronze row count with the given status. */
    public long countWithStatus(String status) {
        return bronzeStatus.values().stream().filter(status::equals).count();
    }

    /** One line of table sizes, for logs and reports. */
    public String summary() {
        return "bronze=" + bronzeStatus.size() + " quarantine=" + quarantineReason.size() + " orders=" + orders.size()
                + " movements=" + movements.size() + " shipments=" + shipments.size() + " revenue=" + revenue.size()
                + " onHand=" + onHand.size() + " sla=" + sla.size() + " products=" + products.size()
                + " warehouses=" + warehouses.size() + " carriers=" + carriers.size();
    }
}

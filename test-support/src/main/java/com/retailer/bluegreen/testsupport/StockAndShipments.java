package com.retailer.bluegreen.testsupport;

import static com.retailer.bluegreen.testsupport.ChunkContext.HOUR_MS;

import com.retailer.bluegreen.layout.Domain;
import java.util.ArrayList;
import java.util.List;

/**
 * Drafts the inventory movements and the shipment lifecycles of a chunk.
 *
 * <p>Movements {@code i % 5 < 2} are receipts or returns (positive deltas), the others sales, damage or adjustments
 * (negative). Shipment {@code j % 10} picks a forced irregularity: 0 = DELIVERED delivered before SHIPPED, 1 = a
 * second SHIPPED event with an earlier time delivered later (the milestone keeps the smaller time), 2 = a second
 * DELIVERED with a later time (it wins), 3 = only PICKED, 4 = shipped, not delivered; the rest are random.
 */
final class StockAndShipments {
    private final ChunkContext ctx;
    private final List<String> shipmentIds = new ArrayList<>();
    private int fulfillmentEvents;

    StockAndShipments(ChunkContext ctx) {
        this.ctx = ctx;
    }

    void draftInventory() {
        for (int i = 0; i < ctx.config.inventoryEvents(); i++) {
            String id = ctx.id("i", (long) ctx.chunk * ctx.config.inventoryEvents() + i, 7);
            String sku = Vocabulary.sku(ctx.rnd.nextInt(Vocabulary.SKU_COUNT));
            String warehouse = Vocabulary.warehouse(ctx.rnd.nextInt(Vocabulary.WAREHOUSE_COUNT));
            String reason;
            int delta;
            double r = ctx.rnd.nextDouble();
            if (i % 5 < 2) {
                reason = r < 0.8 ? "RECEIPT" : "RETURN";
                delta = r < 0.8 ? 10 + ctx.rnd.nextInt(191) : 1 + ctx.rnd.nextInt(3);
            } else {
                reason = r < 0.75 ? "SALE" : r < 0.9 ? "DAMAGE" : "ADJUSTMENT";
                delta = -(r < 0.75 ? 1 + ctx.rnd.nextInt(5) : r < 0.9 ? 1 + ctx.rnd.nextInt(2) : 1 + ctx.rnd.nextInt(10));
            }
            long slot = ctx.startSlot();
            long ts = ctx.nominalMs(slot) - ctx.rnd.nextLong(120_000) - (ctx.late(i) ? ctx.lateShiftMs() : 0);
            ctx.event(slot, Domain.INVENTORY, sku,
                    new Expectation.InventoryEvent(id, sku, warehouse, delta, reason, ts), true);
        }
    }

    /** Drafts every shipment; returns their ids. */
    List<String> draftShipments(List<String> orderIds) {
        for (int j = 0; j < ctx.config.shipments(); j++) {
            shipment(j, orderIds);
        }
        return List.copyOf(shipmentIds);
    }

    private void shipment(int j, List<String> orderIds) {
        String id = ctx.id("s", (long) ctx.chunk * ctx.config.shipments() + j, 6);
        shipmentIds.add(id);
        String orderId = orderIds.isEmpty() ? ctx.id("o", j, 6) : orderIds.get(ctx.rnd.nextInt(orderIds.size()));
        String warehouse = Vocabulary.warehouse(ctx.rnd.nextInt(Vocabulary.WAREHOUSE_COUNT));
        String carrier = Vocabulary.CARRIER_IDS.get(ctx.rnd.nextInt(Vocabulary.CARRIER_IDS.size()));
        int flavor = j % 10;
        int reach = reach(flavor);

        long slot = ctx.startSlot();
        // The whole lifecycle (at most ~80 h) lies before the nominal delivery time of its first record.
        long[] ts = new long[4];
        ts[0] = ctx.nominalMs(slot) - ctx.between(100, 130) * HOUR_MS - ctx.rnd.nextLong(HOUR_MS)
                - (ctx.late(j) ? ctx.lateShiftMs() : 0);
        ts[1] = ts[0] + ctx.between(10 * 60_000L, 90 * 60_000L);
        ts[2] = ts[1] + ctx.between(HOUR_MS, 6 * HOUR_MS);
        ts[3] = ts[2] + ctx.between(12 * HOUR_MS, 72 * HOUR_MS);
        long[] slots = new long[4];
        for (int k = 0; k < 4; k++) {
            slots[k] = slot;
            slot += ctx.gap();
        }
        if (flavor == 0) {
            long shipped = slots[2];
            slots[2] = slots[3];
            slots[3] = shipped;
        }
        for (int k = 0; k < reach; k++) {
            emit(slots[k], id, orderId, Vocabulary.MILESTONES.get(k), carrier, warehouse, ts[k]);
        }
        if (flavor == 1) {
            emit(slots[2] + 1 + ctx.rnd.nextLong(10), id, orderId, "SHIPPED", carrier, warehouse, ts[2] - 300_000);
        } else if (flavor == 2) {
            emit(slots[3] + 1 + ctx.rnd.nextLong(10), id, orderId, "DELIVERED", carrier, warehouse, ts[3] + HOUR_MS);
        }
    }

    private int reach(int flavor) {
        return switch (flavor) {
            case 0, 1, 2 -> 4;
            case 3 -> 1;
            case 4 -> 3;
            default -> {
                double r = ctx.rnd.nextDouble();
                yield r < 0.08 ? 1 : r < 0.16 ? 2 : r < 0.35 ? 3 : 4;
            }
        };
    }

    private void emit(long slot, String shipmentId, String orderId, String status, String carrier, String warehouse,
                      long ts) {
        String eventId = ctx.id("f", (long) ctx.chunk * ctx.config.shipments() * 6 + fulfillmentEvents++, 7);
        ctx.event(slot, Domain.FULFILLMENT, shipmentId,
                new Expectation.FulfillmentEvent(eventId, orderId, shipmentId, status, carrier, warehouse, ts), true);
    }
}

package com.retailer.bluegreen.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Gold as the sum of the contributions of the current Silver rows ({@code docs/semantics.md}, "Gold"). Keys whose
 * count measure sums to zero are absent; since every contribution counts 1, a key exists iff a row contributes.
 */
final class GoldOracle {
    private static final long ON_TIME_MS = Duration.ofHours(48).toMillis();

    private GoldOracle() {
    }

    static Map<Expected.RevenueKey, Expected.RevenueRow> revenue(Collection<Expected.OrderRow> orders) {
        Map<Expected.RevenueKey, Expected.RevenueRow> gold = new HashMap<>();
        for (Expected.OrderRow o : orders) {
            if (o.isDeleted()) {
                continue;
            }
            Expected.RevenueKey key = new Expected.RevenueKey(o.orderDate(), o.region(), o.category());
            gold.merge(key, new Expected.RevenueRow(o.orderDate(), o.region(), o.category(), o.amountCents(), 1L),
                    (a, b) -> new Expected.RevenueRow(a.orderDate(), a.region(), a.category(),
                            a.revenueCents() + b.revenueCents(), a.orderCount() + b.orderCount()));
        }
        return gold;
    }

    /** {@code daily_revenue.units_sold} (release 2): the quantities of the live orders per revenue key. */
    static Map<Expected.RevenueKey, Long> unitsSold(Collection<Expected.OrderRow> orders) {
        Map<Expected.RevenueKey, Long> units = new HashMap<>();
        for (Expected.OrderRow o : orders) {
            if (!o.isDeleted()) {
                units.merge(new Expected.RevenueKey(o.orderDate(), o.region(), o.category()),
                        o.quantity() == null ? 0L : o.quantity().longValue(), Long::sum);
            }
        }
        return units;
    }

    static Map<Expected.OnHandKey, Expected.OnHandRow> onHand(Collection<Expected.MovementRow> movements) {
        Map<Expected.OnHandKey, Expected.OnHandRow> gold = new HashMap<>();
        for (Expected.MovementRow m : movements) {
            Expected.OnHandKey key = new Expected.OnHandKey(m.sku(), m.warehouseId());
            gold.merge(key, new Expected.OnHandRow(m.sku(), m.warehouseId(), (long) m.quantityDelta(), 1L),
                    (a, b) -> new Expected.OnHandRow(a.sku(), a.warehouseId(), a.onHand() + b.onHand(),
                            a.movementCount() + b.movementCount()));
        }
        return gold;
    }

    static Map<Expected.SlaKey, Expected.SlaRow> sla(Collection<Expected.ShipmentRow> shipments) {
        Map<Expected.SlaKey, Expected.SlaRow> gold = new HashMap<>();
        for (Expected.ShipmentRow s : shipments) {
            if (s.shippedTs() == null) {
                continue;
            }
            Expected.SlaKey key = new Expected.SlaKey(Oracle.date(s.shippedTs()), s.warehouseId(), s.carrierId());
            gold.merge(key, contribution(key, s.shippedTs(), s.deliveredTs()), GoldOracle::add);
        }
        return gold;
    }

    private static Expected.SlaRow contribution(Expected.SlaKey key, Instant shipped, Instant delivered) {
        if (delivered == null) {
            return new Expected.SlaRow(key.shipDate(), key.warehouseId(), key.carrierId(), 1L, 0L, 0L, 0L);
        }
        long ms = delivered.toEpochMilli() - shipped.toEpochMilli();
        return new Expected.SlaRow(key.shipDate(), key.warehouseId(), key.carrierId(), 1L, 1L,
                ms <= ON_TIME_MS ? 1L : 0L, Math.floorDiv(ms, 1000L));
    }

    private static Expected.SlaRow add(Expected.SlaRow a, Expected.SlaRow b) {
        return new Expected.SlaRow(a.shipDate(), a.warehouseId(), a.carrierId(), a.shippedCount() + b.shippedCount(),
                a.deliveredCount() + b.deliveredCount(), a.onTimeCount() + b.onTimeCount(),
                a.deliverySeconds() + b.deliverySeconds());
    }
}

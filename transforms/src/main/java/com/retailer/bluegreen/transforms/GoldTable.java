package com.retailer.bluegreen.transforms;

import java.util.List;

/**
 * How one Gold table is maintained from the change feed: which feed rows ({@code src}) feed it, how feed key
 * columns map to table key columns, the additive measures (feed columns m1..mN in order) and the count measure
 * whose zero means the row no longer exists.
 */
record GoldTable(String table, String src, List<String> feedKeys, List<String> keys, List<String> measures,
                 String countMeasure) {

    /** The Gold tables of a colour running with {@code features}, in the order a Gold batch writes them. */
    static List<GoldTable> all(Features features) {
        List<String> revenue = features.unitsSold()
                ? List.of("revenue_cents", "order_count", Features.UNITS_SOLD)
                : List.of("revenue_cents", "order_count");
        return List.of(
            new GoldTable(Tables.REVENUE, GoldFeed.ORDERS, List.of("k_date", "k1", "k2"),
                    List.of("order_date", "region", "category"), revenue, "order_count"),
            new GoldTable(Tables.ON_HAND, GoldFeed.INVENTORY, List.of("k1", "k2"),
                    List.of("sku", "warehouse_id"), List.of("on_hand", "movement_count"), "movement_count"),
            new GoldTable(Tables.SLA, GoldFeed.SHIPMENTS, List.of("k_date", "k1", "k2"),
                    List.of("ship_date", "warehouse_id", "carrier_id"),
                    List.of("shipped_count", "delivered_count", "on_time_count", "delivery_seconds"),
                    "shipped_count"));
    }

    GoldTable {
        feedKeys = List.copyOf(feedKeys);
        keys = List.copyOf(keys);
        measures = List.copyOf(measures);
    }
}

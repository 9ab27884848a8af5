package com.retailer.bluegreen.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Table-by-table differences between two {@link Expected} states, spelled out for humans (empty = equal). */
public final class OracleDiff {
    private OracleDiff() {
    }

    /** Every table, Bronze statuses and quarantine included. */
    public static List<String> allTables(Expected expected, Expected actual) {
        List<String> problems = new ArrayList<>();
        diff("bronze", expected.bronzeStatus(), actual.bronzeStatus(), problems);
        diff("quarantine", expected.quarantineReason(), actual.quarantineReason(), problems);
        problems.addAll(silverGold(expected, actual));
        diff("ref_products", expected.products(), actual.products(), problems);
        diff("ref_warehouses", expected.warehouses(), actual.warehouses(), problems);
        diff("ref_carriers", expected.carriers(), actual.carriers(), problems);
        return problems;
    }

    /** Silver and Gold only (to compare two runs of the pipeline with each other). */
    public static List<String> silverGold(Expected a, Expected b) {
        List<String> problems = new ArrayList<>();
        diff("orders", a.orders(), b.orders(), problems);
        diff("inventory_movements", a.movements(), b.movements(), problems);
        diff("shipments", a.shipments(), b.shipments(), problems);
        diff("daily_revenue", a.revenue(), b.revenue(), problems);
        diff("inventory_on_hand", a.onHand(), b.onHand(), problems);
        diff("fulfillment_sla", a.sla(), b.sla(), problems);
        return problems;
    }

    /** {@code daily_revenue.units_sold}, the column release 2 adds. */
    public static List<String> unitsSold(Map<Expected.RevenueKey, Long> expected, Map<Expected.RevenueKey, Long> actual) {
        List<String> problems = new ArrayList<>();
        diff("daily_revenue.units_sold", expected, actual, problems);
        return problems;
    }

    static <K, V> void diff(String table, Map<K, V> expected, Map<K, V> actual, List<String> problems) {
        int shown = 0;
        int missing = 0;
        int extra = 0;
        int different = 0;
        for (Map.Entry<K, V> e : expected.entrySet()) {
            V a = actual.get(e.getKey());
            if (a == null) {
                missing++;
                if (shown++ < 3) {
                    problems.add(table + ": missing " + e.getValue());
                }
            } else if (!Objects.equals(e.getValue(), a)) {
                different++;
                if (shown++ < 3) {
                    problems.add(table + ": expected " + e.getValue() + "\n      but was  " + a);
                }
            }
        }
        for (Map.Entry<K, V> e : actual.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                extra++;
                if (shown++ < 3) {
                    problems.add(table + ": unexpected " + e.getValue());
                }
            }
        }
        if (missing + extra + different > 0) {
            problems.add(table + ": " + missing + " missing, " + extra + " unexpected, " + different
                    + " different of " + expected.size() + " expected rows");
        }
    }
}

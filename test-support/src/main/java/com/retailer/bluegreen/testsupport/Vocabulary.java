package com.retailer.bluegreen.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The small, fixed business vocabulary shared by the traffic generator and the reference files: regions,
 * categories, skus (each with a base category and price), warehouses (each with a home region) and carriers.
 */
public final class Vocabulary {
    public static final List<String> REGIONS = List.of("NA-EAST", "NA-WEST", "EU", "APAC");
    public static final List<String> CATEGORIES = List.of("ELECTRONICS", "GROCERY", "APPAREL", "HOME", "TOYS",
            "BEAUTY");
    public static final List<String> CHANNELS = List.of("web", "store", "app", "marketplace");
    public static final List<String> ORDER_STATUSES = List.of("PLACED", "PAID", "PACKED", "SHIPPED", "COMPLETED");
    public static final List<String> MILESTONES = List.of("PICKED", "PACKED", "SHIPPED", "DELIVERED");
    /** Carrier id to display name. */
    public static final Map<String, String> CARRIERS = Map.of(
            "UPS", "United Parcel Service", "FEDEX", "FedEx", "DHL", "DHL Express", "USPS", "US Postal Service",
            "DPD", "DPD Group");
    public static final List<String> CARRIER_IDS = List.of("UPS", "FEDEX", "DHL", "USPS", "DPD");
    public static final int SKU_COUNT = 48;
    public static final int WAREHOUSE_COUNT = 6;

    private Vocabulary() {
    }

    /** {@code SKU-0001} .. {@code SKU-0048}. */
    public static List<String> skus() {
        List<String> skus = new ArrayList<>(SKU_COUNT);
        for (int i = 1; i <= SKU_COUNT; i++) {
            skus.add(sku(i - 1));
        }
        return skus;
    }

    static String sku(int index) {
        return String.format("SKU-%04d", index + 1);
    }

    /** The category a sku belongs to before any reference file recategorises it. */
    static String baseCategory(int skuIndex) {
        return CATEGORIES.get(skuIndex % CATEGORIES.size());
    }

    /** Base unit price in cents: 199 .. about 25,000, fixed per sku. */
    static long basePriceCents(int skuIndex) {
        return 199 + (skuIndex * 7919L) % 24_800;
    }

    /** {@code WH-01} .. {@code WH-06}. */
    public static List<String> warehouses() {
        List<String> ids = new ArrayList<>(WAREHOUSE_COUNT);
        for (int i = 0; i < WAREHOUSE_COUNT; i++) {
            ids.add(warehouse(i));
        }
        return ids;
    }

    static String warehouse(int index) {
        return String.format("WH-%02d", index + 1);
    }

    static String warehouseRegion(int index) {
        return REGIONS.get(index % REGIONS.size());
    }

    static String currencyOf(String region) {
        return switch (region) {
            case "EU" -> "EUR";
            case "APAC" -> "JPY";
            default -> "USD";
        };
    }
}

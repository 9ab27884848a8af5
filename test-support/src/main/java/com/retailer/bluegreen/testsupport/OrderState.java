package com.retailer.bluegreen.testsupport;

/** The mutable source-side row of one order while its CDC history is drafted. */
final class OrderState {
    private final String orderId;
    private final String customerId;
    private final String currency;
    private final String channel;
    private long orderTsMs;
    private String region;
    private int skuIndex;
    private int quantity;
    private int statusIndex;

    private OrderState(String orderId, String customerId, long orderTsMs, String region, int skuIndex, int quantity,
                       String channel) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.orderTsMs = orderTsMs;
        this.region = region;
        this.skuIndex = skuIndex;
        this.quantity = quantity;
        this.currency = Vocabulary.currencyOf(region);
        this.channel = channel;
    }

    static OrderState create(ChunkContext ctx, String orderId, long orderTsMs) {
        int customers = Math.max(1, ctx.config.orders() / 2);
        String customer = ctx.config.runTag() + "-c-" + String.format("%05d", ctx.rnd.nextInt(customers));
        String region = Vocabulary.REGIONS.get(ctx.rnd.nextInt(Vocabulary.REGIONS.size()));
        String channel = Vocabulary.CHANNELS.get(ctx.rnd.nextInt(Vocabulary.CHANNELS.size()));
        return new OrderState(orderId, customer, orderTsMs, region, ctx.rnd.nextInt(Vocabulary.SKU_COUNT),
                1 + ctx.rnd.nextInt(5), channel);
    }

    Expectation.OrderImage image() {
        return new Expectation.OrderImage(orderId, customerId, orderTsMs, region, Vocabulary.baseCategory(skuIndex),
                Vocabulary.sku(skuIndex), quantity, quantity * Vocabulary.basePriceCents(skuIndex),
                Vocabulary.ORDER_STATUSES.get(statusIndex), currency, channel);
    }

    void advanceStatus() {
        statusIndex = Math.min(statusIndex + 1, Vocabulary.ORDER_STATUSES.size() - 1);
    }

    void changeQuantity(ChunkContext ctx) {
        quantity = 1 + (quantity + ctx.rnd.nextInt(4)) % 6;
    }

    /** Corrects the order time by 1..3 whole days either way: a different order date. */
    void moveDay(ChunkContext ctx) {
        long days = 1 + ctx.rnd.nextInt(3);
        orderTsMs += (ctx.rnd.nextBoolean() ? days : -days) * ChunkContext.DAY_MS;
    }

    void moveRegion(ChunkContext ctx) {
        int current = Vocabulary.REGIONS.indexOf(region);
        region = Vocabulary.REGIONS.get((current + 1 + ctx.rnd.nextInt(Vocabulary.REGIONS.size() - 1))
                % Vocabulary.REGIONS.size());
    }

    /** Swaps the line item for a sku of another category (shifts of 1..5 never land on the same category). */
    void moveCategory(ChunkContext ctx) {
        skuIndex = (skuIndex + 1 + ctx.rnd.nextInt(Vocabulary.CATEGORIES.size() - 1)) % Vocabulary.SKU_COUNT;
    }
}

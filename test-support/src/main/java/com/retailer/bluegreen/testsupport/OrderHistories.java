package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.layout.Domain;
import java.util.ArrayList;
import java.util.List;

/**
 * Drafts the CDC history of each order of a chunk: an insert, 0..3 updates (sequence numbers increasing with gaps),
 * sometimes a delete. Order {@code i} gets flavour {@code i % 20}: flavours 0..8 force one irregularity each, so
 * every run of at least 9 orders has them all; the rest are random.
 */
final class OrderHistories {
    private enum Flavor {
        /** c, u, d; the update is delivered after the delete (must not resurrect). */
        RESURRECT,
        /** c, u, u' with u'.seq == u.seq; u' is delivered later and wins. */
        EQUAL_SEQ,
        /** c, u1, u2; u1 is delivered after u2. */
        SWAPPED_UPDATES,
        DAY_MOVE, REGION_MOVE, CATEGORY_MOVE,
        /** The first record is written with writer v1, later ones with v2. */
        V1_TO_V2,
        ALL_V1,
        /** Ends with a delete, delivered in order. */
        DELETED,
        RANDOM
    }

    private static final int FORCED = Flavor.values().length - 1;

    /** One CDC record under construction. */
    private record Cdc(String op, long seq, long slot, Expectation.OrderImage before, Expectation.OrderImage after) {
    }

    private final ChunkContext ctx;
    private final List<String> orderIds = new ArrayList<>();

    OrderHistories(ChunkContext ctx) {
        this.ctx = ctx;
    }

    /** Drafts every order of the chunk; returns their ids. */
    List<String> draft() {
        int n = ctx.config.orders();
        for (int i = 0; i < n; i++) {
            int f = i % 20;
            order(i, f < FORCED ? Flavor.values()[f] : Flavor.RANDOM);
        }
        return List.copyOf(orderIds);
    }

    private void order(int i, Flavor flavor) {
        String id = ctx.id("o", (long) ctx.chunk * ctx.config.orders() + i, 6);
        orderIds.add(id);
        long slot = ctx.startSlot();
        long orderTs = ctx.nominalMs(slot) - ctx.rnd.nextLong(600_000) - (ctx.late(i) ? ctx.lateShiftMs() : 0);
        OrderState state = OrderState.create(ctx, id, orderTs);

        List<Cdc> history = new ArrayList<>();
        long seq = 1 + ctx.rnd.nextInt(3);
        history.add(new Cdc("c", seq, slot, null, state.image()));
        int updates = updates(flavor);
        for (int u = 0; u < updates; u++) {
            slot += ctx.gap();
            seq += 1 + ctx.rnd.nextInt(3);
            Expectation.OrderImage before = state.image();
            mutate(state, flavor, u);
            history.add(new Cdc("u", seq, slot, before, state.image()));
        }
        if (flavor == Flavor.EQUAL_SEQ) {
            slot += 1 + ctx.rnd.nextLong(20);
            Expectation.OrderImage before = state.image();
            state.changeQuantity(ctx);
            history.add(new Cdc("u", seq, slot, before, state.image()));
        }
        boolean delete = flavor == Flavor.RESURRECT || flavor == Flavor.DELETED
                || (flavor == Flavor.RANDOM && ctx.rnd.nextDouble() < 0.10);
        if (delete) {
            slot += ctx.gap();
            seq += 1 + ctx.rnd.nextInt(3);
            history.add(new Cdc("d", seq, slot, state.image(), null));
        }
        emit(id, flavor, history);
    }

    private int updates(Flavor flavor) {
        return switch (flavor) {
            case RESURRECT, EQUAL_SEQ -> 1;
            case SWAPPED_UPDATES, V1_TO_V2 -> 2;
            case DAY_MOVE, REGION_MOVE, CATEGORY_MOVE, ALL_V1 -> 1 + ctx.rnd.nextInt(2);
            case DELETED -> ctx.rnd.nextInt(2);
            case RANDOM -> {
                double r = ctx.rnd.nextDouble();
                yield r < 0.25 ? 0 : r < 0.60 ? 1 : r < 0.85 ? 2 : 3;
            }
        };
    }

    private void mutate(OrderState state, Flavor flavor, int updateIndex) {
        state.advanceStatus();
        boolean first = updateIndex == 0;
        if (ctx.rnd.nextDouble() < 0.25) {
            state.changeQuantity(ctx);
        }
        if ((first && flavor == Flavor.DAY_MOVE) || (flavor == Flavor.RANDOM && ctx.rnd.nextDouble() < 0.08)) {
            state.moveDay(ctx);
        }
        if ((first && flavor == Flavor.REGION_MOVE) || (flavor == Flavor.RANDOM && ctx.rnd.nextDouble() < 0.08)) {
            state.moveRegion(ctx);
        }
        if ((first && flavor == Flavor.CATEGORY_MOVE) || (flavor == Flavor.RANDOM && ctx.rnd.nextDouble() < 0.08)) {
            state.moveCategory(ctx);
        }
    }

    /** Picks writer versions and delivery slots (the out-of-order cases), then drafts the records. */
    private void emit(String id, Flavor flavor, List<Cdc> history) {
        long[] delivery = history.stream().mapToLong(Cdc::slot).toArray();
        int last = history.size() - 1;
        if (flavor == Flavor.RESURRECT) {
            delivery[last - 1] = delivery[last] + 1 + ctx.rnd.nextLong(20);
        } else if (flavor == Flavor.SWAPPED_UPDATES) {
            delivery[1] = delivery[2] + 1 + ctx.rnd.nextLong(20);
        }
        double r = ctx.rnd.nextDouble();
        int randomVersion = r < 0.2 ? 1 : 2;
        boolean randomUpgrade = r >= 0.2 && r < 0.25;
        for (int k = 0; k < history.size(); k++) {
            Cdc c = history.get(k);
            int version = switch (flavor) {
                case ALL_V1 -> 1;
                case V1_TO_V2 -> k == 0 ? 1 : 2;
                case RANDOM -> randomUpgrade ? (k == 0 ? 1 : 2) : randomVersion;
                default -> 2;
            };
            Expectation.OrderChange change = new Expectation.OrderChange(c.op(), id, c.seq(), ctx.nominalMs(c.slot()),
                    written(c.before(), version), written(c.after(), version), version);
            ctx.event(delivery[k], Domain.ORDERS, id, change, true);
        }
    }

    private static Expectation.OrderImage written(Expectation.OrderImage image, int version) {
        return image == null ? null : image.asWrittenBy(version);
    }
}

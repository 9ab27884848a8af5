package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.layout.Domain;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The state shared while one chunk of traffic is generated: the seeded random source, the chunk's timeline and the
 * records drafted so far, each with a delivery slot. Sorting the drafts by slot gives the delivery order; an event
 * drafted with a slot after a later event of its key is delivered out of order.
 *
 * <p>Slot {@code s} of chunk {@code k} stands for the nominal instant {@code now + (k * span + s) * 10 ms}.
 */
final class ChunkContext {
    static final long TICK_MS = 10;
    static final long HOUR_MS = 3_600_000L;
    static final long DAY_MS = 24 * HOUR_MS;

    /** A drafted record; {@code original} marks valid logical events that may get a retry duplicate. */
    record Draft(long slot, int order, Domain domain, String key, byte[] value, Expectation expectation,
                 boolean original) {
    }

    final GeneratorConfig config;
    final WireEncoder wire;
    final int chunk;
    final SplittableRandom rnd;
    final long span;
    private final long timeBaseMs;
    private final List<Draft> drafts = new ArrayList<>();
    private int lateCount;

    ChunkContext(GeneratorConfig config, WireEncoder wire, int chunk) {
        this.config = config;
        this.wire = wire;
        this.chunk = chunk;
        this.rnd = new SplittableRandom(config.seed() ^ (0x9E3779B97F4A7C15L * (chunk + 1L)));
        this.span = Math.max(100, config.approxValidRecords());
        this.timeBaseMs = config.now().toEpochMilli() + chunk * span * TICK_MS;
    }

    /** The nominal wall-clock instant (epoch ms) of a slot. */
    long nominalMs(long slot) {
        return timeBaseMs + slot * TICK_MS;
    }

    /** A random first slot for an entity. */
    long startSlot() {
        return rnd.nextLong(span);
    }

    /** A random distance between two consecutive events of one key. */
    long gap() {
        return 1 + rnd.nextLong(Math.max(2, span / 8));
    }

    long between(long lowInclusive, long highExclusive) {
        return lowInclusive + rnd.nextLong(highExclusive - lowInclusive);
    }

    /** Whether the {@code index}-th entity of a domain is late; the first one always is when late events are on. */
    boolean late(int index) {
        return config.lateFraction() > 0 && (index == 0 || rnd.nextDouble() < config.lateFraction());
    }

    /** How far back a late event lies: alternately some hours, and some days (plus hours). */
    long lateShiftMs() {
        return lateCount++ % 2 == 0
                ? between(1, 24) * HOUR_MS + rnd.nextLong(HOUR_MS)
                : between(1, 7) * DAY_MS + rnd.nextLong(DAY_MS);
    }

    /** A business key: {@code <tag>-<kind>-<zero-padded global index>}. */
    String id(String kind, long globalIndex, int width) {
        return config.runTag() + "-" + kind + "-" + String.format("%0" + width + "d", globalIndex);
    }

    /** Drafts a logical event (valid or breaking a rule), encoded with its writer schema. */
    void event(long slot, Domain domain, String key, Expectation event, boolean original) {
        drafts.add(new Draft(slot, drafts.size(), domain, key, wire.encode(event), event, original));
    }

    /** Drafts a record with hand-made value bytes. */
    void raw(long slot, Domain domain, String key, byte[] value, Expectation expectation) {
        drafts.add(new Draft(slot, drafts.size(), domain, key, value, expectation, false));
    }

    int originals() {
        return (int) drafts.stream().filter(Draft::original).count();
    }

    /**
     * Sends a share of the valid records a second time, byte for byte, a little later (a producer retry after a lost
     * ack). The first valid record of each domain is always duplicated when duplicates are on.
     */
    void addRetryDuplicates() {
        if (config.duplicateFraction() <= 0) {
            return;
        }
        Set<Domain> seen = EnumSet.noneOf(Domain.class);
        for (Draft d : List.copyOf(drafts)) {
            if (!d.original()) {
                continue;
            }
            boolean first = seen.add(d.domain());
            if (first || rnd.nextDouble() < config.duplicateFraction()) {
                drafts.add(new Draft(d.slot() + 1 + rnd.nextLong(50), drafts.size(), d.domain(), d.key(),
                        d.value(), d.expectation(), false));
            }
        }
    }

    /** The drafts in delivery order. */
    List<GeneratedRecord> deliveryOrder() {
        return drafts.stream()
                .sorted(Comparator.comparingLong(Draft::slot).thenComparingInt(Draft::order))
                .map(d -> new GeneratedRecord(d.domain(), config.topic(d.domain()),
                        d.key().getBytes(StandardCharsets.UTF_8), d.value(), d.expectation()))
                .toList();
    }
}

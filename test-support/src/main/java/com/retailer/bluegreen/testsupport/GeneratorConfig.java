package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.layout.Domain;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the {@link TrafficGenerator} produces. Everything is derived from these values, never from the wall clock,
 * so the same config gives the same bytes.
 *
 * @param seed              seed of all random choices
 * @param runTag            short prefix put into every business key ({@code <tag>-o-000123}), so two runs on the
 *                          same topics are distinguishable; letters, digits, {@code _} and {@code -}
 * @param now               the base instant event times are derived from
 * @param orders            number of distinct orders (each yields 1..5 CDC records)
 * @param inventoryEvents   number of distinct inventory events
 * @param shipments         number of distinct shipments (each yields 1..5 lifecycle events)
 * @param poisonFraction    bad records (undecodable poison and rule violations) per valid logical event
 * @param duplicateFraction share of valid records also sent a second time, byte for byte (producer retries)
 * @param lateFraction      share of entities whose event times lie hours or days before {@code now}
 * @param topics            topic per domain
 */
public record GeneratorConfig(long seed, String runTag, Instant now, int orders, int inventoryEvents, int shipments,
                              double poisonFraction, double duplicateFraction, double lateFraction,
                              Map<Domain, String> topics) {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]{1,24}");
    /** Roughly how many Kafka records one order, one inventory event and one shipment yield. */
    static final double RECORDS_PER_ORDER = 2.7;
    static final double RECORDS_PER_SHIPMENT = 3.6;

    public GeneratorConfig {
        Objects.requireNonNull(now, "now");
        if (runTag == null || !TAG.matcher(runTag).matches()) {
            throw new IllegalArgumentException("Invalid run tag '" + runTag + "': use 1-24 letters, digits, _ or -.");
        }
        if (orders < 0 || inventoryEvents < 0 || shipments < 0) {
            throw new IllegalArgumentException("Entity counts must be >= 0, got orders=" + orders
                    + " inventoryEvents=" + inventoryEvents + " shipments=" + shipments);
        }
        checkFraction("poisonFraction", poisonFraction);
        checkFraction("duplicateFraction", duplicateFraction);
        checkFraction("lateFraction", lateFraction);
        EnumMap<Domain, String> copy = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            copy.put(d, topics == null || !topics.containsKey(d) ? d.defaultTopic() : topics.get(d));
        }
        topics = Map.copyOf(copy);
    }

    private static void checkFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("Invalid " + name + " " + value + ": must be within [0, 1].");
        }
    }

    /**
     * A config of about {@code approxTotalEvents} Kafka records with 1% bad records, 2% duplicates and 5% late
     * entities, on the default topics.
     */
    public static GeneratorConfig of(long seed, String runTag, Instant now, int approxTotalEvents) {
        return new GeneratorConfig(seed, runTag, now, 0, 0, 0, 0.01, 0.02, 0.05, null)
                .withApproxTotal(approxTotalEvents);
    }

    /** The topic of a domain. */
    public String topic(Domain domain) {
        return topics.get(domain);
    }

    /**
     * The same config with entity counts chosen so that about {@code approxTotalEvents} records come out: 40% order
     * CDC records, 35% inventory events, 25% fulfillment events (plus poison and duplicates).
     */
    public GeneratorConfig withApproxTotal(int approxTotalEvents) {
        int total = Math.max(0, approxTotalEvents);
        int o = (int) Math.round(total * 0.40 / RECORDS_PER_ORDER);
        int i = (int) Math.round(total * 0.35);
        int s = (int) Math.round(total * 0.25 / RECORDS_PER_SHIPMENT);
        return withCounts(o, i, s);
    }

    public GeneratorConfig withCounts(int orders, int inventoryEvents, int shipments) {
        return new GeneratorConfig(seed, runTag, now, orders, inventoryEvents, shipments, poisonFraction,
                duplicateFraction, lateFraction, topics);
    }

    public GeneratorConfig withFractions(double poison, double duplicate, double late) {
        return new GeneratorConfig(seed, runTag, now, orders, inventoryEvents, shipments, poison, duplicate, late,
                topics);
    }

    public GeneratorConfig withTopics(Map<Domain, String> topics) {
        return new GeneratorConfig(seed, runTag, now, orders, inventoryEvents, shipments, poisonFraction,
                duplicateFraction, lateFraction, topics);
    }

    public GeneratorConfig withSeed(long seed) {
        return new GeneratorConfig(seed, runTag, now, orders, inventoryEvents, shipments, poisonFraction,
                duplicateFraction, lateFraction, topics);
    }

    public GeneratorConfig withRunTag(String runTag) {
        return new GeneratorConfig(seed, runTag, now, orders, inventoryEvents, shipments, poisonFraction,
                duplicateFraction, lateFraction, topics);
    }

    /** About how many valid logical records one chunk holds (before poison and duplicates). */
    int approxValidRecords() {
        return (int) Math.round(orders * RECORDS_PER_ORDER + inventoryEvents + shipments * RECORDS_PER_SHIPMENT);
    }
}

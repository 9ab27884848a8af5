package com.retailer.bluegreen.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a release runs itself ({@code release.*}): how its candidate starts, how long it may take to catch up, who
 * approves it, and how it bakes. The bake holds the candidate to the gates' own limits ({@code gates.freshness.maxLag},
 * {@code gates.quality.margin}).
 *
 * @param bootstrap        how the candidate's new generation starts: {@code cut} (clones of the live colour at a
 *                         consistent cut) or {@code scratch} (empty tables, Kafka from the earliest offsets)
 * @param catchUpTimeout   how long the candidate may take to catch up before the release is aborted
 * @param pollInterval     how often catch-up is measured
 * @param maxRecordsBehind records the candidate may be behind the live colour to count as caught up
 * @param bakeWindow       how long the promoted candidate bakes with the old colour warm
 * @param sampleInterval   how often the candidate is sampled while baking
 * @param breaches         consecutive breaching samples that roll back, per check ({@code freshness}, {@code quality},
 *                         {@code reconciliation}, {@code alive}) or {@code *} for the others
 * @param autoApprove      whether a release approves itself (non-production targets only)
 * @param approvers        who may approve, as plans and messages name them
 * @param kafkaRetention   how long the topics keep their records: how long after a release completes its old colour
 *                         can still be restarted from its checkpoint
 */
public record ReleaseConfig(String bootstrap, Duration catchUpTimeout, Duration pollInterval, long maxRecordsBehind,
                            Duration bakeWindow, Duration sampleInterval, Map<String, Integer> breaches,
                            boolean autoApprove, String approvers, Duration kafkaRetention) {

    /** The defaults of every {@code release.*} key. */
    public static final ReleaseConfig DEFAULTS = new ReleaseConfig("cut", Duration.ofMinutes(30),
            Duration.ofSeconds(10), 10_000, Duration.ofMinutes(30), Duration.ofSeconds(30),
            Map.of("*", 3, "alive", 2), false, "release-approvers", Duration.ofDays(7));

    public ReleaseConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(catchUpTimeout, "catchUpTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(bakeWindow, "bakeWindow");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(approvers, "approvers");
        Objects.requireNonNull(kafkaRetention, "kafkaRetention");
        breaches = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(breaches));
    }

    /** Consecutive breaching samples of {@code check} that roll back. */
    public int breachesOf(String check) {
        return breaches.getOrDefault(check, breaches.getOrDefault("*", 3));
    }
}

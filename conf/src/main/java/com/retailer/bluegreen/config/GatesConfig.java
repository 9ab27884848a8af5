package com.retailer.bluegreen.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code validate} requires of a candidate colour before {@code promote} accepts it ({@code gates.*}).
 *
 * @param maxReportAge         how old the candidate's latest passing gate report may be when it is promoted
 * @param maxLag               freshness: the most any partition may lag (age of its oldest unprocessed record), and
 *                             the most Gold may lag behind Silver
 * @param window               freshness: how long the limits must hold, sampled throughout
 * @param sampleInterval       freshness: time between two samples
 * @param maxFailureRate       quality: per {@code <table>.<expectation>} (or {@code *} for all others), the highest
 *                             failure rate the candidate may have
 * @param margin               quality: how much worse than the live colour's a candidate's failure rate may be
 * @param intendedDifferences  reconciliation: Silver tables whose content a release changes on purpose, with the
 *                             reason; their rows must still match one for one
 */
public record GatesConfig(Duration maxReportAge, Duration maxLag, Duration window, Duration sampleInterval,
                          Map<String, Double> maxFailureRate, double margin, Map<String, String> intendedDifferences) {
    public GatesConfig {
        Objects.requireNonNull(maxReportAge, "maxReportAge");
        Objects.requireNonNull(maxLag, "maxLag");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        maxFailureRate = Map.copyOf(maxFailureRate);
        intendedDifferences = Map.copyOf(intendedDifferences);
    }
}

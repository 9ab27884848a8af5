package com.retailer.bluegreen.gates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.GatesConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The limits a candidate was judged by, kept in its gate report, so a promotion can refuse a report judged more
 * leniently than the configuration deployed now ({@link #looserThan}).
 *
 * @param maxLag              freshness: the most a partition, or Gold behind Silver, could lag
 * @param window              freshness: how long that had to hold
 * @param maxFailureRate      quality: per {@code <table>.<expectation>} or {@code *}, the highest failure rate allowed
 * @param margin              quality: how much worse than the live colour the candidate could be
 * @param intendedDifferences reconciliation: Silver tables whose content was allowed to differ, with the reason
 */
public record GateThresholds(Duration maxLag, Duration window, Map<String, Double> maxFailureRate, double margin,
                             Map<String, String> intendedDifferences) {

    public GateThresholds {
        maxFailureRate = Map.copyOf(maxFailureRate);
        intendedDifferences = Map.copyOf(intendedDifferences);
    }

    /** The thresholds {@code gates.*} configures. */
    public static GateThresholds of(GatesConfig config) {
        return new GateThresholds(config.maxLag(), config.window(), config.maxFailureRate(), config.margin(),
                config.intendedDifferences());
    }

    /**
     * How these (a report's) are more lenient than {@code deployed}, one sentence each; empty when they are as strict
     * or stricter in every respect.
     */
    public List<String> looserThan(GateThresholds deployed) {
        List<String> out = new ArrayList<>();
        if (maxLag.compareTo(deployed.maxLag) > 0) {
            out.add("freshness maxLag " + maxLag + " > " + deployed.maxLag);
        }
        if (window.compareTo(deployed.window) < 0) {
            out.add("freshness window " + window + " < " + deployed.window);
        }
        if (margin > deployed.margin) {
            out.add("quality margin " + margin + " > " + deployed.margin);
        }
        TreeMap<String, Double> keys = new TreeMap<>(deployed.maxFailureRate);
        maxFailureRate.forEach(keys::putIfAbsent);
        keys.forEach((key, ignored) -> {
            double judged = rate(maxFailureRate, key);
            double now = rate(deployed.maxFailureRate, key);
            if (judged > now) {
                out.add("quality maxFailureRate of " + key + " " + judged + " > " + now);
            }
        });
        intendedDifferences.keySet().stream().filter(t -> !deployed.intendedDifferences.containsKey(t)).sorted()
                .forEach(t -> out.add("reconciliation allowed " + t + "'s content to differ, which the configuration"
                        + " no longer declares"));
        return out;
    }

    private static double rate(Map<String, Double> rates, String key) {
        return rates.getOrDefault(key, rates.getOrDefault("*", Double.MAX_VALUE));
    }

    void write(ObjectNode node) {
        node.put("maxLag", maxLag.toString()).put("window", window.toString()).put("margin", margin);
        ObjectNode rates = node.putObject("maxFailureRate");
        new TreeMap<>(maxFailureRate).forEach(rates::put);
        ObjectNode intended = node.putObject("intendedDifferences");
        new TreeMap<>(intendedDifferences).forEach(intended::put);
    }

    static GateThresholds read(JsonNode node) {
        Map<String, Double> rates = new TreeMap<>();
        node.path("maxFailureRate").fields().forEachRemaining(e -> rates.put(e.getKey(), e.getValue().asDouble()));
        Map<String, String> intended = new TreeMap<>();
        node.path("intendedDifferences").fields().forEachRemaining(e -> intended.put(e.getKey(),
                e.getValue().asText()));
        return new GateThresholds(Duration.parse(node.path("maxLag").asText()),
                Duration.parse(node.path("window").asText()), rates, node.path("margin").asDouble(), intended);
    }
}

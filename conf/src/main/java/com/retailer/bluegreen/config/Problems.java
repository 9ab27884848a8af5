package com.retailer.bluegreen.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every problem found while loading, worded in one place (Kafka {@code ConfigException} style: the key, the value,
 * what was expected). All are collected and reported together, the value of a key holding a secret shown as
 * {@code [hidden]} and every secret value of the configuration hidden wherever else it appears ({@link Secrets}).
 */
final class Problems {

    private static final int MAX_VALUE_CHARS = 120;
    private final Set<String> overridden;
    private final List<String> lines = new ArrayList<>();
    private Secrets secrets = Secrets.NONE;

    Problems(Set<String> overridden) {
        this.overridden = Set.copyOf(overridden);
    }

    /** {@code Invalid value 'abc' for configuration 'kafka.maxOffsetsPerTrigger': expected a positive integer.} */
    void invalid(String path, JsonNode value, String expectation) {
        invalid(path, display(path, value), expectation);
    }

    void invalid(String path, String shownValue, String expectation) {
        lines.add("Invalid value '" + shownValue + "' for configuration '" + path + "'" + origin(path) + ": "
                + expectation + "." + secrets.unresolvedHint(path).map(h -> " Note: " + h + ".").orElse(""));
    }

    /** {@code Missing required configuration 'kafka.bootstrapServers' (the Kafka bootstrap servers, e.g. …).} */
    void missing(String path, String help) {
        lines.add("Missing required configuration '" + path + "' (" + help + ").");
    }

    void unknown(String path, Optional<String> suggestion, String parent, List<String> known) {
        String hint = suggestion.map(s -> " Did you mean '" + s + "'?").orElseGet(() -> known.isEmpty() ? ""
                : parent.isEmpty() ? " Known top-level keys: " + String.join(", ", known) + "."
                : " Known keys under '" + parent + "': " + String.join(", ", known) + ".");
        lines.add("Unknown configuration '" + path + "'" + origin(path) + "." + hint);
    }

    void duplicate(String path) {
        lines.add("Configuration '" + path + "' is set twice (once nested, once as a dotted key); keep one.");
    }

    /** Two keys whose values together break a rule; both are named. */
    void conflict(String pathA, String pathB, String problem, String fix) {
        String keys = pathA.equals(pathB) ? "Configuration '" + pathA + "'"
                : "Configurations '" + pathA + "'" + origin(pathA) + " and '" + pathB + "'" + origin(pathB);
        lines.add(keys + " " + problem + ". " + fix);
    }

    /** From now on, hides the secrets of {@code found}; {@link #lines()} hides them in every line. */
    void hide(Secrets found) {
        this.secrets = found;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    List<String> lines() {
        return lines.stream().map(secrets.redactor()::redact).toList();
    }

    private String origin(String path) {
        return overridden.contains(path) ? " (from override)" : "";
    }

    private String display(String path, JsonNode value) {
        if (secrets.hides(path)) {
            return Secrets.HIDDEN;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }
}

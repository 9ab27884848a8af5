package com.retailer.bluegreen.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.ConfigKey.Parser;
import com.retailer.bluegreen.layout.InvalidLayoutException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The parsers/validators the key declarations are built from. Each states what a valid value looks like. */
final class Parsers {

    static final String STARTING_OFFSETS_EXAMPLE = "{\"orders.cdc\":{\"0\":42,\"1\":-2}}";
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern PARTITION = Pattern.compile("\\d{1,9}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Parsers() {
    }

    /** A value check failed; the message is the expectation ("expected …"). */
    static final class Invalid extends RuntimeException {
        Invalid(String expectation) {
            super(expectation, null, false, false);
        }
    }

    /** Adapts a function that throws {@link Invalid} (or {@link IllegalArgumentException}) into a parser. */
    static <T> Parser<T> of(Function<JsonNode, T> f) {
        return (path, node, problems) -> {
            try {
                return f.apply(node);
            } catch (Invalid e) {
                problems.invalid(path, node, e.getMessage());
            } catch (InvalidLayoutException e) {
                problems.invalid(path, node, e.expectation());
            }
            return null;
        };
    }

    /** A non-blank single value (numbers are taken as their text), trimmed, then passed through {@code check}. */
    static Parser<String> text(UnaryOperator<String> check) {
        return of(node -> check.apply(scalarText(node, "expected a non-empty string")));
    }

    static Parser<String> text() {
        return text(UnaryOperator.identity());
    }

    static Parser<Long> longAtLeast(long min, String expectation) {
        return of(node -> {
            long v = integer(node, expectation);
            if (v < min) {
                throw new Invalid(expectation);
            }
            return v;
        });
    }

    static Parser<Integer> intBetween(int min, int max, String expectation) {
        return of(node -> {
            long v = integer(node, expectation);
            if (v < min || v > max) {
                throw new Invalid(expectation);
            }
            return (int) v;
        });
    }

    static Parser<Duration> duration(Duration min, Duration max) {
        String range = "expected a duration between " + Durations.format(min) + " and " + Durations.format(max);
        return of(node -> {
            if (node.isNumber()) {
                throw new Invalid("expected a duration with a unit, such as 500ms, 5s, 2m or 1h");
            }
            Duration d = Durations.parse(scalarText(node, "expected a duration such as 500ms, 5s, 2m or 1h"))
                    .orElseThrow(() -> new Invalid("expected a duration such as 500ms, 5s, 2m or 1h"));
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new Invalid(range);
            }
            return d;
        });
    }

    /** {@code true} or {@code false} (case-insensitive; YAML booleans too). */
    static Parser<Boolean> bool() {
        Map<String, Boolean> values = new java.util.LinkedHashMap<>();
        values.put("true", Boolean.TRUE);
        values.put("false", Boolean.FALSE);
        return oneOf(values);
    }

    /** One of a fixed set of spellings (case-insensitive), listed in the error. */
    static <E> Parser<E> oneOf(Map<String, E> byName) {
        String expectation = "expected one of: " + String.join(", ", byName.keySet());
        return of(node -> byName.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(scalarText(node, expectation)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new Invalid(expectation)));
    }

    static String bootstrapServers(String text) {
        String expectation = "expected a comma-separated list of host:port, e.g. 127.0.0.1:9092";
        for (String server : text.split(",", -1)) {
            var m = HOST_PORT.matcher(server.trim());
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                throw new Invalid(expectation + " ('" + server.trim() + "' is not host:port)");
            }
        }
        return text;
    }

    static String httpUrl(String text) {
        String expectation = "expected an http or https URL such as http://127.0.0.1:8081";
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new Invalid(expectation);
            }
            return text;
        } catch (URISyntaxException e) {
            throw new Invalid(expectation);
        }
    }

    static String topicName(String text) {
        if (!TOPIC.matcher(text).matches() || text.equals(".") || text.equals("..")) {
            throw new Invalid("expected a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'");
        }
        return text;
    }

    /**
     * {@code earliest}, {@code latest}, or offsets per topic and partition as a JSON string or a YAML map; returned
     * as {@code earliest}/{@code latest} or compact JSON.
     */
    static Parser<String> startingOffsets() {
        String expectation = "expected earliest, latest, or a JSON object of offsets per topic and partition such as "
                + STARTING_OFFSETS_EXAMPLE + " (-2 = earliest, -1 = latest)";
        return of(node -> {
            JsonNode offsets = node;
            if (!node.isObject()) {
                String text = scalarText(node, expectation);
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.equals(KafkaConfig.EARLIEST) || lower.equals(KafkaConfig.LATEST)) {
                    return lower;
                }
                try {
                    offsets = JSON.readTree(text);
                } catch (IOException e) {
                    throw new Invalid(expectation);
                }
            }
            checkOffsetsShape(offsets, expectation);
            try {
                return JSON.writeValueAsString(offsets);
            } catch (IOException e) {
                throw new Invalid(expectation);
            }
        });
    }

    private static void checkOffsetsShape(JsonNode offsets, String expectation) {
        if (offsets == null || !offsets.isObject() || offsets.isEmpty()) {
            throw new Invalid(expectation);
        }
        for (Iterator<Map.Entry<String, JsonNode>> topics = offsets.fields(); topics.hasNext(); ) {
            Map.Entry<String, JsonNode> topic = topics.next();
            if (!topic.getValue().isObject() || topic.getValue().isEmpty()) {
                throw new Invalid(expectation + "; topic '" + topic.getKey() + "' has no partition offsets");
            }
            for (Iterator<Map.Entry<String, JsonNode>> ps = topic.getValue().fields(); ps.hasNext(); ) {
                Map.Entry<String, JsonNode> p = ps.next();
                JsonNode v = p.getValue();
                if (!PARTITION.matcher(p.getKey()).matches()) {
                    throw new Invalid(expectation + "; '" + p.getKey() + "' of topic '" + topic.getKey()
                            + "' is not a partition number");
                }
                if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < -2) {
                    throw new Invalid(expectation + "; offset '" + v + "' of " + topic.getKey() + "-" + p.getKey()
                            + " is not an offset >= -2");
                }
            }
        }
    }

    /** Checks one map entry; returns null when valid, else what was expected. */
    @FunctionalInterface
    interface EntryCheck {
        String problem(String entryKey);
    }

    /**
     * A map of string settings; each entry key is checked by {@code check} and each value must be a single value.
     * Problems name the entry's full path, e.g. {@code kafka.options.kafka.group.id}.
     */
    static Parser<Map<String, String>> stringMap(String expectation, EntryCheck check) {
        return (path, node, problems) -> {
            if (!node.isObject()) {
                problems.invalid(path, node, expectation);
                return null;
            }
            Map<String, String> out = new TreeMap<>();
            boolean ok = true;
            for (Map.Entry<String, JsonNode> e : iterable(node.fields())) {
                String entryPath = path + "." + e.getKey();
                String keyProblem = check.problem(e.getKey());
                JsonNode value = e.getValue();
                if (keyProblem != null) {
                    problems.invalid(entryPath, value, keyProblem);
                    ok = false;
                } else if (!value.isValueNode() || value.isNull()) {
                    problems.invalid(entryPath, value, "expected a single value (a string, number or boolean)");
                    ok = false;
                } else {
                    out.put(e.getKey(), value.asText());
                }
            }
            return ok ? out : null;
        };
    }

    /**
     * A map whose entry keys are checked by {@code check} and whose values, each a single value, are parsed by
     * {@code value} from entry key and text (throwing {@link Invalid} naming what it expected). Every bad entry is reported, by its
     * full path.
     */
    static <V> Parser<Map<String, V>> mapOf(String expectation, EntryCheck check,
                                            java.util.function.BiFunction<String, String, V> value) {
        return (path, node, problems) -> {
            if (!node.isObject()) {
                problems.invalid(path, node, expectation);
                return null;
            }
            Map<String, V> out = new TreeMap<>();
            boolean ok = true;
            for (Map.Entry<String, JsonNode> e : iterable(node.fields())) {
                String entryPath = path + "." + e.getKey();
                String keyProblem = check.problem(e.getKey());
                JsonNode v = e.getValue();
                if (keyProblem != null) {
                    problems.invalid(entryPath, v, keyProblem);
                    ok = false;
                    continue;
                }
                try {
                    out.put(e.getKey(), value.apply(e.getKey(), scalarText(v, "expected a single value")));
                } catch (Invalid invalid) {
                    problems.invalid(entryPath, v, invalid.getMessage());
                    ok = false;
                }
            }
            return ok ? out : null;
        };
    }

    /** A fraction between 0 and 1, written as {@code 0.005} or {@code 0.5%}. */
    static Parser<Double> fraction() {
        return of(node -> fraction(scalarText(node, FRACTION)));
    }

    static final String FRACTION = "expected a fraction between 0 and 1, such as 0.01 or 1%";

    static double fraction(String text) {
        String t = text.trim();
        double scale = 1;
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).trim();
            scale = 100;
        }
        try {
            double v = Double.parseDouble(t) / scale;
            if (v >= 0 && v <= 1 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid(FRACTION);
    }

    /** Settings the pipeline derives or owns itself, with what to do instead. */
    static EntryCheck prefixedExcept(String prefix, String what, Map<String, String> reserved) {
        Map<String, String> r = new LinkedHashMap<>(reserved);
        return key -> {
            if (!key.startsWith(prefix) || key.length() == prefix.length()) {
                return "expected " + what + " whose key starts with '" + prefix + "'";
            }
            return r.get(key);
        };
    }

    private static String scalarText(JsonNode node, String expectation) {
        if (!node.isValueNode() || node.isNull()) {
            throw new Invalid(expectation);
        }
        String text = node.asText().trim();
        if (text.isEmpty()) {
            throw new Invalid(expectation);
        }
        return text;
    }

    private static long integer(JsonNode node, String expectation) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual() && INTEGER.matcher(node.asText().trim()).matches()) {
            return Long.parseLong(node.asText().trim());
        }
        throw new Invalid(expectation);
    }

    static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }

    /** A fresh, empty YAML/JSON object node (for maps assembled from dotted keys). */
    static ObjectNode objectNode() {
        return JSON.createObjectNode();
    }
}

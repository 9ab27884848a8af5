package com.retailer.bluegreen.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The YAML tree flattened to one node per declared key path, with overrides laid on top. Nested sections and dotted
 * keys ({@code kafka.bootstrapServers: …} at the top level) both work; everything below a map key
 * ({@code kafka.options}, {@code spark.conf}) is that map's entries. Unknown keys and sections that are not maps are
 * reported here.
 */
final class FlatConfig {

    private final Map<String, JsonNode> values = new HashMap<>();
    private final Set<String> brokenSections = new HashSet<>();
    private final Problems problems;

    private FlatConfig(Problems problems) {
        this.problems = problems;
    }

    /** Flattens {@code root}, then applies {@code overrides} (dotted key → text value). */
    static FlatConfig of(ObjectNode root, Map<String, String> overrides, Problems problems) {
        FlatConfig flat = new FlatConfig(problems);
        flat.putSection("", root, false);
        overrides.forEach((key, value) -> flat.put(key.trim(), TextNode.valueOf(value == null ? "" : value), true));
        return flat;
    }

    /** The node given for {@code path}; null when absent or YAML null. */
    JsonNode get(String path) {
        JsonNode n = values.get(path);
        return n == null || n.isNull() ? null : n;
    }

    /** True when an ancestor section of {@code path} was given as something other than a map (already reported). */
    boolean underBrokenSection(String path) {
        return brokenSections.stream().anyMatch(s -> path.startsWith(s + "."));
    }

    /** True when any value was given below {@code section}. */
    boolean hasAnyUnder(String section) {
        return values.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith(section + ".") && !e.getValue().isNull());
    }

    /**
     * Passes every single value (each entry of a map key on its own) through {@code rewrite(path, text)} and keeps
     * what it returns in place of a text value.
     */
    void rewriteValues(BiFunction<String, String, String> rewrite) {
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            JsonNode node = e.getValue();
            boolean map = ConfigKeys.byPath(e.getKey()).map(ConfigKey::isMap).orElse(false);
            if (map && node instanceof ObjectNode entries) {
                List<String> names = new ArrayList<>();
                entries.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    JsonNode v = entries.get(name);
                    if (v.isValueNode() && !v.isNull()) {
                        String text = rewrite.apply(e.getKey() + "." + name, v.asText());
                        if (v.isTextual() && !text.equals(v.asText())) {
                            entries.set(name, TextNode.valueOf(text));
                        }
                    }
                }
            } else if (node.isValueNode() && !node.isNull()) {
                String text = rewrite.apply(e.getKey(), node.asText());
                if (node.isTextual() && !text.equals(node.asText())) {
                    e.setValue(TextNode.valueOf(text));
                }
            }
        }
    }

    private void put(String path, JsonNode node, boolean override) {
        Optional<ConfigKey<?>> key = ConfigKeys.byPath(path);
        if (key.isPresent()) {
            if (!override && values.containsKey(path)) {
                problems.duplicate(path);
            }
            values.put(path, node);
            return;
        }
        Optional<ConfigKey<?>> map = ConfigKeys.mapKeyOwning(path);
        if (map.isPresent()) {
            putMapEntry(map.get().path(), path.substring(map.get().path().length() + 1), node, override);
            return;
        }
        if (ConfigKeys.isSection(path)) {
            putSection(path, node, override);
            return;
        }
        String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
        problems.unknown(path, Suggestions.closest(path, ConfigKeys.knownPaths()), parent,
                ConfigKeys.isSection(parent) || parent.isEmpty() ? ConfigKeys.childrenOf(parent) : List.of());
    }

    private void putSection(String path, JsonNode node, boolean override) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : Parsers.iterable(node.fields())) {
                put(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), override);
            }
        } else if (!node.isNull()) {
            problems.invalid(path, node, "expected a section (a map) with keys: "
                    + String.join(", ", ConfigKeys.childrenOf(path)));
            brokenSections.add(path);
        }
    }

    private void putMapEntry(String mapPath, String entry, JsonNode node, boolean override) {
        JsonNode existing = values.get(mapPath);
        ObjectNode map;
        if (existing instanceof ObjectNode o) {
            map = o;
        } else if (existing == null || existing.isNull() || override) {
            map = Parsers.objectNode();
            values.put(mapPath, map);
        } else {
            return; // the map key itself has a wrong type; its parser reports that
        }
        if (!override && map.has(entry)) {
            problems.duplicate(mapPath + "." + entry);
        }
        map.set(entry, node);
    }
}

package com.retailer.bluegreen.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Renders the key declarations as the Markdown table in docs/configuration.md (kept in sync by a test). */
final class ConfigReference {

    static final String BEGIN = "<!-- BEGIN GENERATED from ConfigKeys: do not edit by hand -->";
    static final String END = "<!-- END GENERATED -->";

    private ConfigReference() {
    }

    static String markdownTable() {
        StringBuilder sb = new StringBuilder("| key | type | default | meaning |\n|---|---|---|---|\n");
        Set<String> seen = new LinkedHashSet<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (seen.add(key.docPath())) {
                sb.append("| `").append(key.docPath()).append("` | ").append(cell(key.type())).append(" | ")
                        .append(defaultCell(key)).append(" | ").append(cell(key.help())).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static <T> String defaultCell(ConfigKey<T> key) {
        if (key.required()) {
            return "*required*";
        }
        T d = key.defaultValue();
        String text = d instanceof Map<?, ?> m && m.isEmpty() ? "{}" : key.render(d);
        return "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}

package com.retailer.bluegreen.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a contract type is a Spark SQL type at all, so a typo in the contract file ({@code DATETIME},
 * {@code TEXT}) is refused when the file is read, not when a view fails to cast. Works on the normalised spelling
 * ({@link SqlTypes#normalise}): primitives, {@code DECIMAL(p,s)}, {@code CHAR(n)}, {@code VARCHAR(n)}, intervals,
 * and {@code ARRAY<t>}, {@code MAP<k,v>}, {@code STRUCT<name:t,…>} of those. Plain Java.
 */
final class KnownTypes {
    private static final Set<String> PRIMITIVES = Set.of("BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT",
            "DOUBLE", "STRING", "BINARY", "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "VARIANT");
    /** What people write from other SQL dialects, and the Spark type meant. */
    private static final Map<String, String> DIALECTS = Map.of("DATETIME", "TIMESTAMP", "TEXT", "STRING",
            "VARCHAR", "STRING", "CHAR", "STRING", "BOOL", "BOOLEAN", "NUMBER", "DECIMAL(p,s)", "UUID", "STRING",
            "JSON", "STRING", "BLOB", "BINARY", "TIME", "TIMESTAMP or STRING");
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d{1,2}),(\\d{1,2})\\)");
    private static final Pattern LENGTH = Pattern.compile("(?:VAR)?CHAR\\((\\d{1,5})\\)");
    private static final Pattern INTERVAL = Pattern.compile(
            "INTERVAL (YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)(?: TO (MONTH|HOUR|MINUTE|SECOND))?");
    private static final Pattern FIELD = Pattern.compile("[A-Z_][A-Z0-9_]*|`[^`]+`");
    static final String EXAMPLES = "a Spark SQL type such as STRING, BIGINT, INT, DOUBLE, DECIMAL(18,2), BOOLEAN,"
            + " DATE, TIMESTAMP, ARRAY<STRING> or MAP<STRING,BIGINT>";

    private KnownTypes() {
    }

    /** Empty when {@code normalised} is a Spark SQL type; otherwise what is wrong, with a suggestion if known. */
    static Optional<String> problem(String normalised) {
        String unknown = firstUnknown(normalised);
        if (unknown == null) {
            return Optional.empty();
        }
        String hint = DIALECTS.containsKey(unknown) ? " (did you mean " + DIALECTS.get(unknown) + "?)" : "";
        String where = unknown.equals(normalised) ? "" : " ('" + unknown + "' is not a type)";
        return Optional.of("expected " + EXAMPLES + where + hint);
    }

    /** The first part of {@code type} that is not a type, or null if all of it is. */
    private static String firstUnknown(String type) {
        if (PRIMITIVES.contains(type) || INTERVAL.matcher(type).matches()) {
            return null;
        }
        Matcher d = DECIMAL.matcher(type);
        if (d.matches()) {
            int precision = Integer.parseInt(d.group(1));
            int scale = Integer.parseInt(d.group(2));
            return precision >= 1 && precision <= 38 && scale <= precision ? null : type;
        }
        Matcher l = LENGTH.matcher(type);
        if (l.matches()) {
            return Integer.parseInt(l.group(1)) >= 1 ? null : type;
        }
        if (type.startsWith("ARRAY<") && type.endsWith(">")) {
            return firstUnknown(type.substring(6, type.length() - 1));
        }
        if (type.startsWith("MAP<") && type.endsWith(">")) {
            String[] kv = splitTopLevel(type.substring(4, type.length() - 1));
            if (kv.length != 2) {
                return type;
            }
            String key = firstUnknown(kv[0]);
            return key != null ? key : firstUnknown(kv[1]);
        }
        if (type.startsWith("STRUCT<") && type.endsWith(">")) {
            String body = type.substring(7, type.length() - 1);
            for (String field : body.isEmpty() ? new String[0] : splitTopLevel(body)) {
                int colon = field.indexOf(':');
                if (colon <= 0 || !FIELD.matcher(field.substring(0, colon)).matches()) {
                    return field;
                }
                String bad = firstUnknown(field.substring(colon + 1));
                if (bad != null) {
                    return bad;
                }
            }
            return null;
        }
        return type;
    }

    /** Splits on commas that are not inside {@code <>} or {@code ()}. */
    private static String[] splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts.toArray(String[]::new);
    }
}

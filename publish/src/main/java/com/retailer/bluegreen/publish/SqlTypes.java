package com.retailer.bluegreen.publish;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark SQL type strings as the contract and the catalog spell them: normalisation, and which table type a view may
 * cast to which contract type without losing information. Plain Java.
 *
 * <p>Public so that the schema gate ({@code gates/}) judges a candidate colour's columns by exactly the rules the
 * publisher applies when it casts them into a view.
 */
public final class SqlTypes {
    private static final Map<String, String> ALIASES = Map.of(
            "INTEGER", "INT", "LONG", "BIGINT", "SHORT", "SMALLINT", "BYTE", "TINYINT", "REAL", "FLOAT",
            "DEC", "DECIMAL", "NUMERIC", "DECIMAL", "TIMESTAMP_LTZ", "TIMESTAMP");
    /** Integral types, narrowest first: each widens losslessly to every later one. */
    private static final List<String> INTEGRAL = List.of("TINYINT", "SMALLINT", "INT", "BIGINT");
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL(?:\\((\\d+)(?:,(\\d+))?\\))?");

    private SqlTypes() {
    }

    /** Upper case, no blanks, aliases resolved: {@code "decimal(10, 2)"} → {@code "DECIMAL(10,2)"}. */
    public static String normalise(String type) {
        String t = type.trim().toUpperCase(Locale.ROOT).replaceAll("\\s*([(),<>:])\\s*", "$1")
                .replaceAll("\\s+", " ");
        for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
            t = t.replaceAll("\\b" + alias.getKey() + "\\b", alias.getValue());
        }
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
            // Spark's defaults: DECIMAL = DECIMAL(10,0), DECIMAL(p) = DECIMAL(p,0).
            return "DECIMAL(" + (m.group(1) == null ? "10" : m.group(1)) + ","
                    + (m.group(2) == null ? "0" : m.group(2)) + ")";
        }
        return t;
    }

    /**
     * Whether a column of type {@code actual} can be published as {@code contract} without losing information: the
     * same type, or a widening (integral to a wider integral, {@code FLOAT} to {@code DOUBLE}, an integral or
     * decimal to a decimal that holds all its values, {@code DATE} to {@code TIMESTAMP}). Anything else, a
     * narrowing or a change of kind (say {@code STRING} where the contract says {@code BIGINT}), is not.
     */
    public static boolean widensTo(String actual, String contract) {
        String from = normalise(actual);
        String to = normalise(contract);
        if (from.equals(to)) {
            return true;
        }
        int fromIntegral = INTEGRAL.indexOf(from);
        if (fromIntegral >= 0 && INTEGRAL.indexOf(to) > fromIntegral) {
            return true;
        }
        if (from.equals("FLOAT") && to.equals("DOUBLE") || from.equals("DATE") && to.equals("TIMESTAMP")) {
            return true;
        }
        Matcher target = DECIMAL.matcher(to);
        if (!target.matches()) {
            return false;
        }
        int[] room = decimal(target);
        if (fromIntegral >= 0) {
            int digits = List.of(3, 5, 10, 19).get(fromIntegral);
            return room[0] - room[1] >= digits;
        }
        Matcher source = DECIMAL.matcher(from);
        if (source.matches()) {
            int[] have = decimal(source);
            return room[1] >= have[1] && room[0] - room[1] >= have[0] - have[1];
        }
        return false;
    }

    private static int[] decimal(Matcher m) {
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}

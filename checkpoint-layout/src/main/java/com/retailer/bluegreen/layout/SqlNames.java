package com.retailer.bluegreen.layout;

import java.util.Objects;

/**
 * The one way a storage location or a text value is spliced into Spark SQL: every {@code delta.`<path>`},
 * {@code LOCATION '<path>'} and string literal the project builds goes through here, so a location whose directory
 * name holds a backquote, a quote or a backslash reads as that directory and cannot end the identifier or literal
 * early. Plain Java.
 *
 * <ul>
 *   <li>{@link #pathIdentifier}: a Delta table by path, {@code delta.`…`}, each backquote doubled (how Spark reads a
 *       backquote inside a backquoted identifier; a backslash there is an ordinary character).</li>
 *   <li>{@link #stringLiteral}: {@code '…'} with {@code '} and {@code \} escaped by a backslash. Not by doubling the
 *       quote: Spark reads {@code 'a''b'} as two adjacent literals, {@code ab}.</li>
 * </ul>
 */
public final class SqlNames {

    private SqlNames() {
    }

    /** {@code delta.`<location>`} with every backquote of {@code location} doubled. */
    public static String pathIdentifier(String location) {
        return "delta." + backquoted(requireText("location", location));
    }

    /** {@code `<name>`} with every backquote doubled: an identifier Spark reads as exactly {@code name}. */
    public static String backquoted(String name) {
        return "`" + Objects.requireNonNull(name, "name").replace("`", "``") + "`";
    }

    /** A Spark SQL string literal that reads back as exactly {@code value}. */
    public static String stringLiteral(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    private static String requireText(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A " + what + " to splice into SQL must not be blank: '" + text + "'");
        }
        return text;
    }
}

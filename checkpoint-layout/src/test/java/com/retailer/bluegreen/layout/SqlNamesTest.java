package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quoting helper against the lexer rules Spark's SQL grammar uses (SqlBaseLexer.g4): a backquoted identifier is
 * {@code '`' ( ~'`' | '``' )* '`'}, a string literal {@code '\'' ( ~('\''|'\\') | ('\\' .) )* '\''}. Each quoted
 * form must be one token that ends at its last character (nothing after it is read as SQL) and read back as the
 * original text. The same forms are run through Spark itself in transforms' {@code QuotedLocationSparkTest}.
 */
class SqlNamesTest {

    private static final String[] HOSTILE = {
        "/lake/plain",
        "/lake/it's`here",
        "/lake/a``b",
        "/lake/back\\slash\\",
        "/lake/x` RETAIN 0 HOURS; DROP TABLE t; --",
        "/lake/x' OR '1'='1",
        "s3://bucket/o'brien/`quoted`/tables/orders",
        "/lake/'\\'`\\`",
        "/lake/ünïcödé \\u0041 \n newline",
    };

    @Test
    void a_path_is_a_delta_identifier_with_backquotes_doubled() {
        assertEquals("delta.`/lake/t`", SqlNames.pathIdentifier("/lake/t"));
        assertEquals("delta.`/lake/it's``here\\x`", SqlNames.pathIdentifier("/lake/it's`here\\x"));
        assertEquals("delta.`s3://b/a````b`", SqlNames.pathIdentifier("s3://b/a``b"));
    }

    @Test
    void a_literal_escapes_quotes_and_backslashes_with_a_backslash_never_by_doubling() {
        assertEquals("'plain'", SqlNames.stringLiteral("plain"));
        assertEquals("'o\\'brien'", SqlNames.stringLiteral("o'brien"));
        assertEquals("'C:\\\\dir\\\\'", SqlNames.stringLiteral("C:\\dir\\"));
        assertEquals("'`'", SqlNames.stringLiteral("`"));
        assertEquals("''", SqlNames.stringLiteral(""));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void no_path_can_end_the_identifier_or_the_literal_early(int i) {
        String path = HOSTILE[i];
        String identifier = SqlNames.pathIdentifier(path).substring("delta.".length());
        assertEquals(path, readBackquoted(identifier), identifier);
        String literal = SqlNames.stringLiteral(path);
        assertEquals(path, readLiteral(literal), literal);
    }

    @Test
    void a_blank_location_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> SqlNames.pathIdentifier(" "));
        assertThrows(IllegalArgumentException.class, () -> SqlNames.pathIdentifier(null));
    }

    /** The text of the backquoted identifier token at the start of {@code sql}; fails unless it spans all of it. */
    private static String readBackquoted(String sql) {
        StringBuilder out = new StringBuilder();
        assertEquals('`', sql.charAt(0));
        int i = 1;
        while (true) {
            char c = sql.charAt(i);
            if (c == '`') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
                    out.append('`');
                    i += 2;
                    continue;
                }
                break;
            }
            out.append(c);
            i++;
        }
        assertEquals(sql.length() - 1, i, "the identifier ends before the end of " + sql);
        return out.toString();
    }

    /** The value of the string literal token at the start of {@code sql}; fails unless it spans all of it. */
    private static String readLiteral(String sql) {
        StringBuilder out = new StringBuilder();
        assertEquals('\'', sql.charAt(0));
        int i = 1;
        while (sql.charAt(i) != '\'') {
            if (sql.charAt(i) == '\\') {
                i++;
            }
            out.append(sql.charAt(i));
            i++;
        }
        assertEquals(sql.length() - 1, i, "the literal ends before the end of " + sql);
        return out.toString();
    }
}

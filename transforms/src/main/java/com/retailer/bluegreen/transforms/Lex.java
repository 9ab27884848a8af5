package com.retailer.bluegreen.transforms;

import java.util.List;

/** SQL for lexicographic comparison of column tuples between a MERGE's source {@code s} and target {@code t}. */
final class Lex {
    private Lex() {
    }

    /** {@code (s.c1, s.c2, ...) > (t.c1, t.c2, ...)}, expanded so no struct ordering is needed. */
    static String sourceGreater(List<String> columns) {
        return compare(columns, 0, ">");
    }

    /** {@code (s.c1, s.c2, ...) < (t.c1, t.c2, ...)}. */
    static String sourceLess(List<String> columns) {
        return compare(columns, 0, "<");
    }

    private static String compare(List<String> columns, int i, String op) {
        String c = columns.get(i);
        String strict = "s." + c + " " + op + " t." + c;
        if (i == columns.size() - 1) {
            return "(" + strict + ")";
        }
        return "(" + strict + " OR (s." + c + " = t." + c + " AND " + compare(columns, i + 1, op) + "))";
    }
}

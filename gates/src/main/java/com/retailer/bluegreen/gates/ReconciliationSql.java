package com.retailer.bluegreen.gates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL expressions of the reconciliation query, as text: range predicates written so Delta's data skipping can
 * prune files by their {@code src_partition}/{@code src_offset} statistics, the hour bucket, and the canonical row
 * serialisation that is hashed. Plain Java, so the exact text is unit-tested.
 */
public final class ReconciliationSql {
    public static final String BUCKET = "__bucket";
    public static final String HASH = "__hash";
    public static final String BEYOND = "__beyond";
    public static final String TOUCHED = "__touched";

    private ReconciliationSql() {
    }

    /** The name a key column gets in the set of keys touched beyond the cut (so the join is unambiguous). */
    public static String key(int i) {
        return "__k" + i;
    }

    public static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /**
     * Rows whose source offset is at or beyond the cut, or in a partition the cut does not name. The leading
     * conjunct repeats the exact condition in the one form file statistics decide directly (offset against the
     * smallest cut), so files that hold only offsets below every cut are skipped whatever Delta makes of the
     * per-partition disjunction.
     */
    public static String beyond(Map<Integer, Long> cut, String partition, String offset) {
        long[] c = dense(cut);
        int max = c.length - 1;
        long min = Arrays.stream(c).min().orElse(0);
        List<String> terms = new ArrayList<>();
        for (int p = 0; p <= max; p++) {
            terms.add(c[p] == 0 ? partition + " = " + p
                    : "(" + partition + " = " + p + " AND " + offset + " >= " + c[p] + ")");
        }
        terms.add(partition + " > " + max);
        return "(" + offset + " >= " + min + " OR " + partition + " > " + max + ") AND ("
                + String.join(" OR ", terms) + ")";
    }

    /**
     * Rows in range or beyond the cut: everything but pre-bootstrap history. With a lower bound on every partition
     * the leading {@code offset >= min(lower)} lets Delta skip the files a clone shares with its source.
     */
    public static String scan(Map<Integer, Long> lower, Map<Integer, Long> cut, String partition, String offset) {
        long[] c = dense(cut);
        int max = c.length - 1;
        List<String> terms = new ArrayList<>();
        boolean everyPartitionBounded = true;
        long minLower = Long.MAX_VALUE;
        for (int p = 0; p <= max; p++) {
            Long l = lower.get(p);
            if (l == null || l == 0) {
                everyPartitionBounded = false;
                terms.add(partition + " = " + p);
            } else {
                minLower = Math.min(minLower, l);
                terms.add("(" + partition + " = " + p + " AND " + offset + " >= " + l + ")");
            }
        }
        terms.add(partition + " > " + max);
        String exact = "(" + String.join(" OR ", terms) + ")";
        return everyPartitionBounded
                ? "(" + offset + " >= " + minLower + " OR " + partition + " > " + max + ") AND " + exact
                : exact;
    }

    /** The row's UTC hour as epoch seconds: {@code date_trunc('HOUR', t)} in UTC, whatever the session zone. */
    public static String bucket(String businessTimeColumn) {
        String seconds = "unix_seconds(CAST(" + quote(businessTimeColumn) + " AS TIMESTAMP))";
        return "(" + seconds + " - pmod(" + seconds + ", 3600))";
    }

    /**
     * A deterministic, injective text form of the compared columns, in the given order. Each value is {@code N}
     * for null, else {@code V<length>:<text>}: the length prefix keeps values from running into each other, so a
     * null, an empty string and a string {@code "N"} all differ, and no value can mimic the next column. Text is
     * {@code CAST(c AS STRING)} (equal values of a widened type read the same: {@code 7} as INT and as BIGINT),
     * except timestamps as epoch microseconds (independent of the session time zone and exact to the microsecond),
     * binary as base64 and nested types as JSON.
     *
     * @param columns column name → its Spark type ({@code DataType.catalogString()}), in hashing order
     */
    static String canonical(List<Map.Entry<String, String>> columns) {
        return "concat(" + columns.stream().map(e -> field(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")) + ")";
    }

    public static String hash(List<Map.Entry<String, String>> columns) {
        return "xxhash64(" + canonical(columns) + ")";
    }

    private static String field(String column, String type) {
        String c = quote(column);
        String t = type.toLowerCase(Locale.ROOT);
        String text;
        if (t.equals("timestamp")) {
            text = "CAST(unix_micros(" + c + ") AS STRING)";
        } else if (t.equals("binary")) {
            text = "base64(" + c + ")";
        } else if (t.startsWith("array<") || t.startsWith("map<") || t.startsWith("struct<")) {
            text = "to_json(" + c + ")";
        } else {
            text = "CAST(" + c + " AS STRING)";
        }
        return "IF(" + c + " IS NULL, 'N', concat('V', CAST(char_length(" + text + ") AS STRING), ':', " + text
                + "))";
    }

    /** The cut for partitions 0 … highest named, a partition the cut skips counting as 0 (nothing in range). */
    private static long[] dense(Map<Integer, Long> cut) {
        int max = cut.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        long[] out = new long[max + 1];
        cut.forEach((p, o) -> out[p] = o);
        return out;
    }
}

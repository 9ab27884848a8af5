package com.retailer.bluegreen.gates;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers read in failure sentences: {@code 1,204}, {@code 5.10%}, {@code 0.50 pp}, {@code 342 s}. */
final class Figures {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Figures() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 1 row}, {@code 1,204 rows}. */
    static String count(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** A rate in [0, 1] as a percentage with two decimals. */
    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", rate * 100);
    }

    /** A difference of rates in percentage points. */
    static String points(double rateDifference) {
        return String.format(Locale.ROOT, "%.2f pp", rateDifference * 100);
    }

    /** Whole seconds when the duration is whole, otherwise one decimal: {@code 90 s}, {@code 1.5 s}. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0
                ? String.format(Locale.ROOT, "%,d s", d.toSeconds())
                : String.format(Locale.ROOT, "%,.1f s", d.toMillis() / 1000.0);
    }

    static double secondsOf(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** An hour bucket as {@code 2026-11-20T13:00Z}; {@code null} (no business time) as {@code no business time}. */
    static String hour(Instant hour) {
        return hour == null ? "no business time" : HOUR.format(hour);
    }
}

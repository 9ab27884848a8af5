package com.retailer.bluegreen.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of an audit record and its hash. The form is frozen: every record ever written must hash the
 * same way for as long as the ledger is kept, so it is spelled out here by hand rather than delegated to a JSON
 * library whose output could change between versions.
 *
 * <pre>
 * {"format":"audit-record/v1","sequence":3,"action":"PROMOTE","actor":"ci:alice",
 *  "at":"2025-06-01T10:15:30.000000Z","fromColour":"blue","toColour":"green","epoch":7,"releaseId":"r-42",
 *  "gitSha":"3f2a…","tableVersions":{"gold.daily_revenue":12,"silver.orders":40},"details":"{\"gates\":…}",
 *  "previousHash":"…64 hex…"}
 * </pre>
 *
 * One line, no whitespace, fields in exactly this order, every field present ({@code null} when absent), map keys
 * sorted by {@link String#compareTo}, {@code at} in UTC with exactly six fractional digits (Delta keeps
 * microseconds), {@code details} as a JSON string (its text is hashed verbatim, never re-formatted). Strings escape
 * {@code "} and {@code \} and every character below U+0020 as {@code \}{@code u00XX}; everything else is literal.
 * The hash is the lower-case hex SHA-256 of the form's UTF-8 bytes, so it covers the content and the previous hash.
 * A new field needs a new format version; until then, new evidence goes into {@code details}.
 */
final class Canonical {
    static final String FORMAT = "audit-record/v1";
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Canonical() {
    }

    static String form(AuditRecord r) {
        StringBuilder b = new StringBuilder(512).append('{');
        string(b, "format", FORMAT);
        number(b.append(','), "sequence", r.sequence());
        string(b.append(','), "action", r.action());
        string(b.append(','), "actor", r.actor());
        string(b.append(','), "at", r.at() == null ? null : AT.format(r.at()));
        string(b.append(','), "fromColour", r.fromColour());
        string(b.append(','), "toColour", r.toColour());
        number(b.append(','), "epoch", r.epoch());
        string(b.append(','), "releaseId", r.releaseId());
        string(b.append(','), "gitSha", r.gitSha());
        map(b.append(','), "tableVersions", r.tableVersions());
        string(b.append(','), "details", r.details());
        string(b.append(','), "previousHash", r.previousHash());
        return b.append('}').toString();
    }

    static String hash(AuditRecord r) {
        return sha256(form(r));
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM; every Java 17 runtime must have it", e);
        }
    }

    /** {@code at} as the canonical form writes it; for messages and tests. */
    static String at(Instant at) {
        return AT.format(at);
    }

    private static void number(StringBuilder b, String name, long value) {
        quoted(b, name).append(':').append(value);
    }

    private static void string(StringBuilder b, String name, String value) {
        quoted(b, name).append(':');
        if (value == null) {
            b.append("null");
        } else {
            quoted(b, value);
        }
    }

    private static void map(StringBuilder b, String name, Map<String, Long> value) {
        quoted(b, name).append(':');
        if (value == null) {
            b.append("null");
            return;
        }
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, Long> e : new TreeMap<>(value).entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quoted(b, e.getKey()).append(':').append(e.getValue() == null ? "null" : e.getValue().toString());
        }
        b.append('}');
    }

    private static StringBuilder quoted(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }
}

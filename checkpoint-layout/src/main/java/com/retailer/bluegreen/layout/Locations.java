package com.retailer.bluegreen.layout;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Storage locations as catalogs, Delta logs and VACUUM report them, put in one comparable form: the only place
 * locations are normalised for comparison (configured bases are normalised by {@link ColourLayout} through the same
 * {@link Location} rules). Plain Java; never touches a filesystem.
 *
 * <p>{@code file:/x}, {@code file:///x}, {@code dbfs:/x} and {@code /x} are the same location; a relative path is
 * taken against the working directory; a URI with a bucket or host keeps its scheme and authority
 * ({@code s3://bucket/x} and {@code s3://other/x} differ); percent-encoded paths (Delta logs store URIs) are decoded;
 * no trailing slash.
 */
public final class Locations {
    private static final Pattern URI_WITH_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

    private Locations() {
    }

    /** The comparable form of {@code pathOrUri}. */
    public static String comparable(String pathOrUri) {
        String text = pathOrUri.trim();
        if (URI_WITH_SCHEME.matcher(text).matches()) {
            URI uri = URI.create(escapeIllegal(text));
            if (uri.isOpaque()) { // scheme:relative/path, no slash after the colon
                return Location.parse("location", uri.getScheme().toLowerCase(Locale.ROOT) + ":"
                        + uri.getSchemeSpecificPart()).toString();
            }
            String authority = uri.getAuthority() == null ? null : uri.getAuthority().toLowerCase(Locale.ROOT);
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            text = authority == null || authority.isEmpty() ? uri.getScheme() + ":" + path
                    : uri.getScheme() + "://" + authority + path;
        } else if (!text.startsWith("/")) {
            text = Path.of(text).toAbsolutePath().toString();
        }
        Location l = Location.parse("location", text);
        return l.bareEquivalent() ? new Location(null, null, true, l.segments()).toString() : l.toString();
    }

    /**
     * {@code text} with every ASCII character a URI may not hold (a space, a backquote, a double quote, braces, …)
     * percent-encoded, so a catalog's unescaped form of a location such as {@code file:/lake/it's `x`} parses;
     * existing {@code %XX} escapes, as Delta logs write them, are kept.
     */
    private static String escapeIllegal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean legal = c >= 0x80 || Character.isLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=%".indexOf(c) >= 0;
            if (legal) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    /**
     * The comparable form of a file path as a Delta log records it ({@code add.path}, a deletion vector's
     * {@code pathOrInlineDv}): a URI, percent-encoded, absolute when the file lies outside the table (a shallow
     * clone's files in its source) or relative to the table otherwise. Null for a relative path. The scheme and
     * bucket are kept: {@code s3://a/t/f.parquet} and {@code s3://b/t/f.parquet} are different files.
     */
    public static String ofDeltaLogPath(String logPath) {
        if (URI_WITH_SCHEME.matcher(logPath).matches()) {
            return comparable(logPath);
        }
        return logPath.startsWith("/") ? comparable(URI.create(escapeIllegal(logPath)).getPath()) : null;
    }

    /** Whether {@code a} and {@code b} name the same location. */
    public static boolean same(String a, String b) {
        return comparable(a).equals(comparable(b));
    }
}

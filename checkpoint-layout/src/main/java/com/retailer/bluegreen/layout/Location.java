package com.retailer.bluegreen.layout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storage location, parsed and normalised lexically (never touches a filesystem): an optional URI scheme and
 * authority ({@code s3://bucket}, {@code abfss://c@acct.dfs.core.windows.net}, {@code dbfs:}, {@code file://}) and a
 * path of segments without empty or {@code .} segments, {@code ..} resolved where it can be.
 *
 * <p>Rendering never ends in a slash, so joining children is always {@code parent + "/" + child}.
 */
record Location(String scheme, String authority, boolean absolute, List<String> segments) {

    /** Two or more characters, so a Windows drive letter is not taken for a scheme. */
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):(.*)$");
    /** Schemes that, without an authority, name the same tree as a bare path (FUSE mounts, the local default FS). */
    private static final Set<String> BARE_EQUIVALENT = Set.of("file", "dbfs");
    static final String EXPECTATION = "expected a directory such as /Volumes/main/ops/checkpoints, "
            + "s3://bucket/prefix, abfss://container@account.dfs.core.windows.net/prefix or ./local/checkpoints";

    Location {
        segments = List.copyOf(segments);
    }

    /** Parses a base location; throws {@link InvalidLayoutException} naming {@code component} when it is not one. */
    static Location parse(String component, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidLayoutException(component, text, EXPECTATION);
        }
        String t = text.trim();
        if (t.indexOf('\\') >= 0 || t.indexOf('?') >= 0 || t.indexOf('#') >= 0 || t.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidLayoutException(component, text, EXPECTATION + " (no '\\', '?', '#' or control characters)");
        }
        String scheme = null;
        String authority = null;
        String path = t;
        Matcher m = SCHEME.matcher(t);
        if (m.matches()) {
            scheme = m.group(1).toLowerCase(Locale.ROOT);
            String rest = m.group(2);
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
                path = slash < 0 ? "/" : rest.substring(slash);
                if (authority.isEmpty() && !scheme.equals("file")) {
                    throw new InvalidLayoutException(component, text, EXPECTATION + " (the URI has no bucket/host)");
                }
            } else {
                path = rest;
            }
        }
        boolean absolute = path.startsWith("/") || authority != null;
        return new Location(scheme, authority, absolute, normalise(component, text, path, absolute));
    }

    private static List<String> normalise(String component, String text, String path, boolean absolute) {
        Deque<String> out = new ArrayDeque<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (absolute) {
                    throw new InvalidLayoutException(component, text, EXPECTATION + " ('..' climbs above the root)");
                } else {
                    out.addLast(s);
                }
                continue;
            }
            out.addLast(s);
        }
        return new ArrayList<>(out);
    }

    /** This location with {@code children} appended; each child must be a single, plain path segment. */
    Location resolve(String... children) {
        List<String> all = new ArrayList<>(segments);
        for (String c : children) {
            if (c.isEmpty() || c.contains("/") || c.equals(".") || c.equals("..")) {
                throw new IllegalArgumentException("Not a single path segment: '" + c + "'");
            }
            all.add(c);
        }
        return new Location(scheme, authority, absolute, all);
    }

    /** True when {@code other} is this location or lies beneath it (prefix at a '/' boundary). */
    boolean contains(Location other) {
        return sameTree(other)
                && other.segments.size() >= segments.size()
                && other.segments.subList(0, segments.size()).equals(segments);
    }

    /** Same filesystem root: scheme, authority and absoluteness, with file:/ and dbfs:/ equal to a bare path. */
    private boolean sameTree(Location other) {
        return absolute == other.absolute
                && java.util.Objects.equals(comparableScheme(), other.comparableScheme())
                && java.util.Objects.equals(comparableAuthority(), other.comparableAuthority());
    }

    private String comparableScheme() {
        return bareEquivalent() ? null : scheme;
    }

    private String comparableAuthority() {
        return bareEquivalent() ? null : authority == null ? null : authority.toLowerCase(Locale.ROOT);
    }

    boolean bareEquivalent() {
        return scheme != null && BARE_EQUIVALENT.contains(scheme) && (authority == null || authority.isEmpty());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (scheme != null) {
            sb.append(scheme).append(':');
            if (authority != null) {
                sb.append("//").append(authority);
            }
        }
        String joined = String.join("/", segments);
        if (absolute) {
            if (!segments.isEmpty() || authority == null || authority.isEmpty()) {
                sb.append('/');
            }
            sb.append(joined);
        } else {
            sb.append(segments.isEmpty() ? "." : joined);
        }
        return sb.toString();
    }
}

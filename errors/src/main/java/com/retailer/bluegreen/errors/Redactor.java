package com.retailer.bluegreen.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in text the project prints: the effective configuration, configuration errors, and every error
 * message and stack trace that reaches the command line. Three rules, applied in this order:
 *
 * <ol>
 *   <li><b>By value.</b> Every occurrence of a value known to be secret (those of the loaded configuration: values
 *       of keys naming a secret, values written as or resolved from a secret reference, passwords in URLs), also
 *       percent-encoded, becomes {@value #HIDDEN}. Values shorter than {@value #MIN_VALUE_LENGTH} characters are not
 *       searched for (they would match everywhere); they are still hidden by key.</li>
 *   <li><b>URLs with credentials.</b> {@code scheme://user:password@host/…} keeps scheme, user, host and path and
 *       hides the password; {@code scheme://user@host} hides the user (often a token).</li>
 *   <li><b>Secret-named parameters.</b> {@code name=value} where the name names a secret ({@link #isSecretName}):
 *       query parameters ({@code ?sv=…&sig=…}, {@code &token=…}), JAAS options ({@code password="…"}),
 *       {@code --set key=value} echoes; the value, quoted or not, becomes {@value #HIDDEN}.</li>
 * </ol>
 *
 * <p>Immutable; {@link #NONE} knows no values and applies only the last two rules. Never prints the values it holds.
 */
public final class Redactor {

    /** What a hidden secret is shown as. */
    public static final String HIDDEN = "[hidden]";
    /** The shortest value searched for by value. */
    public static final int MIN_VALUE_LENGTH = 4;
    /** Knows no secret values: hides credentials in URLs and secret-named parameters only. */
    public static final Redactor NONE = new Redactor(List.of());

    /** Substrings of a name that make it name a secret. */
    private static final List<String> MARKERS = List.of("password", "secret", "token", "credential", "key", "jaas");
    /** Whole words of a name that make it name a secret (as substrings they would match, say, "sasl"). */
    private static final Set<String> WORDS = Set.of("sas", "sig", "signature", "pwd", "passwd", "auth");
    /** Up to the last {@code @} before the path: a password may hold an unencoded {@code @}. */
    private static final Pattern URL_USERINFO = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s/?#'\"<>]+)@");
    /** Azure storage URIs name the container where a user would be: {@code abfss://container@account…}. */
    private static final Set<String> CONTAINER_SCHEMES = Set.of("abfs://", "abfss://", "wasb://", "wasbs://");
    private static final Pattern PARAMETER = Pattern.compile(
            "(^|[^A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]*)(=)(\\[hidden]|\"[^\"]*\"|'[^']*'|[^\\s&;,\"'<>)}\\]]+)");

    /** Longest first, so a value containing another is hidden whole. */
    private final List<String> values;

    private Redactor(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && v.length() >= MIN_VALUE_LENGTH && !v.equals(HIDDEN)) {
                all.add(v);
                all.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        List<String> sorted = new ArrayList<>(new TreeSet<>(all));
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(sorted);
    }

    /** A redactor that also hides every occurrence of each of {@code secretValues}. */
    public static Redactor of(Collection<String> secretValues) {
        return new Redactor(secretValues);
    }

    /** This redactor, also hiding {@code moreSecretValues}. */
    public Redactor and(Collection<String> moreSecretValues) {
        List<String> all = new ArrayList<>(values);
        all.addAll(moreSecretValues);
        return new Redactor(all);
    }

    /**
     * Whether {@code name} (a configuration key's last segment, an option name such as
     * {@code kafka.sasl.jaas.config}, a query parameter) names a secret: it contains password, secret, token,
     * credential, key or jaas, or has sas, sig, signature, pwd, passwd or auth as a word (case-blind; words are
     * split at anything but letters and digits, and at camelCase humps).
     */
    public static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (MARKERS.stream().anyMatch(lower::contains)) {
            return true;
        }
        return Arrays.stream(name.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])"))
                .map(w -> w.toLowerCase(Locale.ROOT)).anyMatch(WORDS::contains);
    }

    /**
     * The credentials {@code text} carries by the last two rules: passwords (or lone users) of URLs and the values
     * of secret-named parameters, unquoted. A configuration value's are secret values wherever else they appear.
     */
    public static List<String> credentialsIn(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher url = URL_USERINFO.matcher(text);
        while (url.find()) {
            String userInfo = url.group(2);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                out.add(userInfo.substring(colon + 1));
            } else if (!CONTAINER_SCHEMES.contains(url.group(1).toLowerCase(Locale.ROOT))) {
                out.add(userInfo);
            }
        }
        Matcher p = PARAMETER.matcher(text);
        while (p.find()) {
            if (secretParameter(p.group(1), p.group(2))) {
                out.add(unquoted(p.group(4)));
            }
        }
        return out;
    }

    /** {@code text} with every secret hidden; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, HIDDEN);
        }
        out = URL_USERINFO.matcher(out).replaceAll(m -> {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            String kept = colon >= 0 ? userInfo.substring(0, colon + 1) + HIDDEN
                    : CONTAINER_SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT)) ? userInfo : HIDDEN;
            return Matcher.quoteReplacement(m.group(1) + kept + "@");
        });
        return PARAMETER.matcher(out).replaceAll(m -> {
            if (!secretParameter(m.group(1), m.group(2))) {
                return Matcher.quoteReplacement(m.group());
            }
            String v = m.group(4);
            String quote = v.startsWith("\"") || v.startsWith("'") ? v.substring(0, 1) : "";
            return Matcher.quoteReplacement(m.group(1) + m.group(2) + m.group(3) + quote + HIDDEN + quote);
        });
    }

    /**
     * A {@code name=value} whose value is secret. A bare {@code key} counts only as a URL query parameter
     * ({@code ?key=…}, an API key): elsewhere it is a record's key, or the words "key=value".
     */
    private static boolean secretParameter(String before, String name) {
        return isSecretName(name) && (!name.equalsIgnoreCase("key") || before.equals("?") || before.equals("&"));
    }

    /** {@code thrown}'s message, redacted. */
    public String message(Throwable thrown) {
        return redact(String.valueOf(thrown.getMessage()));
    }

    /** {@code thrown} with its stack trace and causes, as {@link Throwable#printStackTrace()} prints it, redacted. */
    public String stackTrace(Throwable thrown) {
        StringWriter w = new StringWriter();
        try (PrintWriter p = new PrintWriter(w)) {
            thrown.printStackTrace(p);
        }
        return redact(w.toString());
    }

    private static String unquoted(String v) {
        boolean quoted = v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"")
                || v.startsWith("'") && v.endsWith("'"));
        return quoted ? v.substring(1, v.length() - 1) : v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Redactor r && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Says how many values it hides, never which. */
    @Override
    public String toString() {
        return "Redactor[" + values.size() + " secret value(s)]";
    }
}

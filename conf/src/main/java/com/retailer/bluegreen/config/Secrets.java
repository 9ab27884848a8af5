package com.retailer.bluegreen.config;

import com.retailer.bluegreen.errors.Redactor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets of one loaded configuration, so that none reaches a log, an error message or the command line's
 * output. A value is secret when
 * <ul>
 *   <li>its key names a secret ({@link Redactor#isSecretName}: password, secret, token, credential, key, jaas as
 *       substrings, sas as a word): the last segment of a key, or the option name of a {@code kafka.options} or
 *       {@code spark.conf} entry such as {@code kafka.sasl.jaas.config};</li>
 *   <li>it is written as, or holds, a secret reference {@code {{secrets/<scope>/<key>}}}, or came from one (what a
 *       {@link SecretResolver} resolved the reference to);</li>
 *   <li>it is the password of a URL ({@code https://user:password@host}) or a secret-named parameter
 *       ({@code ?sig=…}, {@code password="…"}) inside any value.</li>
 * </ul>
 * Keys holding the first two kinds are shown as {@value Redactor#HIDDEN} by {@link ConfigLoader#describe} and in
 * configuration errors; {@link #redactor()} hides every occurrence of any of these values in any text.
 */
public final class Secrets {

    static final String HIDDEN = Redactor.HIDDEN;
    /** No key is known to hold a secret; names alone still hide options, and URL passwords are still hidden. */
    public static final Secrets NONE = new Secrets(Set.of(), Redactor.NONE);
    /** {@code {{secrets/<scope>/<key>}}}, as Databricks writes a secret reference. */
    static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*secrets/([^/{}\\s]+)/([^/{}\\s]+)\\s*}}");

    private final Set<String> hiddenKeys;
    private final Redactor redactor;
    /** Per key, the references ({@code scope/key}) its resolver did not know; not part of equality. */
    private final Map<String, List<String>> unresolved;

    private Secrets(Set<String> hiddenKeys, Redactor redactor) {
        this(hiddenKeys, redactor, Map.of());
    }

    private Secrets(Set<String> hiddenKeys, Redactor redactor, Map<String, List<String>> unresolved) {
        this.hiddenKeys = Collections.unmodifiableSet(new TreeSet<>(hiddenKeys));
        this.redactor = Objects.requireNonNull(redactor);
        this.unresolved = Map.copyOf(unresolved);
    }

    /**
     * Why the value of {@code path} may be wrong when a secret reference in it was not resolved: the references
     * ({@code scope/key}, never a value) and the environment variables the command line reads them from; empty
     * when every reference in it was resolved.
     */
    Optional<String> unresolvedHint(String path) {
        List<String> refs = unresolved.getOrDefault(path, List.of());
        if (refs.isEmpty()) {
            return Optional.empty();
        }
        List<String> variables = refs.stream().map(r -> SecretResolver.environmentVariable(
                r.substring(0, r.indexOf('/')), r.substring(r.indexOf('/') + 1))).toList();
        return Optional.of("its secret reference " + String.join(", ", refs) + " was not resolved (the command line"
                + " reads it from environment variable " + String.join(", ", variables) + ", which a Databricks job"
                + " cluster sets from its secret scope)");
    }

    /** Hides every secret value of the configuration, and credentials in URLs, in any text. */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * Refuses to use {@code value} of {@code key} while it still holds a secret reference no resolver knew: names the
     * key and the environment variable that would have resolved it, never a value.
     */
    static String requireResolved(String key, String value) {
        Matcher m = REFERENCE.matcher(value);
        if (m.find()) {
            throw new IllegalStateException("Configuration '" + key + "' is the secret reference " + m.group(1) + "/"
                    + m.group(2) + ", which was not resolved: set environment variable "
                    + SecretResolver.environmentVariable(m.group(1), m.group(2)) + " (a Databricks job cluster sets"
                    + " it from its secret scope through spark_env_vars; docs/databricks.md, 'Secrets').");
        }
        return value;
    }

    /** Whether the value of {@code path} (a key, or a map entry such as {@code kafka.options.x}) is shown hidden. */
    boolean hides(String path) {
        return hiddenKeys.contains(path) || namesSecret(path);
    }

    /** {@code value}, or {@value Redactor#HIDDEN} when {@code path} holds a secret. */
    String show(String path, String value) {
        return hides(path) ? HIDDEN : value;
    }

    /**
     * Whether {@code path}'s own name names a secret: the option name of a {@code kafka.options} or {@code spark.conf}
     * entry, otherwise the key's last segment. Names chosen to identify checks (expectations, gate thresholds) are
     * not option names and never hide their value.
     */
    static boolean namesSecret(String path) {
        if (ConfigKeys.byPath(path).map(ConfigKey::isSecret).orElse(false)) {
            return true;
        }
        for (ConfigKey<?> options : List.of(ConfigKeys.KAFKA_OPTIONS, ConfigKeys.SPARK_CONF)) {
            if (path.startsWith(options.path() + ".")) {
                return Redactor.isSecretName(path.substring(options.path().length() + 1));
            }
        }
        if (ConfigKeys.mapKeyOwning(path).isPresent()) {
            return false;
        }
        return Redactor.isSecretName(path.substring(path.lastIndexOf('.') + 1));
    }

    /**
     * Resolves the secret references of every text value of {@code flat} through {@code resolver} (a reference it
     * does not know stays as written) and collects the secrets of the result.
     */
    static Secrets collect(FlatConfig flat, SecretResolver resolver) {
        Set<String> hidden = new TreeSet<>();
        List<String> values = new ArrayList<>();
        Map<String, List<String>> unresolved = new HashMap<>();
        flat.rewriteValues((path, text) -> {
            List<String> missing = new ArrayList<>();
            String resolved = resolve(text, resolver, values, missing);
            if (!missing.isEmpty()) {
                unresolved.put(path, List.copyOf(missing));
            }
            if (!resolved.equals(text) || REFERENCE.matcher(text).find() || namesSecret(path)) {
                hidden.add(path);
                values.add(text);
                values.add(resolved);
            }
            values.addAll(Redactor.credentialsIn(resolved));
            return resolved;
        });
        return new Secrets(hidden, Redactor.of(values), unresolved);
    }

    private static String resolve(String text, SecretResolver resolver, List<String> values, List<String> missing) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            values.add(m.group());
            Optional<String> value = resolver.resolve(m.group(1), m.group(2));
            value.ifPresent(values::add);
            if (value.isEmpty()) {
                missing.add(m.group(1) + "/" + m.group(2));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.orElse(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets s && s.hiddenKeys.equals(hiddenKeys) && s.redactor.equals(redactor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hiddenKeys, redactor);
    }

    /** Names the keys it hides, never a value. */
    @Override
    public String toString() {
        return "Secrets[hidden keys " + hiddenKeys + ", " + redactor + "]";
    }
}

package com.retailer.bluegreen.config;

import java.util.Map;
import java.util.Optional;

/**
 * Resolves the secret references {@code {{secrets/<scope>/<key>}}} of a configuration while it is loaded
 * ({@link ConfigLoader#load(java.nio.file.Path, Map, SecretResolver)}). Whatever it resolves is secret wherever it
 * ends up; a reference it does not know stays as written (and is hidden all the same). The command line loads with
 * {@link #environment}: on Databricks each job cluster receives its secrets as environment variables from a secret
 * scope (the bundle's {@code spark_env_vars}), so neither the configuration nor the bundle holds one.
 */
@FunctionalInterface
public interface SecretResolver {

    /** Resolves nothing. */
    SecretResolver NONE = (scope, key) -> Optional.empty();

    /** The value of secret {@code key} in {@code scope}, if this resolver knows it. */
    Optional<String> resolve(String scope, String key);

    /**
     * Resolves {@code {{secrets/<scope>/<key>}}} to the environment variable {@link #environmentVariable} names,
     * when {@code environment} has it.
     */
    static SecretResolver environment(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return (scope, key) -> Optional.ofNullable(copy.get(environmentVariable(scope, key)));
    }

    /**
     * The environment variable carrying secret {@code key} of {@code scope}: {@code BLUEGREEN_SECRET_<SCOPE>_<KEY>},
     * upper case, every character other than a letter or digit as {@code _} ({@code kafka/truststore-password} is
     * {@code BLUEGREEN_SECRET_KAFKA_TRUSTSTORE_PASSWORD}).
     */
    static String environmentVariable(String scope, String key) {
        return ("BLUEGREEN_SECRET_" + scope + "_" + key).toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "_");
    }

    /** Resolves {@code <scope>/<key>} to the map's value, e.g. {@code Map.of("kafka/password", "…")}. */
    static SecretResolver of(Map<String, String> byScopeAndKey) {
        Map<String, String> copy = Map.copyOf(byScopeAndKey);
        return (scope, key) -> Optional.ofNullable(copy.get(scope + "/" + key));
    }
}

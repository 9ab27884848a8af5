package com.retailer.bluegreen.config;

import java.util.Map;
import java.util.Optional;

/**
 * Resolves the secret references {@code {{secrets/<scope>/<key>}}} of a configuration while it is loaded
 * ({@link ConfigLoader#load(java.nio.file.Path, Map, SecretResolver)}). Whatever it resolves is secret wherever it
 * ends up; a reference it does not know stays as written (and is hidden all the same). The command line loads with
 * {@link #NONE}, so references reach Spark and Kafka as written.
 */
@FunctionalInterface
public interface SecretResolver {

    /** Resolves nothing. */
    SecretResolver NONE = (scope, key) -> Optional.empty();

    /** The value of secret {@code key} in {@code scope}, if this resolver knows it. */
    Optional<String> resolve(String scope, String key);

    /** Resolves {@code <scope>/<key>} to the map's value, e.g. {@code Map.of("kafka/password", "…")}. */
    static SecretResolver of(Map<String, String> byScopeAndKey) {
        Map<String, String> copy = Map.copyOf(byScopeAndKey);
        return (scope, key) -> Optional.ofNullable(copy.get(scope + "/" + key));
    }
}

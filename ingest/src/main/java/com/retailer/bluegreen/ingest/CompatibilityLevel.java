package com.retailer.bluegreen.ingest;

import java.util.Locale;
import java.util.Optional;

/**
 * A subject's compatibility level, as the Confluent Schema Registry defines them. "New" is the schema being
 * registered; "earlier" are the subject's registered, not soft-deleted versions.
 * <ul>
 *   <li>{@link #BACKWARD} (the registry's default): the new schema can read data written with the latest version;</li>
 *   <li>{@link #FORWARD}: the latest version can read data written with the new schema;</li>
 *   <li>{@link #FULL}: both;</li>
 *   <li>the {@code _TRANSITIVE} variants: the same against every earlier version, not only the latest;</li>
 *   <li>{@link #NONE}: no check.</li>
 * </ul>
 */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** The level named {@code name}, in any letter case (the registry accepts {@code "full"} as well as {@code "FULL"}). */
    public static Optional<CompatibilityLevel> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the new schema must be able to read data written with earlier versions. */
    boolean newReadsEarlier() {
        return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    /** Whether earlier versions must be able to read data written with the new schema. */
    boolean earlierReadsNew() {
        return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    /** Whether the check runs against every earlier version rather than only the latest. */
    boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }
}

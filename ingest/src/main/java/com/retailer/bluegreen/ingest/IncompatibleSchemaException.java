package com.retailer.bluegreen.ingest;

import java.util.List;
import java.util.Objects;

/**
 * The registry refused to register a schema because it breaks the subject's compatibility level (Confluent: HTTP 409,
 * {@code error_code} 409). The message names the subject, the level and Avro's reasons.
 */
public final class IncompatibleSchemaException extends RegistryRefusalException {
    private final String subject;
    private final CompatibilityLevel level;
    private final List<String> reasons;

    /**
     * @param subject the subject the schema was to be registered under
     * @param level   the subject's compatibility level; null if the registry did not say and could not be asked
     * @param reasons Avro's incompatibilities as the registry reported them
     * @param context what to prefix the message with, e.g. the registry's URL; empty for none
     */
    public IncompatibleSchemaException(String subject, CompatibilityLevel level, List<String> reasons, String context) {
        super(INCOMPATIBLE_SCHEMA, (context.isEmpty() ? "" : context + ": ") + "the schema is incompatible with"
                + " an earlier version of subject '" + subject + "' at compatibility level "
                + (level == null ? "(unknown)" : level) + ": " + String.join("; ", reasons) + ". Make the new schema"
                + " compatible (e.g. give a new field a default, keep field types), or change the subject's"
                + " compatibility level (PUT /config/" + subject + ").");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.level = level;
        this.reasons = List.copyOf(reasons);
    }

    public String subject() {
        return subject;
    }

    /** The level the schema was judged at; null if the registry did not tell it. */
    public CompatibilityLevel level() {
        return level;
    }

    /** Avro's incompatibilities, as the registry reported them. */
    public List<String> reasons() {
        return reasons;
    }
}

package com.retailer.bluegreen.ingest;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A schema as registered under a subject: Confluent's {@code {"subject", "version", "id", "schema"}}.
 *
 * @param subject the subject
 * @param version its version under the subject (1 for the first)
 * @param id      its global id (the same in every subject)
 * @param schema  the schema as the registry stores it
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}

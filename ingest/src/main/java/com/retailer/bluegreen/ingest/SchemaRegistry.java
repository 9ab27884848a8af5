package com.retailer.bluegreen.ingest;

import org.apache.avro.Schema;

/**
 * Port to a schema registry speaking the Confluent Schema Registry model: schemas registered under a subject
 * ({@code <topic>-value}), each with a global, immutable integer id.
 *
 * <p>Two implementations: {@link ConfluentRegistryClient} (the REST API, used on Databricks and locally against
 * {@link LocalSchemaRegistryServer}) and {@link InMemorySchemaRegistry} (the store behind the local server and fast
 * unit tests).
 *
 * <p>Error contract: an id the registry definitively does not know raises {@link SchemaNotFoundException} (a poison
 * record: quarantine it). Anything transient (connection refused, timeout, 5xx) raises
 * {@link RegistryUnavailableException} (fail the batch so it is retried; never quarantine).
 */
public interface SchemaRegistry extends AutoCloseable {

    /** Registers the schema under the subject, or returns the existing id if an identical schema is registered. */
    int register(String subject, Schema schema);

    /** The schema with this global id. Ids are immutable, so implementations may cache forever. */
    Schema schemaById(int id) throws SchemaNotFoundException;

    /** Subject name for a topic's record values (Confluent TopicNameStrategy). */
    static String valueSubject(String topic) {
        return topic + "-value";
    }

    @Override
    default void close() {
    }
}

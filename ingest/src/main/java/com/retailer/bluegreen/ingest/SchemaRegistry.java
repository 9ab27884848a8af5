package com.retailer.bluegreen.ingest;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Port to a schema registry speaking the Confluent Schema Registry model: schemas registered under a subject
 * ({@code <topic>-value}), each with a global, immutable integer id, and each subject with a compatibility level
 * (its own, else the registry's global one, {@link CompatibilityLevel#BACKWARD} by default) that a new version must
 * pass to be registered.
 *
 * <p>Two implementations: {@link ConfluentRegistryClient} (the REST API, used on Databricks and locally against the
 * local-runtime module's {@code LocalSchemaRegistryServer}) and {@link InMemorySchemaRegistry} (the store behind the
 * local server and fast unit tests). Both implement every method; the contract suite runs the same cases against both.
 *
 * <p>What the pipeline uses: the colour job's decoder only {@link #schemaById}; producers (the traffic generator, the
 * demo) {@link #register}. The schema gate ({@code gates}' {@code WriterSchemaCheck}) uses only {@link #schemaById}: it
 * judges every writer schema id found in Kafka and Bronze against the pipeline's reader schema with Avro's
 * {@code SchemaCompatibility}, locally. It does not use {@link #testCompatibility}: that answers a different question
 * (a new schema against a subject's registered versions at the subject's level), which says nothing about ids already
 * written under another level, or about the pipeline's reader schema, which need not be registered at all.
 *
 * <p>Error contract: an id the registry definitively does not know raises {@link SchemaNotFoundException} (a poison
 * record: quarantine it). Anything transient (connection refused, timeout, 5xx) raises
 * {@link RegistryUnavailableException} (fail the batch so it is retried; never quarantine). A request the registry
 * refuses (unknown subject or version, incompatible or invalid schema) raises {@link RegistryRefusalException}, or
 * {@link IncompatibleSchemaException} for a schema that breaks the subject's compatibility level.
 */
public interface SchemaRegistry extends AutoCloseable {

    /** The version argument of {@link #testCompatibility} meaning the subject's latest version. */
    int LATEST = -1;

    /**
     * Registers the schema under the subject, or returns the existing id if an identical schema is already registered
     * there (without a compatibility check, as Confluent does).
     *
     * @throws IncompatibleSchemaException if the schema breaks the subject's compatibility level
     */
    int register(String subject, Schema schema);

    /** The schema with this global id. Ids are immutable, so implementations may cache forever. */
    Schema schemaById(int id) throws SchemaNotFoundException;

    /**
     * The version of {@code subject} whose schema is identical to {@code schema} (what a serializer with
     * {@code auto.register.schemas=false} asks), or empty if the subject is unknown or has no such version.
     */
    default Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        throw unsupported("lookup");
    }

    /** The registry's global compatibility level (BACKWARD unless set). */
    default CompatibilityLevel globalCompatibility() {
        throw unsupported("globalCompatibility");
    }

    /** Sets the global compatibility level, which applies to every subject without a level of its own. */
    default void setGlobalCompatibility(CompatibilityLevel level) {
        throw unsupported("setGlobalCompatibility");
    }

    /** The level new versions of {@code subject} are judged at: the subject's own, else the global one. */
    default CompatibilityLevel compatibility(String subject) {
        throw unsupported("compatibility");
    }

    /** Gives {@code subject} a compatibility level of its own (the subject need not exist yet). */
    default void setCompatibility(String subject, CompatibilityLevel level) {
        throw unsupported("setCompatibility");
    }

    /**
     * Whether {@code schema} passes the subject's compatibility level against one version (Confluent's
     * {@code POST /compatibility/subjects/{subject}/versions/{version}}), with the reasons if not. Against
     * {@link #LATEST} of a subject with no versions, anything is compatible.
     *
     * @param version a version number, or {@link #LATEST}
     * @throws RegistryRefusalException if the subject or the numbered version does not exist
     */
    default CompatibilityCheck testCompatibility(String subject, int version, Schema schema) {
        throw unsupported("testCompatibility");
    }

    /** Subject name for a topic's record values (Confluent TopicNameStrategy). */
    static String valueSubject(String topic) {
        return topic + "-value";
    }

    @Override
    default void close() {
    }

    private UnsupportedOperationException unsupported(String method) {
        return new UnsupportedOperationException(getClass().getName() + " does not implement " + method
                + "; use ConfluentRegistryClient or InMemorySchemaRegistry.");
    }
}

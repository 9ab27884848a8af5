package com.retailer.bluegreen.ingest;

import com.retailer.bluegreen.layout.Domain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The Avro schemas shipped with the pipeline (classpath {@code /avro/}): per domain, the reader schema every record
 * is resolved to, and every writer version producers may use. Each file is parsed once and cached.
 */
public final class ReaderSchemas {
    private static final Map<String, Schema> PARSED = new ConcurrentHashMap<>();

    private ReaderSchemas() {
    }

    /** The schema the pipeline reads {@code domain} records as (docs/semantics.md, "Sources"). */
    public static Schema forDomain(Domain domain) {
        return switch (domain) {
            case ORDERS -> load("/avro/orders.cdc-v2.avsc");
            case INVENTORY -> load("/avro/inventory.events-v1.avsc");
            case FULFILLMENT -> load("/avro/fulfillment.events-v1.avsc");
        };
    }

    /** Every writer schema version shipped for {@code domain}, oldest first. */
    public static List<Schema> writerVersions(Domain domain) {
        return switch (domain) {
            case ORDERS -> List.of(load("/avro/orders.cdc-v1.avsc"), load("/avro/orders.cdc-v2.avsc"));
            case INVENTORY, FULFILLMENT -> List.of(forDomain(domain));
        };
    }

    /** The newest writer version shipped for {@code domain}. */
    public static Schema latestWriter(Domain domain) {
        List<Schema> versions = writerVersions(domain);
        return versions.get(versions.size() - 1);
    }

    /**
     * Registers the newest writer version of {@code domain} under {@code SchemaRegistry.valueSubject(topic)}.
     *
     * @return the schema id producers should put in the wire-format header
     */
    public static int registerLatest(SchemaRegistry registry, Domain domain, String topic) {
        return registry.register(SchemaRegistry.valueSubject(topic), latestWriter(domain));
    }

    /**
     * Registers every writer version of {@code domain}, oldest first, under {@code SchemaRegistry.valueSubject(topic)},
     * so the subject's version history matches what producers have shipped.
     *
     * @return the ids, in the order of {@link #writerVersions(Domain)}
     */
    public static List<Integer> registerAll(SchemaRegistry registry, Domain domain, String topic) {
        String subject = SchemaRegistry.valueSubject(topic);
        List<Integer> ids = new ArrayList<>();
        for (Schema schema : writerVersions(domain)) {
            ids.add(registry.register(subject, schema));
        }
        return List.copyOf(ids);
    }

    private static Schema load(String resource) {
        return PARSED.computeIfAbsent(resource, ReaderSchemas::parse);
    }

    private static Schema parse(String resource) {
        // One parser per file: v1 and v2 of a topic define the same record names.
        try (InputStream in = ReaderSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Avro schema " + resource + " is not on the classpath; it ships in the"
                        + " ingest jar, so check that the job was built with the ingest module's resources.");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read Avro schema " + resource + " from the classpath", e);
        } catch (SchemaParseException e) {
            throw new IllegalStateException("Avro schema " + resource + " does not parse: " + e.getMessage()
                    + ". Fix the .avsc file in ingest/src/main/resources/avro/.", e);
        }
    }
}

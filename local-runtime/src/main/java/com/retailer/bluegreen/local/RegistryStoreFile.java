package com.retailer.bluegreen.local;

import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.ingest.SchemaNotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The JSON file {@link LocalSchemaRegistryServer} persists its store to: the ordered log of registrations that
 * changed the store (a new id, or a new version of a subject). Replaying the log into an empty
 * {@link InMemorySchemaRegistry} rebuilds the same ids and the same version lists, because id assignment there
 * depends only on the order of registrations.
 */
final class RegistryStoreFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 1;

    /** One registration that changed the store. */
    record Entry(String subject, int id, String schema) {
    }

    private final Path path;
    private final List<Entry> entries = new ArrayList<>();

    RegistryStoreFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Replays the file, if it exists, into {@code registry}, which must be empty. */
    void loadInto(InMemorySchemaRegistry registry) {
        if (!Files.exists(path)) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw corrupt("it is not valid JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT || !root.path("registrations").isArray()) {
            throw corrupt("expected {\"format\": " + FORMAT + ", \"registrations\": [...]}", null);
        }
        for (JsonNode node : root.get("registrations")) {
            Entry entry = new Entry(node.path("subject").asText(), node.path("id").asInt(), node.path("schema").asText());
            int id;
            try {
                id = registry.register(entry.subject(), new Schema.Parser().parse(entry.schema()));
            } catch (RuntimeException e) {
                throw corrupt("the schema recorded for id " + entry.id() + " does not parse (" + e.getMessage() + ")", e);
            }
            if (id != entry.id()) {
                throw corrupt("replaying it gave id " + id + " where the file recorded " + entry.id(), null);
            }
            entries.add(entry);
        }
    }

    /** Appends a registration and rewrites the file atomically. */
    void append(Entry entry) {
        entries.add(entry);
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
        ArrayNode list = root.putArray("registrations");
        for (Entry e : entries) {
            list.addObject().put("subject", e.subject()).put("id", e.id()).put("schema", e.schema());
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, path.getFileName().toString(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the local schema registry to " + path + " ("
                    + e.getMessage() + "). Check that the directory is writable and the disk is not full.", e);
        }
    }

    private IllegalStateException corrupt(String why, Throwable cause) {
        return new IllegalStateException("Local schema registry file " + path + " cannot be loaded: " + why
                + ". Restore it from a backup, or delete it to start empty (producers will then get new schema ids"
                + " and records already in Kafka will decode as UNKNOWN_SCHEMA).", cause);
    }
}

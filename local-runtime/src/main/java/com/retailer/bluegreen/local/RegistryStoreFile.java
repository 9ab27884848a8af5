package com.retailer.bluegreen.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.ingest.CompatibilityLevel;
import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.ingest.RegistryRefusalException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The JSON file {@link LocalSchemaRegistryServer} persists its store to:
 * <pre>
 * {"format": 1,
 *  "registrations": [{"subject": "...", "version": 1, "id": 1, "schema": "..."}, ...],
 *  "compatibility": {"global": "BACKWARD", "subjects": {"orders.cdc-value": "FULL"}},
 *  "deleted": [{"subject": "...", "version": 1}, ...]}
 * </pre>
 * {@code registrations} is the ordered log of registrations that added a version. Replaying it into an empty
 * {@link InMemorySchemaRegistry} ({@link InMemorySchemaRegistry#restoreRegistration}, without compatibility checks:
 * each was checked when first made, or was made before the registry checked) rebuilds the same ids and the same
 * version lists, because id assignment there depends only on the order of registrations. {@code compatibility} and
 * {@code deleted} are the current levels and soft-deleted versions, applied after the replay.
 *
 * <p>Files written before levels and soft deletes existed have neither key nor {@code version} in their
 * registrations, and load as before (every subject at the global default, nothing deleted). The format number stays 1
 * because the additions are optional keys: a reader that knows only registrations still gets the same ids.
 */
final class RegistryStoreFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 1;

    /**
     * One registration that added a version.
     *
     * @param version the version it added; 0 if the file predates recorded versions
     */
    record Entry(String subject, int version, int id, String schema) {
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
            Entry entry = new Entry(node.path("subject").asText(), node.path("version").asInt(0),
                    node.path("id").asInt(), node.path("schema").asText());
            InMemorySchemaRegistry.SubjectVersion replayed;
            try {
                replayed = registry.restoreRegistration(entry.subject(), new Schema.Parser().parse(entry.schema()));
            } catch (RuntimeException e) {
                throw corrupt("the schema recorded for id " + entry.id() + " does not parse (" + e.getMessage() + ")", e);
            }
            if (replayed.id() != entry.id()) {
                throw corrupt("replaying it gave id " + replayed.id() + " where the file recorded " + entry.id(), null);
            }
            if (entry.version() != 0 && replayed.version() != entry.version()) {
                throw corrupt("replaying it gave subject " + entry.subject() + " version " + replayed.version()
                        + " where the file recorded " + entry.version(), null);
            }
            entries.add(new Entry(entry.subject(), replayed.version(), entry.id(), entry.schema()));
        }
        JsonNode levels = root.path("compatibility");
        if (levels.has("global")) {
            registry.setGlobalCompatibility(level(levels.get("global"), "the global level"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = levels.path("subjects").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> subject = it.next();
            registry.setCompatibility(subject.getKey(), level(subject.getValue(), "subject " + subject.getKey()));
        }
        for (JsonNode node : root.path("deleted")) {
            String subject = node.path("subject").asText();
            int version = node.path("version").asInt(0);
            try {
                registry.deleteVersion(subject, version);
            } catch (RegistryRefusalException e) {
                throw corrupt("it records subject " + subject + " version " + version + " as deleted, which it cannot"
                        + " be (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * Rewrites the file atomically with {@code registry}'s state.
     *
     * @param added the registration that just added a version, appended to the log; null if none did
     */
    void save(InMemorySchemaRegistry registry, Entry added) {
        if (added != null) {
            entries.add(added);
        }
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
        ArrayNode list = root.putArray("registrations");
        for (Entry e : entries) {
            list.addObject().put("subject", e.subject()).put("version", e.version()).put("id", e.id())
                    .put("schema", e.schema());
        }
        ObjectNode levels = root.putObject("compatibility");
        levels.put("global", registry.globalCompatibility().name());
        ObjectNode subjects = levels.putObject("subjects");
        registry.subjectCompatibilities().forEach((subject, level) -> subjects.put(subject, level.name()));
        ArrayNode deleted = root.putArray("deleted");
        for (String subject : registry.subjects(true)) {
            for (InMemorySchemaRegistry.SubjectVersion v : registry.versionsOf(subject, true)) {
                if (v.deleted()) {
                    deleted.addObject().put("subject", subject).put("version", v.version());
                }
            }
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

    private CompatibilityLevel level(JsonNode node, String what) {
        return CompatibilityLevel.forName(node.asText()).orElseThrow(() -> corrupt("the compatibility level of " + what
                + " is \"" + node.asText() + "\", which is not a level", null));
    }

    private IllegalStateException corrupt(String why, Throwable cause) {
        return new IllegalStateException("Local schema registry file " + path + " cannot be loaded: " + why
                + ". Restore it from a backup, or delete it to start empty (producers will then get new schema ids"
                + " and records already in Kafka will decode as UNKNOWN_SCHEMA).", cause);
    }
}

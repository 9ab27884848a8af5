package com.retailer.bluegreen.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A thread-safe schema store following the Confluent model: global ids start at 1, an identical schema
 * (by canonical form) gets the same id in any subject, and each subject keeps an ordered version list.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    // Linked: subjects() promises registration order.
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        Integer id = idByCanonical.get(canonical);
        if (id == null) {
            id = byId.size() + 1;
            byId.put(id, schema);
            idByCanonical.put(canonical, id);
        }
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) throws SchemaNotFoundException {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException(id, "Schema " + id + " not found");
        }
        return schema;
    }

    /** Subjects in registration order of their first version. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /** The ids registered under a subject, version 1 first. */
    public synchronized List<Integer> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    /** The id of version {@code version} (1-based) of a subject. */
    public synchronized Optional<Integer> idOf(String subject, int version) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        return version >= 1 && version <= versions.size() ? Optional.of(versions.get(version - 1)) : Optional.empty();
    }
}

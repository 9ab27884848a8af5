package com.retailer.bluegreen.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A thread-safe schema store following the Confluent model: global ids start at 1, an identical schema (by canonical
 * form) gets the same id in any subject, and each subject keeps an ordered version list. A new version must pass the
 * subject's compatibility level ({@link CompatibilityLevel#BACKWARD} unless set), judged with Avro's
 * {@code SchemaCompatibility} against the subject's versions that are not soft-deleted.
 *
 * <p>Beyond the {@link SchemaRegistry} port, it offers what the local registry server serves: soft deletes of a
 * subject or a version (the ids stay readable by {@link #schemaById}), listings that include soft-deleted versions on
 * request, subject-level levels that can be cleared, and {@link #restoreRegistration} for replaying a persisted store.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    /** The global level of a new registry, as in Confluent's. */
    public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;

    /** One version of a subject. */
    public record SubjectVersion(String subject, int version, int id, boolean deleted) {
    }

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    // Linked: subjects() promises registration order.
    private final Map<String, List<SubjectVersion>> versionsBySubject = new LinkedHashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new LinkedHashMap<>();
    private CompatibilityLevel globalLevel = DEFAULT_COMPATIBILITY;

    @Override
    public synchronized int register(String subject, Schema schema) {
        Integer known = idByCanonical.get(canonical(schema));
        if (known != null) {
            for (SubjectVersion v : live(subject)) {
                if (v.id() == known) {
                    return known;
                }
            }
        }
        CompatibilityCheck check = checkRegistration(subject, schema);
        if (!check.compatible()) {
            throw new IncompatibleSchemaException(subject, compatibility(subject), check.messages(), "");
        }
        return append(subject, schema).id();
    }

    /**
     * Whether {@code schema} passes the subject's level against the subject's versions that are not soft-deleted (the
     * latest, or all of them for a transitive level): the check {@link #register} makes for a new version.
     */
    public synchronized CompatibilityCheck checkRegistration(String subject, Schema schema) {
        List<AvroCompatibility.Earlier> earlier = new ArrayList<>();
        for (SubjectVersion v : live(subject)) {
            earlier.add(new AvroCompatibility.Earlier(v.version(), byId.get(v.id())));
        }
        List<String> problems = AvroCompatibility.problems(compatibility(subject), schema, earlier);
        return new CompatibilityCheck(problems.isEmpty(), problems);
    }

    /**
     * Adds {@code schema} as the next version of {@code subject} without a compatibility check or a duplicate check:
     * for replaying registrations recorded by a store that persists this registry (each was checked when first made).
     * The id it gets depends only on the order of registrations, so replaying them in order gives the same ids.
     */
    public synchronized SubjectVersion restoreRegistration(String subject, Schema schema) {
        return append(subject, schema);
    }

    @Override
    public synchronized Schema schemaById(int id) throws SchemaNotFoundException {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException(id, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        return lookup(subject, schema, false);
    }

    /** As {@link #lookup(String, Schema)}; with {@code includeDeleted}, a soft-deleted version matches too. */
    public synchronized Optional<RegisteredSchema> lookup(String subject, Schema schema, boolean includeDeleted) {
        Integer id = idByCanonical.get(canonical(schema));
        if (id == null) {
            return Optional.empty();
        }
        List<SubjectVersion> versions = versionsBySubject.getOrDefault(subject, List.of());
        SubjectVersion match = null;
        for (SubjectVersion v : versions) {
            // A live version wins over a soft-deleted one with the same id.
            if (v.id() == id && (!v.deleted() || includeDeleted) && (match == null || match.deleted())) {
                match = v;
            }
        }
        return match == null ? Optional.empty() : Optional.of(registered(match));
    }

    @Override
    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    @Override
    public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
        globalLevel = Objects.requireNonNull(level, "level");
    }

    /** Puts the global level back to {@link #DEFAULT_COMPATIBILITY}; returns the level it had. */
    public synchronized CompatibilityLevel resetGlobalCompatibility() {
        CompatibilityLevel was = globalLevel;
        globalLevel = DEFAULT_COMPATIBILITY;
        return was;
    }

    @Override
    public synchronized CompatibilityLevel compatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(level, "level"));
    }

    /** The subject's own level, if it has one. */
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** Every subject that has a level of its own, in the order they were first given one. */
    public synchronized Map<String, CompatibilityLevel> subjectCompatibilities() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(subjectLevels));
    }

    /** Removes the subject's own level (the global one applies again); returns the level it had, if any. */
    public synchronized Optional<CompatibilityLevel> clearCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.remove(subject));
    }

    @Override
    public synchronized CompatibilityCheck testCompatibility(String subject, int version, Schema schema) {
        Optional<SubjectVersion> target;
        if (version == LATEST) {
            List<SubjectVersion> live = live(subject);
            target = live.isEmpty() ? Optional.empty() : Optional.of(live.get(live.size() - 1));
        } else {
            target = Optional.of(version(subject, version, false));
        }
        if (target.isEmpty()) {
            return new CompatibilityCheck(true, List.of());
        }
        SubjectVersion against = target.get();
        List<String> problems = AvroCompatibility.problems(compatibility(subject), schema,
                List.of(new AvroCompatibility.Earlier(against.version(), byId.get(against.id()))));
        return new CompatibilityCheck(problems.isEmpty(), problems);
    }

    /**
     * One version of a subject.
     *
     * @param version a version number, or {@link #LATEST} for the newest one that is not soft-deleted
     * @throws RegistryRefusalException 40401 if the subject has no (live, unless {@code includeDeleted}) version,
     *                                  40402 if it has no such version, 42202 if {@code version} is not a version
     */
    public synchronized SubjectVersion version(String subject, int version, boolean includeDeleted) {
        List<SubjectVersion> visible = includeDeleted ? versionsBySubject.getOrDefault(subject, List.of())
                : live(subject);
        if (version != LATEST && version < 1) {
            throw RegistryRefusalException.invalidVersion(Integer.toString(version));
        }
        if (visible.isEmpty()) {
            throw RegistryRefusalException.subjectNotFound(subject);
        }
        if (version == LATEST) {
            List<SubjectVersion> live = live(subject);
            return live.isEmpty() ? visible.get(visible.size() - 1) : live.get(live.size() - 1);
        }
        for (SubjectVersion v : visible) {
            if (v.version() == version) {
                return v;
            }
        }
        throw RegistryRefusalException.versionNotFound(version);
    }

    /** The schema, id and subject of one version ({@link #version(String, int, boolean)}). */
    public synchronized RegisteredSchema registeredVersion(String subject, int version, boolean includeDeleted) {
        return registered(version(subject, version, includeDeleted));
    }

    /** Subjects that have a version that is not soft-deleted, in registration order of their first version. */
    public synchronized List<String> subjects() {
        return subjects(false);
    }

    /** As {@link #subjects()}; with {@code includeDeleted}, also subjects whose every version is soft-deleted. */
    public synchronized List<String> subjects(boolean includeDeleted) {
        List<String> out = new ArrayList<>();
        versionsBySubject.forEach((subject, versions) -> {
            if (includeDeleted || versions.stream().anyMatch(v -> !v.deleted())) {
                out.add(subject);
            }
        });
        return List.copyOf(out);
    }

    /** The ids of the subject's versions that are not soft-deleted, oldest first. */
    public synchronized List<Integer> versions(String subject) {
        return live(subject).stream().map(SubjectVersion::id).toList();
    }

    /** The subject's versions, oldest first; soft-deleted ones only with {@code includeDeleted}. */
    public synchronized List<SubjectVersion> versionsOf(String subject, boolean includeDeleted) {
        return includeDeleted ? List.copyOf(versionsBySubject.getOrDefault(subject, List.of())) : live(subject);
    }

    /**
     * Soft-deletes every version of a subject: they no longer count for lookups, listings or compatibility, and a new
     * registration starts the subject again (with the next version number); the ids stay readable. The subject's
     * compatibility level is kept.
     *
     * @return the version numbers deleted
     * @throws RegistryRefusalException 40401 if the subject never existed, 40404 if it is already soft-deleted
     */
    public synchronized List<Integer> deleteSubject(String subject) {
        List<SubjectVersion> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw RegistryRefusalException.subjectNotFound(subject);
        }
        List<Integer> deleted = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            SubjectVersion v = versions.get(i);
            if (!v.deleted()) {
                versions.set(i, new SubjectVersion(subject, v.version(), v.id(), true));
                deleted.add(v.version());
            }
        }
        if (deleted.isEmpty()) {
            throw new RegistryRefusalException(RegistryRefusalException.SUBJECT_SOFT_DELETED, "Subject '" + subject
                    + "' was soft deleted. Set permanent=true to delete permanently");
        }
        return List.copyOf(deleted);
    }

    /**
     * Soft-deletes one version of a subject (see {@link #deleteSubject}).
     *
     * @param version a version number, or {@link #LATEST}
     * @return the version number deleted
     * @throws RegistryRefusalException 40401 unknown subject, 40402 unknown version, 40406 already soft-deleted,
     *                                  42202 not a version
     */
    public synchronized int deleteVersion(String subject, int version) {
        SubjectVersion target = version(subject, version, true);
        if (target.deleted()) {
            if (version == LATEST) {
                throw RegistryRefusalException.subjectNotFound(subject);
            }
            throw new RegistryRefusalException(RegistryRefusalException.VERSION_SOFT_DELETED, "Subject '" + subject
                    + "' Version " + target.version() + " was soft deleted. Set permanent=true to delete permanently");
        }
        List<SubjectVersion> versions = versionsBySubject.get(subject);
        versions.set(versions.indexOf(target), new SubjectVersion(subject, target.version(), target.id(), true));
        return target.version();
    }

    private SubjectVersion append(String subject, Schema schema) {
        String canonical = canonical(schema);
        Integer id = idByCanonical.get(canonical);
        if (id == null) {
            id = byId.size() + 1;
            byId.put(id, schema);
            idByCanonical.put(canonical, id);
        }
        List<SubjectVersion> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        SubjectVersion added = new SubjectVersion(subject, next, id, false);
        versions.add(added);
        return added;
    }

    private List<SubjectVersion> live(String subject) {
        return versionsBySubject.getOrDefault(subject, List.of()).stream().filter(v -> !v.deleted()).toList();
    }

    private RegisteredSchema registered(SubjectVersion v) {
        return new RegisteredSchema(v.subject(), v.version(), v.id(), byId.get(v.id()));
    }

    private static String canonical(Schema schema) {
        return schema.toString();
    }
}

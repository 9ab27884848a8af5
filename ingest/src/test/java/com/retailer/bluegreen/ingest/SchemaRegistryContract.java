package com.retailer.bluegreen.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.layout.Domain;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link SchemaRegistry} must do, run against each implementation (Iceberg's {@code CatalogTests}
 * pattern): the in-memory store, and the REST client talking to the local server. Subclasses provide a fresh, empty
 * registry per test.
 *
 * <p>Covers registration and ids, lookup ({@code POST /subjects/{subject}}), compatibility levels
 * ({@code /config}), compatibility tests ({@code /compatibility/...}) and the refusal of an incompatible new version
 * (HTTP 409), each judged with Avro's own resolution rules at every level.
 */
public abstract class SchemaRegistryContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema ORDERS_V1 = ReaderSchemas.writerVersions(Domain.ORDERS).get(0);
    private static final Schema ORDERS_V2 = ReaderSchemas.writerVersions(Domain.ORDERS).get(1);
    private static final Schema INVENTORY = ReaderSchemas.forDomain(Domain.INVENTORY);
    private static final String ORDERS = "orders.cdc-value";

    /** Orders v2 with {@code seq} a string: what the producer tried to register. */
    private static final Schema SEQ_AS_STRING = orders(fields -> field(fields, "seq").put("type", "string"));
    /** Orders v2 with {@code seq} a string that has a default. */
    private static final Schema SEQ_AS_STRING_WITH_DEFAULT = orders(fields -> field(fields, "seq")
            .put("type", "string").put("default", ""));
    /** Orders v2 without {@code seq} (which has no default). */
    private static final Schema WITHOUT_SEQ = orders(fields -> fields.remove(index(fields, "seq")));
    /** Orders v2 plus a field without a default. */
    private static final Schema WITH_REQUIRED_NOTE = orders(fields -> fields.addObject().put("name", "note")
            .put("type", "string"));
    /** Orders v2 plus a field with a default. */
    private static final Schema WITH_OPTIONAL_NOTE = orders(fields -> fields.addObject().put("name", "note")
            .put("type", "string").put("default", ""));

    private static Schema orders(Consumer<ArrayNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(ORDERS_V2.toString());
            change.accept((ArrayNode) root.get("fields"));
            return new Schema.Parser().parse(root.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int index(ArrayNode fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static ObjectNode field(ArrayNode fields, String name) {
        return (ObjectNode) fields.get(index(fields, name));
    }

    private SchemaRegistry registry;

    /** A new registry that holds no schemas. */
    protected abstract SchemaRegistry newEmptyRegistry() throws Exception;

    /** Releases whatever {@link #newEmptyRegistry()} started. */
    protected void tearDown() throws Exception {
    }

    @BeforeEach
    final void setUpRegistry() throws Exception {
        registry = newEmptyRegistry();
    }

    @AfterEach
    final void closeRegistry() throws Exception {
        registry.close();
        tearDown();
    }

    @Test
    void registeringTheSameSchemaTwiceReturnsTheSameId() {
        int first = registry.register("orders.cdc-value", ORDERS_V2);
        int second = registry.register("orders.cdc-value", ORDERS_V2);
        assertEquals(first, second);
    }

    @Test
    void registeringAnEqualSchemaParsedSeparatelyReturnsTheSameId() throws Exception {
        int first = registry.register("orders.cdc-value", ORDERS_V2);
        String pretty = new ObjectMapper().readTree(ORDERS_V2.toString()).toPrettyString();
        Schema reparsed = new Schema.Parser().parse(pretty);
        assertEquals(first, registry.register("orders.cdc-value", reparsed));
    }

    @Test
    void theSameSchemaGetsTheSameIdInEverySubject() {
        int blue = registry.register("blue.orders-value", ORDERS_V2);
        int green = registry.register("green.orders-value", ORDERS_V2);
        assertEquals(blue, green);
    }

    @Test
    void differentSchemasGetDifferentIds() {
        int v1 = registry.register("orders.cdc-value", ORDERS_V1);
        int v2 = registry.register("orders.cdc-value", ORDERS_V2);
        int inventory = registry.register("inventory.events-value", INVENTORY);
        assertNotEquals(v1, v2);
        assertNotEquals(v2, inventory);
        assertNotEquals(v1, inventory);
    }

    @Test
    void aRegisteredSchemaIsReturnedByItsId() throws Exception {
        int v1 = registry.register("orders.cdc-value", ORDERS_V1);
        int inventory = registry.register("inventory.events-value", INVENTORY);
        assertEquals(ORDERS_V1, registry.schemaById(v1));
        assertEquals(INVENTORY, registry.schemaById(inventory));
    }

    @Test
    void anUnknownIdRaisesSchemaNotFoundNamingTheId() {
        registry.register("orders.cdc-value", ORDERS_V2);
        SchemaNotFoundException e = assertThrows(SchemaNotFoundException.class, () -> registry.schemaById(987_654));
        assertEquals(987_654, e.schemaId());
    }

    @Test
    void anEmptyRegistryKnowsNoId() {
        assertThrows(SchemaNotFoundException.class, () -> registry.schemaById(1));
    }

    // --- lookup ---

    @Test
    void lookupFindsEachRegisteredVersionWithSubjectVersionIdAndSchema() {
        int v1 = registry.register(ORDERS, ORDERS_V1);
        int v2 = registry.register(ORDERS, ORDERS_V2);

        assertEquals(Optional.of(new RegisteredSchema(ORDERS, 1, v1, ORDERS_V1)), registry.lookup(ORDERS, ORDERS_V1));
        assertEquals(Optional.of(new RegisteredSchema(ORDERS, 2, v2, ORDERS_V2)), registry.lookup(ORDERS, ORDERS_V2));
    }

    @Test
    void lookupMatchesAnEqualSchemaParsedSeparately() throws Exception {
        int id = registry.register(ORDERS, ORDERS_V2);
        Schema reparsed = new Schema.Parser().parse(JSON.readTree(ORDERS_V2.toString()).toPrettyString());
        assertEquals(id, registry.lookup(ORDERS, reparsed).orElseThrow().id());
    }

    @Test
    void lookupOfASchemaNotRegisteredUnderTheSubjectOrOfAnUnknownSubjectIsEmpty() {
        registry.register(ORDERS, ORDERS_V2);
        registry.register("inventory.events-value", INVENTORY);

        assertEquals(Optional.empty(), registry.lookup(ORDERS, INVENTORY), "registered, but under another subject");
        assertEquals(Optional.empty(), registry.lookup(ORDERS, ORDERS_V1), "never registered");
        assertEquals(Optional.empty(), registry.lookup("nope-value", ORDERS_V2), "unknown subject");
    }

    @Test
    void lookupRegistersNothing() {
        assertEquals(Optional.empty(), registry.lookup(ORDERS, ORDERS_V2));
        assertEquals(Optional.empty(), registry.lookup(ORDERS, ORDERS_V2));
        assertEquals(1, registry.register(ORDERS, ORDERS_V2), "the first id is still free");
    }

    // --- compatibility levels ---

    @Test
    void theDefaultLevelIsBackwardGloballyAndForEverySubject() {
        assertEquals(CompatibilityLevel.BACKWARD, registry.globalCompatibility());
        assertEquals(CompatibilityLevel.BACKWARD, registry.compatibility(ORDERS));
        registry.register(ORDERS, ORDERS_V2);
        assertEquals(CompatibilityLevel.BACKWARD, registry.compatibility(ORDERS));
    }

    @Test
    void aSubjectsOwnLevelOverridesTheGlobalOne() {
        registry.setCompatibility(ORDERS, CompatibilityLevel.FULL_TRANSITIVE);
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, registry.compatibility(ORDERS));
        assertEquals(CompatibilityLevel.BACKWARD, registry.compatibility("other-value"));
        assertEquals(CompatibilityLevel.BACKWARD, registry.globalCompatibility());

        registry.setGlobalCompatibility(CompatibilityLevel.NONE);
        assertEquals(CompatibilityLevel.NONE, registry.globalCompatibility());
        assertEquals(CompatibilityLevel.NONE, registry.compatibility("other-value"));
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, registry.compatibility(ORDERS));
    }

    @ParameterizedTest
    @EnumSource(CompatibilityLevel.class)
    void everyLevelCanBeSetAndReadBack(CompatibilityLevel level) {
        registry.setCompatibility(ORDERS, level);
        registry.setGlobalCompatibility(level);
        assertEquals(level, registry.compatibility(ORDERS));
        assertEquals(level, registry.globalCompatibility());
    }

    // --- registration refused at the subject's level ---

    @Test
    void anIncompatibleNewVersionIsRefusedAtTheDefaultLevelNamingSubjectLevelAndAvrosReason() {
        int v2 = registry.register(ORDERS, ORDERS_V2);

        IncompatibleSchemaException e = assertThrows(IncompatibleSchemaException.class,
                () -> registry.register(ORDERS, SEQ_AS_STRING));

        assertEquals(ORDERS, e.subject());
        assertEquals(CompatibilityLevel.BACKWARD, e.level());
        assertEquals(RegistryRefusalException.INCOMPATIBLE_SCHEMA, e.errorCode());
        assertTrue(e.getMessage().contains(ORDERS), e.getMessage());
        assertTrue(e.getMessage().contains("BACKWARD"), e.getMessage());
        assertTrue(e.getMessage().contains("reader type: STRING not compatible with writer type: LONG"),
                e.getMessage());
        assertEquals(Optional.empty(), registry.lookup(ORDERS, SEQ_AS_STRING), "nothing was registered");
        assertEquals(v2 + 1, registry.register("inventory.events-value", INVENTORY), "and no id was used");
    }

    @Test
    void theSameSchemaIsAcceptedWhenTheSubjectsLevelIsNone() {
        int v2 = registry.register(ORDERS, ORDERS_V2);
        registry.setCompatibility(ORDERS, CompatibilityLevel.NONE);

        int seqAsString = registry.register(ORDERS, SEQ_AS_STRING);

        assertNotEquals(v2, seqAsString);
        assertEquals(2, registry.lookup(ORDERS, SEQ_AS_STRING).orElseThrow().version());
    }

    @Test
    void reRegisteringAnExistingVersionReturnsItsIdWithoutACheck() {
        int v2 = registry.register(ORDERS, ORDERS_V2);
        registry.setCompatibility(ORDERS, CompatibilityLevel.NONE);
        registry.register(ORDERS, SEQ_AS_STRING);
        registry.setCompatibility(ORDERS, CompatibilityLevel.FULL_TRANSITIVE);

        assertEquals(v2, registry.register(ORDERS, ORDERS_V2), "version 1 is incompatible with the latest, but known");
    }

    @Test
    void aSchemaKnownInAnotherSubjectIsStillCheckedInThisOne() {
        registry.register(ORDERS, ORDERS_V2);
        int elsewhere = registry.register("scratch-value", SEQ_AS_STRING);

        assertThrows(IncompatibleSchemaException.class, () -> registry.register(ORDERS, SEQ_AS_STRING));
        registry.setCompatibility(ORDERS, CompatibilityLevel.NONE);
        assertEquals(elsewhere, registry.register(ORDERS, SEQ_AS_STRING), "accepted, it keeps its global id");
    }

    @Test
    void theShippedWriterVersionsEvolveCompatiblyAtTheStrictestLevel() {
        registry.setGlobalCompatibility(CompatibilityLevel.FULL_TRANSITIVE);
        assertEquals(2, ReaderSchemas.registerAll(registry, Domain.ORDERS, "orders.cdc").size());
    }

    /** Per level: a field added without a default, added with one, and a field without a default removed. */
    @ParameterizedTest
    @CsvSource({
        // level,              add required, add optional, drop required
        "NONE,                 true,         true,         true",
        "BACKWARD,             false,        true,         true",
        "BACKWARD_TRANSITIVE,  false,        true,         true",
        "FORWARD,              true,         true,         false",
        "FORWARD_TRANSITIVE,   true,         true,         false",
        "FULL,                 false,        true,         false",
        "FULL_TRANSITIVE,      false,        true,         false",
    })
    void eachLevelJudgesTheNewSchemaAgainstTheLatestInItsDirection(CompatibilityLevel level, boolean addRequired,
            boolean addOptional, boolean dropRequired) {
        assertEquals(addRequired, accepted(level, WITH_REQUIRED_NOTE), "add a field without a default");
        assertEquals(addOptional, accepted(level, WITH_OPTIONAL_NOTE), "add a field with a default");
        assertEquals(dropRequired, accepted(level, WITHOUT_SEQ), "drop a field without a default");
    }

    /** Registers ORDERS_V2 then {@code candidate} under a fresh subject at {@code level}; whether it was accepted. */
    private boolean accepted(CompatibilityLevel level, Schema candidate) {
        String subject = "judge-" + level + "-" + Math.abs(candidate.toString().hashCode()) + "-value";
        registry.setCompatibility(subject, level);
        registry.register(subject, ORDERS_V2);
        try {
            registry.register(subject, candidate);
            return true;
        } catch (IncompatibleSchemaException e) {
            assertEquals(level, e.level());
            return false;
        }
    }

    /**
     * Version 1 has {@code seq} a long, version 2 drops it, the candidate brings it back as a string with a default:
     * compatible with version 2 both ways, incompatible with version 1 both ways. Only the transitive levels look
     * at version 1.
     */
    @ParameterizedTest
    @CsvSource({"BACKWARD, BACKWARD_TRANSITIVE", "FORWARD, FORWARD_TRANSITIVE", "FULL, FULL_TRANSITIVE"})
    void aTransitiveLevelChecksEveryEarlierVersionAndTheOtherOnlyTheLatest(CompatibilityLevel latestOnly,
            CompatibilityLevel transitive) {
        for (CompatibilityLevel level : List.of(latestOnly, transitive)) {
            String subject = "transitive-" + level + "-value";
            registry.setCompatibility(subject, CompatibilityLevel.NONE);
            registry.register(subject, ORDERS_V2);
            registry.register(subject, WITHOUT_SEQ);
            registry.setCompatibility(subject, level);
            if (level == latestOnly) {
                registry.register(subject, SEQ_AS_STRING_WITH_DEFAULT);
                assertEquals(3, registry.lookup(subject, SEQ_AS_STRING_WITH_DEFAULT).orElseThrow().version());
            } else {
                IncompatibleSchemaException e = assertThrows(IncompatibleSchemaException.class,
                        () -> registry.register(subject, SEQ_AS_STRING_WITH_DEFAULT));
                assertTrue(e.getMessage().contains("oldSchemaVersion: 1"), e.getMessage());
            }
        }
    }

    @Test
    void anIncompatibilityWithAVersionBeforeTheLatestDoesNotBlockPlainBackward() {
        registry.setCompatibility(ORDERS, CompatibilityLevel.NONE);
        registry.register(ORDERS, ORDERS_V2);
        registry.register(ORDERS, SEQ_AS_STRING);
        registry.setCompatibility(ORDERS, CompatibilityLevel.BACKWARD);
        Schema seqAsStringWithNote = orders(fields -> {
            field(fields, "seq").put("type", "string");
            fields.addObject().put("name", "note").put("type", "string").put("default", "");
        });
        registry.register(ORDERS, seqAsStringWithNote);
    }

    // --- compatibility tests ---

    @Test
    void testingAgainstTheLatestVersionAnswersWithAvrosReasons() {
        registry.register(ORDERS, ORDERS_V1);
        registry.register(ORDERS, ORDERS_V2);

        CompatibilityCheck ok = registry.testCompatibility(ORDERS, SchemaRegistry.LATEST, WITH_OPTIONAL_NOTE);
        assertEquals(new CompatibilityCheck(true, List.of()), ok);

        CompatibilityCheck broken = registry.testCompatibility(ORDERS, SchemaRegistry.LATEST, SEQ_AS_STRING);
        assertFalse(broken.compatible());
        assertTrue(broken.messages().stream().anyMatch(m -> m.contains("TYPE_MISMATCH")
                && m.contains("reader type: STRING not compatible with writer type: LONG")), broken.messages().toString());
        assertTrue(broken.messages().contains("{oldSchemaVersion: 2}"), broken.messages().toString());
        assertTrue(broken.messages().contains("{validateFields: 'false', compatibility: 'BACKWARD'}"),
                broken.messages().toString());
        assertEquals(Optional.empty(), registry.lookup(ORDERS, SEQ_AS_STRING), "testing registers nothing");
    }

    @Test
    void testingAgainstANumberedVersionUsesThatVersionAtTheSubjectsLevel() {
        registry.setCompatibility(ORDERS, CompatibilityLevel.NONE);
        registry.register(ORDERS, ORDERS_V2);
        registry.register(ORDERS, WITHOUT_SEQ);
        registry.setCompatibility(ORDERS, CompatibilityLevel.FORWARD);

        assertTrue(registry.testCompatibility(ORDERS, 2, SEQ_AS_STRING).compatible(), "version 2 ignores seq");
        CompatibilityCheck against1 = registry.testCompatibility(ORDERS, 1, SEQ_AS_STRING);
        assertFalse(against1.compatible());
        assertTrue(against1.messages().stream().anyMatch(m -> m.contains("reader type: LONG not compatible with"
                + " writer type: STRING")), against1.messages().toString());
        assertTrue(against1.messages().contains("{validateFields: 'false', compatibility: 'FORWARD'}"),
                against1.messages().toString());
    }

    @Test
    void anythingIsCompatibleWithTheLatestVersionOfASubjectThatHasNone() {
        assertEquals(new CompatibilityCheck(true, List.of()),
                registry.testCompatibility("nope-value", SchemaRegistry.LATEST, SEQ_AS_STRING));
    }

    @Test
    void testingAgainstAVersionOrSubjectThatDoesNotExistIsRefusedWithConfluentsCode() {
        registry.register(ORDERS, ORDERS_V2);

        RegistryRefusalException noVersion = assertThrows(RegistryRefusalException.class,
                () -> registry.testCompatibility(ORDERS, 2, ORDERS_V2));
        assertEquals(RegistryRefusalException.VERSION_NOT_FOUND, noVersion.errorCode());
        RegistryRefusalException noSubject = assertThrows(RegistryRefusalException.class,
                () -> registry.testCompatibility("nope-value", 1, ORDERS_V2));
        assertEquals(RegistryRefusalException.SUBJECT_NOT_FOUND, noSubject.errorCode());
        RegistryRefusalException notAVersion = assertThrows(RegistryRefusalException.class,
                () -> registry.testCompatibility(ORDERS, 0, ORDERS_V2));
        assertEquals(RegistryRefusalException.INVALID_VERSION, notAVersion.errorCode());
    }
}

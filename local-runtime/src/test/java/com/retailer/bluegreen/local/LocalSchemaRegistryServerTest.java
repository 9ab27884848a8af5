package com.retailer.bluegreen.local;

import com.retailer.bluegreen.ingest.ReaderSchemas;

import com.retailer.bluegreen.ingest.SchemaRegistryContract;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.ingest.ConfluentRegistryClient;
import com.retailer.bluegreen.ingest.SchemaNotFoundException;
import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.ingest.CompatibilityLevel;
import com.retailer.bluegreen.ingest.IncompatibleSchemaException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.layout.Domain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSchemaRegistryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Schema ORDERS_V1 = ReaderSchemas.writerVersions(Domain.ORDERS).get(0);
    private static final Schema ORDERS_V2 = ReaderSchemas.writerVersions(Domain.ORDERS).get(1);
    private static final Schema INVENTORY = ReaderSchemas.forDomain(Domain.INVENTORY);
    /** Orders v2 with {@code seq} a string: the incompatible change of issue 15. */
    private static final Schema SEQ_AS_STRING = new Schema.Parser().parse(ORDERS_V2.toString()
            .replace("\"name\":\"seq\",\"type\":\"long\"", "\"name\":\"seq\",\"type\":\"string\""));
    private static final String ORDERS = "orders.cdc-value";

    @TempDir
    Path dir;

    private LocalSchemaRegistryServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LocalSchemaRegistryServer start(Path storeFile) {
        server = new LocalSchemaRegistryServer(0, storeFile).start();
        return server;
    }

    private ConfluentRegistryClient client() {
        return new ConfluentRegistryClient(URI.create(server.url()), Duration.ofSeconds(5));
    }

    /**
     * A registry behind basic or bearer authentication: the client's credentials, from the URL or the
     * configuration's header, admit it; none or wrong ones get Confluent's 401, which the client reports as
     * refused credentials (the batch fails) and never as a missing schema.
     */
    @Test
    void a_registry_requiring_credentials_serves_only_clients_that_send_them() throws Exception {
        String basic = com.retailer.bluegreen.config.RegistryConfig.basic("sr-key:sr-secret");
        server = new LocalSchemaRegistryServer().requireAuthorization(basic).start();
        ConfluentRegistryClient withHeader = new ConfluentRegistryClient(URI.create(server.url()),
                Duration.ofSeconds(5), java.util.Optional.of(basic));
        int id = withHeader.register(ORDERS, ORDERS_V1);
        ConfluentRegistryClient inUrl = new ConfluentRegistryClient(URI.create(server.url().replace("http://",
                "http://sr-key:sr-secret@")), Duration.ofSeconds(5));
        assertEquals(ORDERS_V1, inUrl.schemaById(id));

        HttpResponse<String> none = get("/schemas/ids/" + id);
        assertEquals(401, none.statusCode());
        assertEquals(401, JSON.readTree(none.body()).get("error_code").asInt(), none.body());
        com.retailer.bluegreen.ingest.RegistryUnavailableException wrong = assertThrows(
                com.retailer.bluegreen.ingest.RegistryUnavailableException.class,
                () -> new ConfluentRegistryClient(URI.create(server.url()), Duration.ofSeconds(5),
                        java.util.Optional.of("Bearer not-the-token")).schemaById(id));
        assertTrue(wrong.getMessage().contains("HTTP 401"), wrong.getMessage());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Confluent's request body for a schema: {@code {"schema": "<the schema's JSON as a string>"}}. */
    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/vnd.schemaregistry.v1+json", response.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(response.body());
    }

    private static void assertConfluentError(int status, int errorCode, HttpResponse<String> response)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(errorCode, JSON.readTree(response.body()).get("error_code").asInt(), response.body());
    }

    @Test
    void itListensOnLoopbackAtAnEphemeralPort() {
        start(null);
        assertTrue(server.url().matches("http://127\\.0\\.0\\.1:\\d+"), server.url());
        assertTrue(server.port() > 0);
    }

    @Test
    void subjectsAndVersionsListWhatWasRegistered() throws Exception {
        start(null);
        ReaderSchemas.registerAll(client(), Domain.ORDERS, "orders.cdc");
        ReaderSchemas.registerAll(client(), Domain.INVENTORY, "inventory.events");

        assertEquals(List.of("orders.cdc-value", "inventory.events-value"),
                JSON.readValue(get("/subjects").body(), List.class));
        assertEquals(List.of(1, 2), JSON.readValue(get("/subjects/orders.cdc-value/versions").body(), List.class));
    }

    @Test
    void aVersionByNumberOrLatestCarriesSubjectVersionIdAndSchema() throws Exception {
        start(null);
        List<Integer> ids = ReaderSchemas.registerAll(client(), Domain.ORDERS, "orders.cdc");

        JsonNode first = JSON.readTree(get("/subjects/orders.cdc-value/versions/1").body());
        assertEquals("orders.cdc-value", first.get("subject").asText());
        assertEquals(1, first.get("version").asInt());
        assertEquals(ids.get(0), first.get("id").asInt());
        assertEquals(ORDERS_V1, new Schema.Parser().parse(first.get("schema").asText()));

        JsonNode latest = JSON.readTree(get("/subjects/orders.cdc-value/versions/latest").body());
        assertEquals(2, latest.get("version").asInt());
        assertEquals(ids.get(1), latest.get("id").asInt());
    }

    @Test
    void lookupsOfWhatDoesNotExistAnswerWithConfluentErrorCodes() throws Exception {
        start(null);
        client().register("orders.cdc-value", ORDERS_V2);

        assertConfluentError(404, 40401, get("/subjects/nope-value/versions"));
        assertConfluentError(404, 40401, get("/subjects/nope-value/versions/latest"));
        assertConfluentError(404, 40402, get("/subjects/orders.cdc-value/versions/2"));
        assertConfluentError(404, 40403, get("/schemas/ids/42"));
        assertConfluentError(422, 42202, get("/subjects/orders.cdc-value/versions/first"));
        assertConfluentError(404, 404, get("/mode"));
        assertConfluentError(404, 404, get("/schemas/ids/1/subjects"));
    }

    @Test
    void aSchemaThatIsNotAStringOrNotAvroIsRejectedAs42201() throws Exception {
        start(null);
        assertConfluentError(422, 42201, post("/subjects/x-value/versions", "{\"schema\": {\"type\": \"string\"}}"));
        assertConfluentError(422, 42201, post("/subjects/x-value/versions", "{\"schema\": \"{not avro\"}"));
        assertConfluentError(422, 42201, post("/subjects/x-value/versions", "not json"));
        assertEquals("[]", get("/subjects").body());
    }

    @Test
    void registeringAnswersWithTheIdInConfluentsShape() throws Exception {
        start(null);
        String body = JSON.createObjectNode().put("schema", INVENTORY.toString()).toString();
        HttpResponse<String> response = post("/subjects/inventory.events-value/versions", body);
        assertEquals(200, response.statusCode());
        assertEquals("{\"id\":1}", response.body());
        assertEquals("application/vnd.schemaregistry.v1+json",
                response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void idsSurviveARestartWithAStoreFile() throws Exception {
        Path store = dir.resolve("registry/schemas.json");
        start(store);
        int v1 = client().register("orders.cdc-value", ORDERS_V1);
        int inventory = client().register("inventory.events-value", INVENTORY);
        int v2 = client().register("orders.cdc-value", ORDERS_V2);
        client().register("green.orders.cdc-value", ORDERS_V1);
        server.close();
        assertTrue(Files.exists(store));

        start(store);
        ConfluentRegistryClient afterRestart = client();
        assertEquals(ORDERS_V1, afterRestart.schemaById(v1));
        assertEquals(INVENTORY, afterRestart.schemaById(inventory));
        assertEquals(ORDERS_V2, afterRestart.schemaById(v2));
        assertEquals(v2, afterRestart.register("orders.cdc-value", ORDERS_V2));
        assertEquals(List.of(1, 2), JSON.readValue(get("/subjects/orders.cdc-value/versions").body(), List.class));
        assertEquals(List.of(1), JSON.readValue(get("/subjects/green.orders.cdc-value/versions").body(), List.class));
        assertEquals(v1, JSON.readTree(get("/subjects/green.orders.cdc-value/versions/latest").body())
                .get("id").asInt());

        Schema fulfillment = ReaderSchemas.forDomain(Domain.FULFILLMENT);
        assertEquals(4, afterRestart.register("fulfillment.events-value", fulfillment),
                "a new schema after a restart continues the id sequence");
    }

    @Test
    void reRegisteringAKnownSchemaDoesNotGrowTheStoreFile() throws Exception {
        Path store = dir.resolve("schemas.json");
        start(store);
        client().register("orders.cdc-value", ORDERS_V2);
        String once = Files.readString(store);
        client().register("orders.cdc-value", ORDERS_V2);
        assertEquals(once, Files.readString(store));
    }

    @Test
    void withoutAStoreFileNothingIsWrittenAndARestartStartsEmpty() throws Exception {
        start(null);
        client().register("orders.cdc-value", ORDERS_V2);
        server.close();
        start(null);
        assertThrows(SchemaNotFoundException.class, () -> client().schemaById(1));
        assertFalse(server.storeFile().isPresent());
    }

    @Test
    void aCorruptStoreFileFailsAtStartupNamingTheFileAndTheWayOut() throws Exception {
        Path store = dir.resolve("schemas.json");
        Files.writeString(store, "{\"format\": 1, \"registrations\": [{\"subject\": \"a\", \"id\": 2, "
                + "\"schema\": \"\\\"string\\\"\"}]}");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LocalSchemaRegistryServer(0, store));
        assertTrue(e.getMessage().contains(store.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    }

    // --- lookup: POST /subjects/{subject} ---

    @Test
    void aProducerThatDoesNotAutoRegisterLooksItsSchemaUpAndGetsSubjectIdVersionAndSchema() throws Exception {
        start(null);
        List<Integer> ids = ReaderSchemas.registerAll(client(), Domain.ORDERS, "orders.cdc");

        JsonNode found = ok(post("/subjects/orders.cdc-value", schemaBody(ORDERS_V1)));

        assertEquals(Set.of("subject", "id", "version", "schema"), fieldNames(found));
        assertEquals(ORDERS, found.get("subject").asText());
        assertEquals(ids.get(0), found.get("id").asInt());
        assertEquals(1, found.get("version").asInt());
        assertEquals(ORDERS_V1, new Schema.Parser().parse(found.get("schema").asText()));
        String pretty = JSON.createObjectNode().put("schema", JSON.readTree(ORDERS_V2.toString()).toPrettyString())
                .toString();
        assertEquals(2, ok(post("/subjects/orders.cdc-value", pretty)).get("version").asInt());
    }

    @Test
    void aLookupThatFindsNothingAnswers40401Or40403() throws Exception {
        start(null);
        client().register(ORDERS, ORDERS_V2);
        client().register("inventory.events-value", INVENTORY);

        assertConfluentError(404, 40401, post("/subjects/nope-value", schemaBody(ORDERS_V2)));
        HttpResponse<String> notUnderThisSubject = post("/subjects/orders.cdc-value", schemaBody(INVENTORY));
        assertConfluentError(404, 40403, notUnderThisSubject);
        assertEquals("Schema not found", JSON.readTree(notUnderThisSubject.body()).get("message").asText());
        assertConfluentError(422, 42201, post("/subjects/orders.cdc-value", "{\"schema\": \"{not avro\"}"));
        assertConfluentError(422, 42201, post("/subjects/orders.cdc-value",
                "{\"schemaType\": \"PROTOBUF\", \"schema\": \"syntax = 'proto3';\"}"));
        assertEquals("[1]", get("/subjects/orders.cdc-value/versions").body(), "a lookup registers nothing");
    }

    // --- config ---

    @Test
    void theGlobalLevelIsBackwardAndCanBeSetAndReset() throws Exception {
        start(null);
        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", ok(get("/config")).toString());

        assertEquals("{\"compatibility\":\"FULL\"}", ok(put("/config", "{\"compatibility\": \"FULL\"}")).toString());
        assertEquals("{\"compatibilityLevel\":\"FULL\"}", ok(get("/config")).toString());

        assertEquals("{\"compatibilityLevel\":\"FULL\"}", ok(delete("/config")).toString(), "the level it had");
        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", ok(get("/config")).toString());
    }

    @Test
    void aSubjectLevelIsItsOwnOr40408UnlessDefaultToGlobal() throws Exception {
        start(null);
        put("/config", "{\"compatibility\": \"FORWARD\"}");

        HttpResponse<String> none = get("/config/orders.cdc-value");
        assertConfluentError(404, 40408, none);
        assertEquals("Subject 'orders.cdc-value' does not have subject-level compatibility configured",
                JSON.readTree(none.body()).get("message").asText());
        assertEquals("{\"compatibilityLevel\":\"FORWARD\"}",
                ok(get("/config/orders.cdc-value?defaultToGlobal=true")).toString());

        assertEquals("{\"compatibility\":\"FULL_TRANSITIVE\"}",
                ok(put("/config/orders.cdc-value", "{\"compatibility\": \"full_transitive\"}")).toString());
        assertEquals("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}", ok(get("/config/orders.cdc-value")).toString());
        assertEquals("{\"compatibilityLevel\":\"FORWARD\"}", ok(get("/config")).toString());

        assertEquals("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}", ok(delete("/config/orders.cdc-value")).toString());
        assertConfluentError(404, 40408, get("/config/orders.cdc-value"));
        assertConfluentError(404, 40401, delete("/config/orders.cdc-value"));
    }

    @Test
    void anInvalidLevelIs42203() throws Exception {
        start(null);
        assertConfluentError(422, 42203, put("/config", "{\"compatibility\": \"SIDEWAYS\"}"));
        assertConfluentError(422, 42203, put("/config/orders.cdc-value", "{\"compatibilityLevel\": \"FULL\"}"));
        assertConfluentError(422, 42203, put("/config", "not json"));
        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", ok(get("/config")).toString());
    }

    // --- registration refused: 409 ---

    @Test
    void anIncompatibleNewVersionIs409WithConfluentsBodyAndAvrosReasons() throws Exception {
        start(null);
        int v2 = client().register(ORDERS, ORDERS_V2);

        HttpResponse<String> refused = post("/subjects/orders.cdc-value/versions", schemaBody(SEQ_AS_STRING));

        assertConfluentError(409, 409, refused);
        JsonNode body = JSON.readTree(refused.body());
        assertEquals(Set.of("error_code", "message"), fieldNames(body));
        String message = body.get("message").asText();
        assertTrue(message.startsWith("Schema being registered is incompatible with an earlier schema for subject"
                + " \"orders.cdc-value\", details: [{errorType:'TYPE_MISMATCH'"), message);
        assertTrue(message.contains("additionalInfo:'reader type: STRING not compatible with writer type: LONG'"),
                message);
        assertTrue(message.contains("{oldSchemaVersion: 1}"), message);
        assertTrue(message.contains("{validateFields: 'false', compatibility: 'BACKWARD'}"), message);
        assertEquals("[1]", get("/subjects/orders.cdc-value/versions").body());

        put("/config/orders.cdc-value", "{\"compatibility\": \"NONE\"}");
        assertEquals("{\"id\":" + (v2 + 1) + "}",
                ok(post("/subjects/orders.cdc-value/versions", schemaBody(SEQ_AS_STRING))).toString());
    }

    @Test
    void theRestClientSurfacesA409AsAnIncompatibleSchemaNamingSubjectLevelAndReason() {
        start(null);
        client().register(ORDERS, ORDERS_V2);
        client().setCompatibility(ORDERS, CompatibilityLevel.FULL);

        IncompatibleSchemaException e = assertThrows(IncompatibleSchemaException.class,
                () -> client().register(ORDERS, SEQ_AS_STRING));

        assertEquals(CompatibilityLevel.FULL, e.level());
        assertTrue(e.getMessage().contains(server.url()), e.getMessage());
        assertTrue(e.getMessage().contains("'orders.cdc-value' at compatibility level FULL"), e.getMessage());
        assertTrue(e.getMessage().contains("reader type: STRING not compatible with writer type: LONG"),
                e.getMessage());
    }

    // --- compatibility tests ---

    @Test
    void compatibilityAgainstAVersionAnswersIsCompatibleAndWithVerboseTheMessages() throws Exception {
        start(null);
        client().register(ORDERS, ORDERS_V2);
        String path = "/compatibility/subjects/orders.cdc-value/versions/";

        assertEquals("{\"is_compatible\":false}", ok(post(path + "latest", schemaBody(SEQ_AS_STRING))).toString());
        assertEquals("{\"is_compatible\":true}", ok(post(path + "1", schemaBody(ORDERS_V1))).toString());
        assertEquals("{\"is_compatible\":true,\"messages\":[]}",
                ok(post(path + "latest?verbose=true", schemaBody(ORDERS_V1))).toString());

        JsonNode verbose = ok(post(path + "latest?verbose=true", schemaBody(SEQ_AS_STRING)));
        assertEquals(Set.of("is_compatible", "messages"), fieldNames(verbose));
        assertFalse(verbose.get("is_compatible").asBoolean());
        assertTrue(verbose.get("messages").get(0).asText().contains("reader type: STRING not compatible with writer"
                + " type: LONG"), verbose.toString());
        assertEquals("{validateFields: 'false', compatibility: 'BACKWARD'}",
                verbose.get("messages").get(verbose.get("messages").size() - 1).asText());
        assertEquals("[1]", get("/subjects/orders.cdc-value/versions").body(), "a test registers nothing");
    }

    @Test
    void compatibilityAgainstWhatDoesNotExistAnswersWithConfluentErrorCodes() throws Exception {
        start(null);
        client().register(ORDERS, ORDERS_V2);
        String path = "/compatibility/subjects/orders.cdc-value/versions/";

        assertConfluentError(404, 40402, post(path + "2", schemaBody(ORDERS_V2)));
        assertConfluentError(422, 42202, post(path + "first", schemaBody(ORDERS_V2)));
        assertConfluentError(422, 42202, post(path + "0", schemaBody(ORDERS_V2)));
        assertConfluentError(404, 40401, post("/compatibility/subjects/nope-value/versions/1", schemaBody(ORDERS_V2)));
        assertEquals("{\"is_compatible\":true}",
                ok(post("/compatibility/subjects/nope-value/versions/latest", schemaBody(SEQ_AS_STRING))).toString(),
                "a subject without versions has nothing to break");
        assertConfluentError(422, 42201, post(path + "latest", "{\"schema\": \"{not avro\"}"));
        JsonNode invalidVerbose = ok(post(path + "latest?verbose=true", "{\"schema\": \"{not avro\"}"));
        assertFalse(invalidVerbose.get("is_compatible").asBoolean());
        assertEquals(1, invalidVerbose.get("messages").size());
        assertConfluentError(405, 405, get(path + "latest"));
    }

    @Test
    void compatibilityAgainstTheWholeSubjectJudgesAsRegisteringWould() throws Exception {
        start(null);
        put("/config/orders.cdc-value", "{\"compatibility\": \"NONE\"}");
        client().register(ORDERS, ORDERS_V2);
        client().register(ORDERS, SEQ_AS_STRING);
        put("/config/orders.cdc-value", "{\"compatibility\": \"BACKWARD_TRANSITIVE\"}");
        String path = "/compatibility/subjects/orders.cdc-value/versions";

        assertEquals("{\"is_compatible\":false}", ok(post(path, schemaBody(SEQ_AS_STRING))).toString(),
                "version 2 itself cannot read version 1");
        assertEquals("{\"is_compatible\":true}", ok(post(path + "/latest", schemaBody(SEQ_AS_STRING))).toString());
    }

    // --- soft deletes ---

    @Test
    void aSoftDeletedVersionIsHiddenButItsIdStaysReadable() throws Exception {
        start(null);
        List<Integer> ids = ReaderSchemas.registerAll(client(), Domain.ORDERS, "orders.cdc");

        assertEquals("1", ok(delete("/subjects/orders.cdc-value/versions/1")).toString());

        assertEquals("[2]", get("/subjects/orders.cdc-value/versions").body());
        assertEquals("[1,2]", get("/subjects/orders.cdc-value/versions?deleted=true").body());
        assertConfluentError(404, 40402, get("/subjects/orders.cdc-value/versions/1"));
        assertEquals(ids.get(0), ok(get("/subjects/orders.cdc-value/versions/1?deleted=true")).get("id").asInt());
        assertConfluentError(404, 40403, post("/subjects/orders.cdc-value", schemaBody(ORDERS_V1)));
        assertEquals(1, ok(post("/subjects/orders.cdc-value?deleted=true", schemaBody(ORDERS_V1))).get("version")
                .asInt());
        assertEquals(ORDERS_V1, client().schemaById(ids.get(0)));
        HttpResponse<String> again = delete("/subjects/orders.cdc-value/versions/1");
        assertConfluentError(404, 40406, again);
        assertConfluentError(404, 40402, delete("/subjects/orders.cdc-value/versions/9"));
        assertConfluentError(404, 40401, delete("/subjects/nope-value/versions/1"));
        assertConfluentError(422, 42202, delete("/subjects/orders.cdc-value/versions/one"));
    }

    @Test
    void aSoftDeletedSubjectDisappearsAndStartsAgainWithTheNextVersionAndTheSameId() throws Exception {
        start(null);
        List<Integer> ids = ReaderSchemas.registerAll(client(), Domain.ORDERS, "orders.cdc");
        client().register("inventory.events-value", INVENTORY);

        assertEquals("[1,2]", ok(delete("/subjects/orders.cdc-value")).toString());

        assertEquals("[\"inventory.events-value\"]", get("/subjects").body());
        assertEquals("[\"orders.cdc-value\",\"inventory.events-value\"]", get("/subjects?deleted=true").body());
        assertConfluentError(404, 40401, get("/subjects/orders.cdc-value/versions"));
        assertConfluentError(404, 40401, post("/subjects/orders.cdc-value", schemaBody(ORDERS_V2)));
        assertConfluentError(404, 40404, delete("/subjects/orders.cdc-value"));
        assertConfluentError(404, 40401, delete("/subjects/nope-value"));

        assertEquals(ids.get(1), client().register(ORDERS, ORDERS_V2), "registered again: the same id");
        assertEquals("[3]", get("/subjects/orders.cdc-value/versions").body(), "as the next version");
        assertEquals(3, ok(post("/subjects/orders.cdc-value", schemaBody(ORDERS_V2))).get("version").asInt());
        assertEquals("[\"orders.cdc-value\",\"inventory.events-value\"]", get("/subjects").body());
    }

    @Test
    void aPermanentDeleteIsRefusedSoIdsStayReadable() throws Exception {
        start(null);
        client().register(ORDERS, ORDERS_V2);
        assertConfluentError(422, 42205, delete("/subjects/orders.cdc-value?permanent=true"));
        assertConfluentError(422, 42205, delete("/subjects/orders.cdc-value/versions/1?permanent=true"));
        assertEquals("[1]", get("/subjects/orders.cdc-value/versions").body());
    }

    @Test
    void wrongMethodsOnKnownPathsAre405() throws Exception {
        start(null);
        assertConfluentError(405, 405, put("/subjects", "{}"));
        assertConfluentError(405, 405, put("/subjects/orders.cdc-value/versions", "{}"));
        assertConfluentError(405, 405, post("/schemas/ids/1", "{}"));
        assertConfluentError(405, 405, post("/config", "{}"));
    }

    // --- persistence ---

    @Test
    void levelsAndSoftDeletesSurviveARestart() throws Exception {
        Path store = dir.resolve("schemas.json");
        start(store);
        ReaderSchemas.registerAll(client(), Domain.ORDERS, "orders.cdc");
        put("/config", "{\"compatibility\": \"FORWARD\"}");
        put("/config/orders.cdc-value", "{\"compatibility\": \"FULL_TRANSITIVE\"}");
        delete("/subjects/orders.cdc-value/versions/1");
        server.close();

        start(store);
        assertEquals("{\"compatibilityLevel\":\"FORWARD\"}", ok(get("/config")).toString());
        assertEquals("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}", ok(get("/config/orders.cdc-value")).toString());
        assertEquals("[2]", get("/subjects/orders.cdc-value/versions").body());
        assertEquals("[1,2]", get("/subjects/orders.cdc-value/versions?deleted=true").body());
        assertConfluentError(409, 409, post("/subjects/orders.cdc-value/versions", schemaBody(SEQ_AS_STRING)));
        assertEquals(1, JSON.readTree(Files.readString(store)).get("format").asInt(), "still format 1");
    }

    @Test
    void aStoreFileFromBeforeLevelsAndDeletesLoadsWithoutRecheckingWhatItRegistered() throws Exception {
        Path store = dir.resolve("schemas.json");
        // Written by the previous server: no versions, levels or deletions, and an incompatible second version.
        Files.writeString(store, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.createObjectNode()
                .put("format", 1)
                .set("registrations", JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("subject", ORDERS).put("id", 1).put("schema",
                                ORDERS_V2.toString()))
                        .add(JSON.createObjectNode().put("subject", "inventory.events-value").put("id", 2)
                                .put("schema", INVENTORY.toString()))
                        .add(JSON.createObjectNode().put("subject", ORDERS).put("id", 3).put("schema",
                                SEQ_AS_STRING.toString())))));
        start(store);

        assertEquals("[1,2]", get("/subjects/orders.cdc-value/versions").body());
        assertEquals(3, ok(get("/subjects/orders.cdc-value/versions/latest")).get("id").asInt());
        assertEquals(SEQ_AS_STRING, client().schemaById(3));
        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", ok(get("/config")).toString());
        // New versions are judged against the latest, seq as a string.
        assertConfluentError(409, 409, post("/subjects/orders.cdc-value/versions", schemaBody(ORDERS_V1)));
        assertEquals(4, client().register("fulfillment.events-value", ReaderSchemas.forDomain(Domain.FULFILLMENT)));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

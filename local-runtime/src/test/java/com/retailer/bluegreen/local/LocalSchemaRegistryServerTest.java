package com.retailer.bluegreen.local;

import com.retailer.bluegreen.ingest.ReaderSchemas;

import com.retailer.bluegreen.ingest.SchemaRegistryContract;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.ingest.ConfluentRegistryClient;
import com.retailer.bluegreen.ingest.SchemaNotFoundException;
import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;

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
        assertConfluentError(404, 404, get("/config"));
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
}

package com.retailer.bluegreen.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.layout.Domain;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a hand-written stub that answers with canned Confluent responses exactly as the Schema
 * Registry documents them, checking both what the client sends and how it maps each answer.
 */
class ConfluentRegistryClientWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema ORDERS_V2 = ReaderSchemas.forDomain(Domain.ORDERS);

    /** A request as the stub saw it. */
    record Seen(String method, String rawPath, String contentType, String body) {
    }

    private HttpServer stub;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String responseBody = "{}";
    private volatile long delayMillis = 0;

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            try (exchange) {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                byte[] body = responseBody.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private ConfluentRegistryClient client(Duration timeout) {
        return new ConfluentRegistryClient(URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + "/"),
                timeout);
    }

    private void answer(int status, String body) {
        this.status = status;
        this.responseBody = body;
    }

    @Test
    void registerPostsTheSchemaAsAJsonStringToTheSubjectsVersionsPath() throws Exception {
        answer(200, "{\"id\": 21}");
        int id = client(Duration.ofSeconds(5)).register("orders.cdc-value", ORDERS_V2);

        assertEquals(21, id);
        assertEquals(1, seen.size());
        Seen request = seen.get(0);
        assertEquals("POST", request.method());
        assertEquals("/subjects/orders.cdc-value/versions", request.rawPath());
        assertEquals("application/vnd.schemaregistry.v1+json", request.contentType());
        JsonNode body = JSON.readTree(request.body());
        assertTrue(body.get("schema").isTextual(), "schema must be sent as a JSON string: " + request.body());
        assertEquals(ORDERS_V2, new Schema.Parser().parse(body.get("schema").asText()));
    }

    @Test
    void subjectNamesArePercentEncodedInThePath() {
        answer(200, "{\"id\": 1}");
        client(Duration.ofSeconds(5)).register("odd subject/name-value", ORDERS_V2);
        assertEquals("/subjects/odd%20subject%2Fname-value/versions", seen.get(0).rawPath());
    }

    @Test
    void schemaByIdGetsTheSchemaOnceAndThenServesItFromTheCache() throws Exception {
        answer(200, JSON.createObjectNode().put("schema", ORDERS_V2.toString()).toString());
        ConfluentRegistryClient client = client(Duration.ofSeconds(5));

        assertEquals(ORDERS_V2, client.schemaById(7));
        answer(500, "{\"error_code\": 50001, \"message\": \"Error in the backend data store\"}");
        assertEquals(ORDERS_V2, client.schemaById(7));

        assertEquals(1, seen.size());
        assertEquals("GET", seen.get(0).method());
        assertEquals("/schemas/ids/7", seen.get(0).rawPath());
    }

    @Test
    void aRegisteredSchemaNeedsNoLookupByItsId() throws Exception {
        answer(200, "{\"id\": 3}");
        ConfluentRegistryClient client = client(Duration.ofSeconds(5));
        client.register("orders.cdc-value", ORDERS_V2);
        assertEquals(ORDERS_V2, client.schemaById(3));
        assertEquals(1, seen.size());
    }

    @Test
    void error40403IsSchemaNotFound() {
        answer(404, "{\"error_code\": 40403, \"message\": \"Schema not found\"}");
        SchemaNotFoundException e = assertThrows(SchemaNotFoundException.class,
                () -> client(Duration.ofSeconds(5)).schemaById(99));
        assertEquals(99, e.schemaId());
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void aNotFoundIsAskedAgainNextTime() {
        answer(404, "{\"error_code\": 40403, \"message\": \"Schema not found\"}");
        ConfluentRegistryClient client = client(Duration.ofSeconds(5));
        assertThrows(SchemaNotFoundException.class, () -> client.schemaById(99));
        assertThrows(SchemaNotFoundException.class, () -> client.schemaById(99));
        assertEquals(2, seen.size());
    }

    @Test
    void http500IsRegistryUnavailableNamingTheUrlAndTheError() {
        answer(500, "{\"error_code\": 50001, \"message\": \"Error in the backend data store\"}");
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
                () -> client(Duration.ofSeconds(5)).schemaById(5));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertTrue(e.getMessage().contains("/schemas/ids/5"), e.getMessage());
        assertTrue(e.getMessage().contains("Error in the backend data store"), e.getMessage());
    }

    @Test
    void http500OnRegisterIsRegistryUnavailable() {
        answer(500, "{\"error_code\": 50001, \"message\": \"Error in the backend data store\"}");
        assertThrows(RegistryUnavailableException.class,
                () -> client(Duration.ofSeconds(5)).register("orders.cdc-value", ORDERS_V2));
    }

    @Test
    void a404FromSomethingThatIsNotARegistryIsUnavailableNotSchemaNotFound() {
        answer(404, "<html><body>Not Found</body></html>");
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
                () -> client(Duration.ofSeconds(5)).schemaById(5));
        assertTrue(e.getMessage().contains("registry URL"), e.getMessage());
    }

    @Test
    void a200WithoutTheSchemaFieldIsUnavailable() {
        answer(200, "{\"unexpected\": true}");
        assertThrows(RegistryUnavailableException.class, () -> client(Duration.ofSeconds(5)).schemaById(5));
    }

    @Test
    void anIncompatibleSchemaOnRegisterIsRejectedAsIllegalArgument() {
        answer(409, "{\"error_code\": 409, \"message\": \"Schema being registered is incompatible with an earlier"
                + " schema\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client(Duration.ofSeconds(5)).register("orders.cdc-value", ORDERS_V2));
        assertTrue(e.getMessage().contains("incompatible"), e.getMessage());
    }

    @Test
    void aClosedPortIsRegistryUnavailableNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ConfluentRegistryClient client = new ConfluentRegistryClient(URI.create("http://127.0.0.1:" + port),
                Duration.ofSeconds(5));
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, () -> client.schemaById(1));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void aRegistryThatAnswersTooSlowlyIsUnavailable() {
        delayMillis = 1_000;
        answer(200, JSON.createObjectNode().put("schema", ORDERS_V2.toString()).toString());
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
                () -> client(Duration.ofMillis(200)).schemaById(1));
        assertInstanceOf(HttpTimeoutException.class, e.getCause());
        assertTrue(e.getMessage().contains("PT0.2S"), e.getMessage());
    }

    @Test
    void schemaRegistriesSharesOneClientPerUrl() {
        String url = "http://127.0.0.1:" + stub.getAddress().getPort();
        SchemaRegistry first = SchemaRegistries.open(url, Duration.ofSeconds(5));
        assertSame(first, SchemaRegistries.open(url + "/", Duration.ofSeconds(1)));
        assertNotSame(first, SchemaRegistries.open("http://127.0.0.1:1", Duration.ofSeconds(5)));
    }

    @Test
    void schemaRegistriesRejectsAUrlThatIsNotHttp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchemaRegistries.open("localhost:8081", Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("http://"), e.getMessage());
    }
}

package com.retailer.bluegreen.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
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
    record Seen(String method, String rawPath, String rawQuery, String contentType, String body, String authorization) {
    }

    /** A canned answer. */
    record Answer(int status, String body) {
    }

    private HttpServer stub;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String responseBody = "{}";
    private volatile long delayMillis = 0;
    /** Answers given before the default one, in order. */
    private final Deque<Answer> next = new ConcurrentLinkedDeque<>();

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            try (exchange) {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Authorization")));
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                Answer queued = next.poll();
                Answer answer = queued != null ? queued : new Answer(status, responseBody);
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
                exchange.sendResponseHeaders(answer.status(), body.length);
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

    /** Answers the next request with this, before any answer queued after it and the default one. */
    private void answerNext(int status, String body) {
        next.add(new Answer(status, body));
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

    /**
     * Confluent's clients authenticate with {@code basic.auth.user.info} as RFC 7617 basic authentication and with
     * {@code bearer.auth.token} as an RFC 6750 bearer token, on every request; credentials in the URL are sent the
     * basic way and never as part of the request's URL.
     */
    @Test
    void credentialsGoInTheAuthorizationHeaderOfEveryRequest() {
        answer(200, "{\"id\": 1}");
        String port = String.valueOf(stub.getAddress().getPort());
        new ConfluentRegistryClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5),
                Optional.of("Basic " + java.util.Base64.getEncoder().encodeToString(
                        "SR-KEY:s3cr\u00e9t:with-colon".getBytes(StandardCharsets.UTF_8))))
                .register("orders.cdc-value", ORDERS_V2);
        assertEquals("Basic U1ItS0VZOnMzY3LDqXQ6d2l0aC1jb2xvbg==", seen.get(0).authorization(),
                "base64 of the UTF-8 bytes of user:password, the password's own colons kept");

        new ConfluentRegistryClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5),
                Optional.of("Bearer eyJhbGciOi.token")).register("orders.cdc-value", ORDERS_V2);
        assertEquals("Bearer eyJhbGciOi.token", seen.get(1).authorization());

        ConfluentRegistryClient inUrl = new ConfluentRegistryClient(URI.create("http://svc%40corp:p%40ss@127.0.0.1:"
                + port + "/"), Duration.ofSeconds(5));
        inUrl.register("orders.cdc-value", ORDERS_V2);
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("svc@corp:p@ss".getBytes(
                StandardCharsets.UTF_8)), seen.get(2).authorization(), "user info percent-decoded");
        assertEquals("http://127.0.0.1:" + port, inUrl.baseUrl().toString(), "no credentials left in the URL");

        client(Duration.ofSeconds(5)).register("orders.cdc-value", ORDERS_V2);
        assertEquals(null, seen.get(3).authorization(), "no credentials, no header");
    }

    /** Refused credentials fail the call as unavailable (the batch fails and is retried), never as a missing schema. */
    @Test
    void refusedCredentialsAreNamedAndNeverMistakenForAMissingSchema() {
        answer(401, "{\"error_code\": 401, \"message\": \"Unauthorized\"}");
        ConfluentRegistryClient client = new ConfluentRegistryClient(URI.create("http://127.0.0.1:"
                + stub.getAddress().getPort()), Duration.ofSeconds(5), Optional.of("Bearer expired-token-value"));
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, () -> client.schemaById(7));
        assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("sent bearer credentials")
                && e.getMessage().contains("schemaRegistry.bearerToken"), e.getMessage());
        assertFalse(e.getMessage().contains("expired-token-value"), "the token is never printed");

        answer(403, "{\"error_code\": 40301, \"message\": \"User is denied operation Read on Subject\"}");
        RegistryUnavailableException denied = assertThrows(RegistryUnavailableException.class,
                () -> client(Duration.ofSeconds(5)).lookup("orders.cdc-value", ORDERS_V2));
        assertTrue(denied.getMessage().contains("does not authorise") && denied.getMessage().contains(
                "sent no credentials"), denied.getMessage());
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
    void a409OnRegisterIsAnIncompatibleSchemaNamingSubjectTheLevelItAsksForAndTheRegistrysReasons() {
        String reasons = "Schema being registered is incompatible with an earlier schema for subject"
                + " \"orders.cdc-value\", details: [{errorType:'TYPE_MISMATCH', description:'...', additionalInfo:"
                + "'reader type: STRING not compatible with writer type: LONG'}]";
        answerNext(409, JSON.createObjectNode().put("error_code", 409).put("message", reasons).toString());
        answerNext(200, "{\"compatibilityLevel\": \"FULL\"}");

        IncompatibleSchemaException e = assertThrows(IncompatibleSchemaException.class,
                () -> client(Duration.ofSeconds(5)).register("orders.cdc-value", ORDERS_V2));

        assertEquals("orders.cdc-value", e.subject());
        assertEquals(CompatibilityLevel.FULL, e.level());
        assertEquals(409, e.errorCode());
        assertTrue(e.getMessage().contains("at compatibility level FULL"), e.getMessage());
        assertTrue(e.getMessage().contains("reader type: STRING not compatible with writer type: LONG"), e.getMessage());
        assertEquals("/config/orders.cdc-value", seen.get(1).rawPath());
        assertEquals("defaultToGlobal=true", seen.get(1).rawQuery());
    }

    @Test
    void a422OnRegisterIsARefusalCarryingItsErrorCode() {
        answer(422, "{\"error_code\": 42201, \"message\": \"Invalid schema\"}");
        RegistryRefusalException e = assertThrows(RegistryRefusalException.class,
                () -> client(Duration.ofSeconds(5)).register("orders.cdc-value", ORDERS_V2));
        assertEquals(42201, e.errorCode());
    }

    @Test
    void lookupPostsTheSchemaToTheSubjectPathAndReadsConfluentsAnswer() throws Exception {
        answer(200, JSON.createObjectNode().put("subject", "orders.cdc-value").put("id", 12).put("version", 3)
                .put("schema", ORDERS_V2.toString()).toString());
        ConfluentRegistryClient client = client(Duration.ofSeconds(5));

        Optional<RegisteredSchema> found = client.lookup("orders.cdc-value", ORDERS_V2);

        assertEquals(Optional.of(new RegisteredSchema("orders.cdc-value", 3, 12, ORDERS_V2)), found);
        Seen request = seen.get(0);
        assertEquals("POST", request.method());
        assertEquals("/subjects/orders.cdc-value", request.rawPath());
        assertEquals("application/vnd.schemaregistry.v1+json", request.contentType());
        assertEquals(ORDERS_V2, new Schema.Parser().parse(JSON.readTree(request.body()).get("schema").asText()));
        assertEquals(ORDERS_V2, client.schemaById(12), "the id is cached");
        assertEquals(1, seen.size());
    }

    @Test
    void lookupAnswersEmptyForConfluents40401And40403() {
        ConfluentRegistryClient client = client(Duration.ofSeconds(5));
        answer(404, "{\"error_code\": 40401, \"message\": \"Subject 'orders.cdc-value' not found.\"}");
        assertEquals(Optional.empty(), client.lookup("orders.cdc-value", ORDERS_V2));
        answer(404, "{\"error_code\": 40403, \"message\": \"Schema not found\"}");
        assertEquals(Optional.empty(), client.lookup("orders.cdc-value", ORDERS_V2));
    }

    @Test
    void lookupAgainstAFailingOrForeignServerIsUnavailable() {
        ConfluentRegistryClient client = client(Duration.ofSeconds(5));
        answer(500, "{\"error_code\": 50001, \"message\": \"Error in the backend data store\"}");
        assertThrows(RegistryUnavailableException.class, () -> client.lookup("orders.cdc-value", ORDERS_V2));
        answer(404, "<html><body>Not Found</body></html>");
        assertThrows(RegistryUnavailableException.class, () -> client.lookup("orders.cdc-value", ORDERS_V2));
    }

    @Test
    void levelsAreReadFromAndWrittenToTheConfigResource() throws Exception {
        ConfluentRegistryClient client = client(Duration.ofSeconds(5));
        answerNext(200, "{\"compatibilityLevel\": \"FORWARD_TRANSITIVE\"}");
        answerNext(200, "{\"compatibilityLevel\": \"NONE\"}");
        answerNext(200, "{\"compatibility\": \"FULL\"}");
        answerNext(200, "{\"compatibility\": \"BACKWARD\"}");

        assertEquals(CompatibilityLevel.FORWARD_TRANSITIVE, client.globalCompatibility());
        assertEquals(CompatibilityLevel.NONE, client.compatibility("odd subject-value"));
        client.setCompatibility("odd subject-value", CompatibilityLevel.FULL);
        client.setGlobalCompatibility(CompatibilityLevel.BACKWARD);

        assertEquals(List.of("GET /config null", "GET /config/odd%20subject-value defaultToGlobal=true",
                "PUT /config/odd%20subject-value null", "PUT /config null"),
                seen.stream().map(r -> r.method() + " " + r.rawPath() + " " + r.rawQuery()).toList());
        assertEquals("{\"compatibility\":\"FULL\"}", seen.get(2).body());
        assertEquals("application/vnd.schemaregistry.v1+json", seen.get(2).contentType());
        assertEquals("{\"compatibility\":\"BACKWARD\"}", seen.get(3).body());
    }

    @Test
    void aSubjectLevelFromARegistryWithoutDefaultToGlobalFallsBackToTheGlobalLevel() {
        answerNext(404, "{\"error_code\": 40408, \"message\": \"Subject 'x-value' does not have subject-level"
                + " compatibility configured\"}");
        answerNext(200, "{\"compatibilityLevel\": \"FULL\"}");
        assertEquals(CompatibilityLevel.FULL, client(Duration.ofSeconds(5)).compatibility("x-value"));
        assertEquals("/config", seen.get(1).rawPath());
    }

    @Test
    void anInvalidLevelAnswerOrARefusedLevelIsNotSilentlyAccepted() {
        ConfluentRegistryClient client = client(Duration.ofSeconds(5));
        answer(200, "{\"compatibilityLevel\": \"SIDEWAYS\"}");
        assertThrows(RegistryUnavailableException.class, client::globalCompatibility);
        answer(422, "{\"error_code\": 42203, \"message\": \"Invalid compatibility level\"}");
        RegistryRefusalException e = assertThrows(RegistryRefusalException.class,
                () -> client.setGlobalCompatibility(CompatibilityLevel.FULL));
        assertEquals(42203, e.errorCode());
    }

    @Test
    void testCompatibilityPostsVerboselyToTheVersionAndReadsIsCompatibleAndMessages() throws Exception {
        ConfluentRegistryClient client = client(Duration.ofSeconds(5));
        answerNext(200, "{\"is_compatible\": false, \"messages\": [\"reader type: STRING not compatible\","
                + " \"{oldSchemaVersion: 2}\"]}");
        answerNext(200, "{\"is_compatible\": true}");

        CompatibilityCheck latest = client.testCompatibility("orders.cdc-value", SchemaRegistry.LATEST, ORDERS_V2);
        CompatibilityCheck second = client.testCompatibility("orders.cdc-value", 2, ORDERS_V2);

        assertEquals(new CompatibilityCheck(false, List.of("reader type: STRING not compatible",
                "{oldSchemaVersion: 2}")), latest);
        assertEquals(new CompatibilityCheck(true, List.of()), second);
        assertEquals("POST", seen.get(0).method());
        assertEquals("/compatibility/subjects/orders.cdc-value/versions/latest", seen.get(0).rawPath());
        assertEquals("verbose=true", seen.get(0).rawQuery());
        assertEquals("/compatibility/subjects/orders.cdc-value/versions/2", seen.get(1).rawPath());
        assertEquals(ORDERS_V2, new Schema.Parser().parse(JSON.readTree(seen.get(1).body()).get("schema").asText()));
    }

    @Test
    void testCompatibilityAgainstAMissingVersionIsARefusalWithItsCode() {
        answer(404, "{\"error_code\": 40402, \"message\": \"Version 7 not found.\"}");
        RegistryRefusalException e = assertThrows(RegistryRefusalException.class,
                () -> client(Duration.ofSeconds(5)).testCompatibility("orders.cdc-value", 7, ORDERS_V2));
        assertEquals(40402, e.errorCode());
        assertTrue(e.getMessage().contains("Version 7 not found."), e.getMessage());
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

package com.retailer.bluegreen.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.ingest.CompatibilityCheck;
import com.retailer.bluegreen.ingest.CompatibilityLevel;
import com.retailer.bluegreen.ingest.ConfluentRegistryClient;
import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.ingest.IncompatibleSchemaException;
import com.retailer.bluegreen.ingest.RegisteredSchema;
import com.retailer.bluegreen.ingest.RegistryRefusalException;
import com.retailer.bluegreen.ingest.SchemaNotFoundException;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * A real HTTP schema registry on 127.0.0.1 for the local stack and tests, answering the part of the Confluent Schema
 * Registry REST API that Confluent's own clients (serializers with or without {@code auto.register.schemas}, the
 * {@code SchemaRegistryClient}s) and the pipeline call, with Confluent's request and response bodies, backed by an
 * {@link InMemorySchemaRegistry}. Avro schemas only.
 *
 * <p>Supported:
 * <ul>
 *   <li>{@code GET /schemas/ids/{id}} → {@code {"schema": "..."}}</li>
 *   <li>{@code GET /subjects[?deleted=true]} → {@code ["subject", ...]}</li>
 *   <li>{@code POST /subjects/{subject}[?deleted=true]} {@code {"schema": "..."}} (lookup) →
 *       {@code {"subject", "id", "version", "schema"}}; 40401 subject not found, 40403 schema not found</li>
 *   <li>{@code DELETE /subjects/{subject}} (soft delete) → {@code [1, 2, ...]} the versions deleted</li>
 *   <li>{@code GET /subjects/{subject}/versions[?deleted=true]} → {@code [1, 2, ...]}</li>
 *   <li>{@code POST /subjects/{subject}/versions} {@code {"schema": "<avro json as a string>"}} → {@code {"id": N}};
 *       an identical schema already registered under the subject returns its id without a check; otherwise the
 *       schema must pass the subject's compatibility level, else HTTP 409 with {@code error_code} 409 and Avro's
 *       reasons</li>
 *   <li>{@code GET /subjects/{subject}/versions/{version|latest}[?deleted=true]} →
 *       {@code {"subject", "version", "id", "schema"}}</li>
 *   <li>{@code DELETE /subjects/{subject}/versions/{version|latest}} (soft delete) → the version number</li>
 *   <li>{@code GET /config} → {@code {"compatibilityLevel": "BACKWARD"}}; {@code PUT /config}
 *       {@code {"compatibility": "FULL"}} → {@code {"compatibility": "FULL"}}; {@code DELETE /config} (back to
 *       BACKWARD) → the level it had</li>
 *   <li>{@code GET /config/{subject}[?defaultToGlobal=true]} (40408 if the subject has no level of its own and
 *       {@code defaultToGlobal} is not set), {@code PUT /config/{subject}}, {@code DELETE /config/{subject}}</li>
 *   <li>{@code POST /compatibility/subjects/{subject}/versions/{version|latest}[?verbose=true]} and
 *       {@code POST /compatibility/subjects/{subject}/versions[?verbose=true]} (as registering would judge it) →
 *       {@code {"is_compatible": true}}, with {@code "messages": [...]} when verbose</li>
 * </ul>
 * Levels: NONE, BACKWARD (the default), BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE,
 * judged with Avro's {@code SchemaCompatibility} against the subject's versions that are not soft-deleted. Errors use
 * Confluent's body {@code {"error_code": N, "message": "..."}}: 40401 subject not found, 40402 version not found,
 * 40403 schema not found, 40404 subject soft-deleted, 40406 version soft-deleted, 40408 no subject-level
 * compatibility, 409 incompatible schema, 42201 invalid schema, 42202 invalid version, 42203 invalid compatibility
 * level, 42205 operation not permitted, 50001 an error in this server.
 *
 * <p>Not supported (an unknown path answers 404 with {@code error_code} 404, a known path with another method 405):
 * permanent deletes ({@code ?permanent=true} answers 42205: a local id must stay readable for records already in
 * Kafka), schema types other than AVRO and schema references (42201), {@code normalize}, {@code format},
 * metadata and rule sets (ignored), {@code GET /schemas}, {@code /schemas/types},
 * {@code /schemas/ids/{id}/subjects|versions|schema}, {@code /subjects/{subject}/versions/{version}/schema} and
 * {@code /referencedby}, {@code /mode}, {@code /contexts}, {@code /exporters}, {@code /dek-registry}, and
 * authentication. Newer Confluent releases answer an incompatible registration with {@code error_code} 40901
 * rather than 409 (HTTP 409 either way); this server answers 409, as the API reference documents.
 *
 * <p>The schema gate does not call this server's compatibility endpoints: it resolves writer schema ids with
 * {@code GET /schemas/ids/{id}} and judges them against the pipeline's reader schemas itself (see
 * {@link SchemaRegistry}).
 *
 * <p>With a store file, every change (a new version, a level, a soft delete) is saved to it, and the store is reloaded
 * from it when the server is built, so schema ids, levels and deletions survive restarts of the local stack.
 */
public final class LocalSchemaRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int requestedPort;
    private final InMemorySchemaRegistry store = new InMemorySchemaRegistry();
    private final RegistryStoreFile storeFile;
    /** Serialises every change with its save, so the file always holds the store's state in the store's order. */
    private final Object changeLock = new Object();
    private HttpServer server;
    private ExecutorService executor;
    /** The Authorization header every request must carry; null: none required. */
    private volatile byte[] requiredAuthorization;

    /** An in-memory server on an ephemeral port. */
    public LocalSchemaRegistryServer() {
        this(0, null);
    }

    /**
     * @param port      the port to listen on, 0 for an ephemeral one
     * @param storeFile the JSON file to persist to and reload from; null to keep the store in memory only
     * @throws IllegalStateException if the store file exists but cannot be loaded
     */
    public LocalSchemaRegistryServer(int port, Path storeFile) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port must be 0 (ephemeral) or 1-65535, got " + port);
        }
        this.requestedPort = port;
        this.storeFile = storeFile == null ? null : new RegistryStoreFile(storeFile);
        if (this.storeFile != null) {
            this.storeFile.loadInto(store);
        }
    }

    /**
     * Requires every request to carry this {@code Authorization} header ({@code Basic …} or {@code Bearer …}, as a
     * Confluent registry behind basic or bearer authentication does), answering 401 with Confluent's error body
     * otherwise; null requires none.
     */
    public LocalSchemaRegistryServer requireAuthorization(String header) {
        this.requiredAuthorization = header == null ? null : header.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Binds 127.0.0.1 and starts serving. */
    public synchronized LocalSchemaRegistryServer start() {
        if (server != null) {
            throw new IllegalStateException("Local schema registry is already running at " + url());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the local schema registry on 127.0.0.1:" + requestedPort
                    + " (" + e.getMessage() + "). Is another process using the port? Pick another or use 0.", e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-schema-registry-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public synchronized String url() {
        return "http://127.0.0.1:" + port();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("Local schema registry is not running; call start() first.");
        }
        return server.getAddress().getPort();
    }

    /** The store file, if this server persists. */
    public Optional<Path> storeFile() {
        return storeFile == null ? Optional.empty() : Optional.of(storeFile.path());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            byte[] required = requiredAuthorization;
            String sent = exchange.getRequestHeaders().getFirst("Authorization");
            try {
                if (required != null && (sent == null || !java.security.MessageDigest.isEqual(required,
                        sent.getBytes(StandardCharsets.UTF_8)))) {
                    reply = Reply.error(401, 401, "Unauthorized");
                } else {
                    reply = route(new Request(exchange.getRequestMethod(),
                            segments(exchange.getRequestURI().getRawPath()),
                            query(exchange.getRequestURI().getRawQuery()), exchange.getRequestBody()));
                }
            } catch (IncompatibleSchemaException e) {
                reply = Reply.error(409, RegistryRefusalException.INCOMPATIBLE_SCHEMA, "Schema being registered is"
                        + " incompatible with an earlier schema for subject \"" + e.subject() + "\", details: "
                        + e.reasons());
            } catch (RegistryRefusalException e) {
                reply = Reply.error(e.httpStatus(), e.errorCode(), e.getMessage());
            } catch (IOException | RuntimeException e) {
                reply = Reply.error(500, 50001, "Error in the local schema registry: " + e);
            }
            byte[] body = JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", ConfluentRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** One request: method, decoded path segments, query parameters, body. */
    private record Request(String method, List<String> path, Map<String, String> query, InputStream body) {
        String segment(int i) {
            return path.get(i);
        }

        boolean flag(String name) {
            return "true".equalsIgnoreCase(query.get(name));
        }

        byte[] bytes() throws IOException {
            return body.readAllBytes();
        }
    }

    private Reply route(Request r) throws IOException {
        List<String> path = r.path();
        int n = path.size();
        String root = n == 0 ? "" : path.get(0);
        switch (root) {
            case "schemas":
                if (n == 3 && path.get(1).equals("ids")) {
                    return on(r, "GET", () -> schemaById(r.segment(2)));
                }
                break;
            case "subjects":
                if (n == 1) {
                    return on(r, "GET", () -> Reply.ok(store.subjects(r.flag("deleted"))));
                }
                if (n == 2) {
                    if ("POST".equals(r.method())) {
                        return lookup(r.segment(1), r.bytes(), r.flag("deleted"));
                    }
                    return on(r, "DELETE", () -> deleteSubject(r.segment(1), r.flag("permanent")));
                }
                if (n == 3 && path.get(2).equals("versions")) {
                    if ("POST".equals(r.method())) {
                        return register(r.segment(1), r.bytes());
                    }
                    return on(r, "GET", () -> versions(r.segment(1), r.flag("deleted")));
                }
                if (n == 4 && path.get(2).equals("versions")) {
                    if ("DELETE".equals(r.method())) {
                        return deleteVersion(r.segment(1), r.segment(3), r.flag("permanent"));
                    }
                    return on(r, "GET", () -> version(r.segment(1), r.segment(3), r.flag("deleted")));
                }
                break;
            case "config":
                if (n == 1 || n == 2) {
                    return config(r, n == 2 ? r.segment(1) : null);
                }
                break;
            case "compatibility":
                if ((n == 4 || n == 5) && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
                    if (!"POST".equals(r.method())) {
                        return Reply.methodNotAllowed();
                    }
                    return testCompatibility(r.segment(2), n == 5 ? r.segment(4) : null, r.bytes(), r.flag("verbose"));
                }
                break;
            default:
                break;
        }
        return Reply.error(404, 404, "HTTP 404 Not Found");
    }

    private static Reply on(Request r, String method, Supplier<Reply> handler) {
        return method.equals(r.method()) ? handler.get() : Reply.methodNotAllowed();
    }

    // --- subjects and versions ---

    private Reply register(String subject, byte[] requestBody) {
        Schema schema = parseSchemaRequest(requestBody);
        int id;
        synchronized (changeLock) {
            int versionsBefore = store.versionsOf(subject, true).size();
            id = store.register(subject, schema);
            List<InMemorySchemaRegistry.SubjectVersion> after = store.versionsOf(subject, true);
            if (storeFile != null && after.size() != versionsBefore) {
                InMemorySchemaRegistry.SubjectVersion added = after.get(after.size() - 1);
                storeFile.save(store, new RegistryStoreFile.Entry(subject, added.version(), id, schema.toString()));
            }
        }
        return Reply.ok(JSON.createObjectNode().put("id", id));
    }

    private Reply lookup(String subject, byte[] requestBody, boolean includeDeleted) {
        Schema schema = parseSchemaRequest(requestBody);
        Optional<RegisteredSchema> found = store.lookup(subject, schema, includeDeleted);
        if (found.isPresent()) {
            return Reply.ok(registered(found.get()));
        }
        if (store.versionsOf(subject, includeDeleted).isEmpty()) {
            return subjectNotFound(subject);
        }
        return Reply.error(404, RegistryRefusalException.SCHEMA_NOT_FOUND, "Schema not found");
    }

    private Reply schemaById(String idText) {
        Integer id = parseInt(idText);
        try {
            if (id == null) {
                throw new SchemaNotFoundException(-1, "not a number");
            }
            return Reply.ok(JSON.createObjectNode().put("schema", store.schemaById(id).toString()));
        } catch (SchemaNotFoundException e) {
            return Reply.error(404, RegistryRefusalException.SCHEMA_NOT_FOUND, "Schema " + idText + " not found");
        }
    }

    private Reply versions(String subject, boolean includeDeleted) {
        List<InMemorySchemaRegistry.SubjectVersion> versions = store.versionsOf(subject, includeDeleted);
        if (versions.isEmpty()) {
            return subjectNotFound(subject);
        }
        return Reply.ok(versions.stream().map(InMemorySchemaRegistry.SubjectVersion::version).toList());
    }

    private Reply version(String subject, String versionText, boolean includeDeleted) {
        return Reply.ok(registered(store.registeredVersion(subject, parseVersion(versionText), includeDeleted)));
    }

    private Reply deleteSubject(String subject, boolean permanent) {
        refusePermanent(permanent);
        synchronized (changeLock) {
            List<Integer> deleted = store.deleteSubject(subject);
            save();
            return Reply.ok(deleted);
        }
    }

    private Reply deleteVersion(String subject, String versionText, boolean permanent) {
        refusePermanent(permanent);
        int version = parseVersion(versionText);
        synchronized (changeLock) {
            int deleted = store.deleteVersion(subject, version);
            save();
            return Reply.ok(deleted);
        }
    }

    private static void refusePermanent(boolean permanent) {
        if (permanent) {
            throw new RegistryRefusalException(RegistryRefusalException.OPERATION_NOT_PERMITTED, "The local schema"
                    + " registry does not delete permanently: a schema id must stay readable for the records in Kafka"
                    + " that carry it. Soft-delete instead (without permanent=true).");
        }
    }

    // --- config ---

    private Reply config(Request r, String subject) throws IOException {
        switch (r.method()) {
            case "GET":
                if (subject == null) {
                    return level("compatibilityLevel", store.globalCompatibility());
                }
                Optional<CompatibilityLevel> own = store.subjectCompatibility(subject);
                if (own.isPresent() || r.flag("defaultToGlobal")) {
                    return level("compatibilityLevel", own.orElseGet(store::globalCompatibility));
                }
                return Reply.error(404, RegistryRefusalException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED, "Subject '"
                        + subject + "' does not have subject-level compatibility configured");
            case "PUT":
                CompatibilityLevel level = parseLevelRequest(r.bytes());
                synchronized (changeLock) {
                    if (subject == null) {
                        store.setGlobalCompatibility(level);
                    } else {
                        store.setCompatibility(subject, level);
                    }
                    save();
                }
                return level("compatibility", level);
            case "DELETE":
                synchronized (changeLock) {
                    CompatibilityLevel was;
                    if (subject == null) {
                        was = store.resetGlobalCompatibility();
                    } else {
                        Optional<CompatibilityLevel> cleared = store.clearCompatibility(subject);
                        if (cleared.isEmpty()) {
                            return subjectNotFound(subject);
                        }
                        was = cleared.get();
                    }
                    save();
                    return level("compatibilityLevel", was);
                }
            default:
                return Reply.methodNotAllowed();
        }
    }

    private static CompatibilityLevel parseLevelRequest(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        JsonNode name = request == null ? null : request.get("compatibility");
        return CompatibilityLevel.forName(name == null ? null : name.asText())
                .orElseThrow(() -> new RegistryRefusalException(RegistryRefusalException.INVALID_COMPATIBILITY_LEVEL,
                        "Invalid compatibility level. Valid values are none, backward, forward, full,"
                                + " backward_transitive, forward_transitive, and full_transitive"));
    }

    private static Reply level(String field, CompatibilityLevel level) {
        return Reply.ok(JSON.createObjectNode().put(field, level.name()));
    }

    // --- compatibility ---

    private Reply testCompatibility(String subject, String versionText, byte[] requestBody, boolean verbose) {
        Integer version = versionText == null ? null : parseVersion(versionText);
        Schema schema;
        try {
            schema = parseSchemaRequest(requestBody);
        } catch (RegistryRefusalException invalid) {
            if (!verbose) {
                throw invalid;
            }
            return compatibilityReply(new CompatibilityCheck(false, List.of(invalid.getMessage())), true);
        }
        CompatibilityCheck check = version == null ? store.checkRegistration(subject, schema)
                : store.testCompatibility(subject, version, schema);
        return compatibilityReply(check, verbose);
    }

    private static Reply compatibilityReply(CompatibilityCheck check, boolean verbose) {
        ObjectNode body = JSON.createObjectNode().put("is_compatible", check.compatible());
        if (verbose) {
            check.messages().forEach(body.putArray("messages")::add);
        }
        return Reply.ok(body);
    }

    // --- helpers ---

    private void save() {
        if (storeFile != null) {
            storeFile.save(store, null);
        }
    }

    /** Confluent's register / lookup request body: {@code {"schema": "<avro json as a string>"}}, Avro only. */
    private static Schema parseSchemaRequest(byte[] requestBody) {
        try {
            JsonNode request = JSON.readTree(requestBody);
            JsonNode type = request == null ? null : request.get("schemaType");
            if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
                throw invalidSchema("Only AVRO schemas are supported by the local registry, not " + type.asText());
            }
            JsonNode references = request == null ? null : request.get("references");
            if (references != null && references.isArray() && !references.isEmpty()) {
                throw invalidSchema("Schema references are not supported by the local registry");
            }
            JsonNode text = request == null ? null : request.get("schema");
            if (text == null || !text.isTextual()) {
                throw invalidSchema("Invalid schema: expected {\"schema\": \"<schema JSON as a string>\"}");
            }
            return new Schema.Parser().parse(text.asText());
        } catch (RegistryRefusalException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw invalidSchema("Invalid schema: " + e.getMessage());
        }
    }

    private static RegistryRefusalException invalidSchema(String message) {
        return new RegistryRefusalException(RegistryRefusalException.INVALID_SCHEMA, message);
    }

    /** A version path segment: a number from 1, or {@code latest} (or {@code -1}, as Confluent accepts). */
    private static int parseVersion(String text) {
        if ("latest".equalsIgnoreCase(text.trim())) {
            return SchemaRegistry.LATEST;
        }
        Integer version = parseInt(text.trim());
        if (version == null || (version < 1 && version != SchemaRegistry.LATEST)) {
            throw new RegistryRefusalException(RegistryRefusalException.INVALID_VERSION, "The specified version '"
                    + text + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
                    + " \"latest\"");
        }
        return version;
    }

    private static ObjectNode registered(RegisteredSchema r) {
        return JSON.createObjectNode()
                .put("subject", r.subject())
                .put("version", r.version())
                .put("id", r.id())
                .put("schema", r.schema().toString());
    }

    private static Reply subjectNotFound(String subject) {
        return Reply.error(404, RegistryRefusalException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    private static Integer parseInt(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String part : Objects.requireNonNullElse(rawPath, "").split("/")) {
            if (!part.isEmpty()) {
                // Path segments are percent-encoded; '+' is a literal plus in a path, not a space.
                out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(key, value);
            }
        }
        return out;
    }

    /** An HTTP status and the JSON body to send with it. */
    private record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply error(int status, int errorCode, String message) {
            return new Reply(status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
        }

        static Reply methodNotAllowed() {
            return error(405, 405, "HTTP 405 Method Not Allowed");
        }
    }
}

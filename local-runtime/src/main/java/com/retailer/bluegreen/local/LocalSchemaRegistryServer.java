package com.retailer.bluegreen.local;

import com.retailer.bluegreen.ingest.ConfluentRegistryClient;

import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.ingest.SchemaNotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A real HTTP schema registry on 127.0.0.1 for the local stack and tests, serving the subset of the Confluent REST
 * API the pipeline and its producers use, backed by an {@link InMemorySchemaRegistry}:
 * <ul>
 *   <li>{@code POST /subjects/{subject}/versions} {@code {"schema": "<avro json as a string>"}} → {@code {"id": N}}</li>
 *   <li>{@code GET /schemas/ids/{id}} → {@code {"schema": "..."}}</li>
 *   <li>{@code GET /subjects} → {@code ["subject", ...]}</li>
 *   <li>{@code GET /subjects/{subject}/versions} → {@code [1, 2, ...]}</li>
 *   <li>{@code GET /subjects/{subject}/versions/{version|latest}} → {@code {"subject","version","id","schema"}}</li>
 * </ul>
 * Errors use Confluent's body {@code {"error_code": N, "message": "..."}}: 40401 subject not found, 40402 version not
 * found, 40403 schema not found, 42201 invalid schema.
 *
 * <p>With a store file, every registration that changes the store is saved to it, and the store is reloaded from it
 * when the server is built, so schema ids survive restarts of the local stack.
 */
public final class LocalSchemaRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int requestedPort;
    private final InMemorySchemaRegistry store = new InMemorySchemaRegistry();
    private final RegistryStoreFile storeFile;
    private final Object registrationLock = new Object();
    private HttpServer server;
    private ExecutorService executor;

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
            try {
                reply = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()),
                        exchange.getRequestBody());
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

    private Reply route(String method, List<String> path, InputStream body) throws IOException {
        int n = path.size();
        if (n == 3 && path.get(0).equals("schemas") && path.get(1).equals("ids")) {
            return "GET".equals(method) ? schemaById(path.get(2)) : Reply.methodNotAllowed();
        }
        if (n >= 1 && path.get(0).equals("subjects")) {
            if (n == 1) {
                return "GET".equals(method) ? Reply.ok(store.subjects()) : Reply.methodNotAllowed();
            }
            if (n == 3 && path.get(2).equals("versions")) {
                if ("POST".equals(method)) {
                    return register(path.get(1), body.readAllBytes());
                }
                return "GET".equals(method) ? versions(path.get(1)) : Reply.methodNotAllowed();
            }
            if (n == 4 && path.get(2).equals("versions")) {
                return "GET".equals(method) ? version(path.get(1), path.get(3)) : Reply.methodNotAllowed();
            }
        }
        return Reply.error(404, 404, "HTTP 404 Not Found");
    }

    private Reply register(String subject, byte[] requestBody) {
        Schema schema;
        try {
            JsonNode request = JSON.readTree(requestBody);
            JsonNode type = request == null ? null : request.get("schemaType");
            if (type != null && !"AVRO".equals(type.asText())) {
                return Reply.error(422, 42201, "Only AVRO schemas are supported by the local registry");
            }
            JsonNode text = request == null ? null : request.get("schema");
            if (text == null || !text.isTextual()) {
                return Reply.error(422, 42201, "Invalid schema: expected {\"schema\": \"<schema JSON as a string>\"}");
            }
            schema = new Schema.Parser().parse(text.asText());
        } catch (IOException | RuntimeException e) {
            return Reply.error(422, 42201, "Invalid schema: " + e.getMessage());
        }
        int id;
        synchronized (registrationLock) {
            int versionsBefore = store.versions(subject).size();
            id = store.register(subject, schema);
            if (storeFile != null && store.versions(subject).size() != versionsBefore) {
                storeFile.append(new RegistryStoreFile.Entry(subject, id, schema.toString()));
            }
        }
        return Reply.ok(JSON.createObjectNode().put("id", id));
    }

    private Reply schemaById(String idText) {
        Integer id = parseInt(idText);
        try {
            if (id == null) {
                throw new SchemaNotFoundException(-1, "not a number");
            }
            return Reply.ok(JSON.createObjectNode().put("schema", store.schemaById(id).toString()));
        } catch (SchemaNotFoundException e) {
            return Reply.error(404, 40403, "Schema not found");
        }
    }

    private Reply versions(String subject) {
        List<Integer> ids = store.versions(subject);
        if (ids.isEmpty()) {
            return subjectNotFound(subject);
        }
        List<Integer> versions = new ArrayList<>();
        for (int v = 1; v <= ids.size(); v++) {
            versions.add(v);
        }
        return Reply.ok(versions);
    }

    private Reply version(String subject, String versionText) throws IOException {
        List<Integer> ids = store.versions(subject);
        if (ids.isEmpty()) {
            return subjectNotFound(subject);
        }
        Integer version = "latest".equals(versionText) ? Integer.valueOf(ids.size()) : parseInt(versionText);
        if (version == null || version < 1) {
            return Reply.error(422, 42202, "The specified version '" + versionText + "' is not a valid version id."
                    + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        Optional<Integer> id = store.idOf(subject, version);
        if (id.isEmpty()) {
            return Reply.error(404, 40402, "Version " + version + " not found.");
        }
        try {
            return Reply.ok(JSON.createObjectNode()
                    .put("subject", subject)
                    .put("version", version)
                    .put("id", id.get())
                    .put("schema", store.schemaById(id.get()).toString()));
        } catch (SchemaNotFoundException e) {
            throw new IllegalStateException("Subject " + subject + " lists id " + id.get() + " the store lacks", e);
        }
    }

    private static Reply subjectNotFound(String subject) {
        return Reply.error(404, 40401, "Subject '" + subject + "' not found.");
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

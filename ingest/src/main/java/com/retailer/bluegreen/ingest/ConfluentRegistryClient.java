package com.retailer.bluegreen.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistry} over the Confluent Schema Registry REST API (the subset the pipeline needs):
 * {@code POST /subjects/{subject}/versions} and {@code GET /schemas/ids/{id}}.
 *
 * <p>Error mapping: HTTP 404 carrying Confluent {@code error_code} 40403 is {@link SchemaNotFoundException}. Anything
 * else that is not an answer (connection refused, timeout, 5xx, a body that is not the documented JSON, a 404 from
 * something that is not a registry) is {@link RegistryUnavailableException}, so a misconfigured URL fails the batch
 * instead of quarantining good records. On register, 409 (incompatible) and 422 (invalid schema) are the registry
 * refusing the schema and raise {@link IllegalArgumentException}.
 *
 * <p>Schemas are cached by id forever (ids are immutable): after the first lookup of an id, {@link #schemaById(int)}
 * makes no HTTP call. Thread-safe; share one instance per registry URL ({@link SchemaRegistries#open}).
 */
public final class ConfluentRegistryClient implements SchemaRegistry {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final int SCHEMA_NOT_FOUND = 40403;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /**
     * @param baseUrl the registry root, e.g. {@code http://127.0.0.1:8081} (a trailing slash is ignored)
     * @param timeout the limit for connecting and for each request
     */
    public ConfluentRegistryClient(URI baseUrl, Duration timeout) {
        this.baseUrl = withoutTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Schema registry timeout must be positive, got " + timeout);
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public int register(String subject, Schema schema) {
        String path = "/subjects/" + encodeSegment(subject) + "/versions";
        String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
        HttpRequest request = request(path)
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        if (status == 409 || status == 422) {
            throw new IllegalArgumentException("Schema registry " + baseUrl + " refused to register schema "
                    + schema.getFullName() + " under subject " + subject + " (HTTP " + status + ": "
                    + errorText(response) + "). Make the schema compatible with the subject's earlier versions, or"
                    + " change the subject's compatibility setting.");
        }
        requireOk(request, response);
        int id = requiredField(request, response, "id").asInt();
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) throws SchemaNotFoundException {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        HttpRequest request = request("/schemas/ids/" + id).GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 404 && errorCode(response) == SCHEMA_NOT_FOUND) {
            throw new SchemaNotFoundException(id, "schema registry " + baseUrl + " has no schema with id " + id
                    + " (error_code " + SCHEMA_NOT_FOUND + ")");
        }
        requireOk(request, response);
        String text = requiredField(request, response, "schema").asText();
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw unexpected(request, response, "the schema text does not parse as Avro: " + e.getMessage());
        }
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /** Nothing to release: the JDK HTTP client's threads are daemons and the client may be shared. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "ConfluentRegistryClient[" + baseUrl + ", timeout " + timeout + "]";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new RegistryUnavailableException("Schema registry did not answer " + describe(request) + " within "
                    + timeout + ". Check that the registry is up and not overloaded; the batch will be retried.", e);
        } catch (IOException e) {
            throw new RegistryUnavailableException("Could not reach the schema registry for " + describe(request)
                    + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "). Check the registry URL in the pipeline config and that the registry is running and"
                    + " reachable from this host; the batch will be retried.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while waiting for the schema registry on "
                    + describe(request) + "; the batch will be retried.", e);
        }
    }

    private void requireOk(HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            throw new RegistryUnavailableException("Schema registry answered HTTP " + status + " to "
                    + describe(request) + " (" + errorText(response) + "). The registry is failing; check its logs."
                    + " The batch will be retried.", null);
        }
        if (status != 200) {
            throw unexpected(request, response, "expected HTTP 200");
        }
    }

    private JsonNode requiredField(HttpRequest request, HttpResponse<String> response, String field) {
        JsonNode node = parse(response.body());
        JsonNode value = node == null ? null : node.get(field);
        boolean ok = value != null && ("id".equals(field) ? value.isInt() : value.isTextual());
        if (!ok) {
            throw unexpected(request, response, "expected a JSON object with field \"" + field + "\"");
        }
        return value;
    }

    private RegistryUnavailableException unexpected(HttpRequest request, HttpResponse<String> response, String why) {
        return new RegistryUnavailableException("Unexpected answer from the schema registry to " + describe(request)
                + ": HTTP " + response.statusCode() + ", body " + abbreviate(response.body()) + " (" + why
                + "). Check that the registry URL points at a Confluent-compatible schema registry.", null);
    }

    private static int errorCode(HttpResponse<String> response) {
        JsonNode node = parse(response.body());
        JsonNode code = node == null ? null : node.get("error_code");
        return code != null && code.isInt() ? code.asInt() : -1;
    }

    private static String errorText(HttpResponse<String> response) {
        JsonNode node = parse(response.body());
        if (node != null && node.hasNonNull("message")) {
            return "error_code " + node.path("error_code").asText("?") + ": " + node.get("message").asText();
        }
        return "body " + abbreviate(response.body());
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri();
    }

    private static String abbreviate(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty)";
        }
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistry} over the Confluent Schema Registry REST API (the subset the pipeline and its producers need):
 * <ul>
 *   <li>{@link #register}: {@code POST /subjects/{subject}/versions}</li>
 *   <li>{@link #schemaById}: {@code GET /schemas/ids/{id}}</li>
 *   <li>{@link #lookup}: {@code POST /subjects/{subject}}</li>
 *   <li>{@link #globalCompatibility} / {@link #setGlobalCompatibility}: {@code GET} / {@code PUT /config}</li>
 *   <li>{@link #compatibility} / {@link #setCompatibility}: {@code GET /config/{subject}?defaultToGlobal=true} (a
 *       registry too old for {@code defaultToGlobal} answers 40401/40408, and the global level is asked instead) /
 *       {@code PUT /config/{subject}}</li>
 *   <li>{@link #testCompatibility}: {@code POST /compatibility/subjects/{subject}/versions/{version|latest}?verbose=true}</li>
 * </ul>
 *
 * <p>Error mapping: HTTP 404 carrying Confluent {@code error_code} 40403 is {@link SchemaNotFoundException} for
 * {@link #schemaById}; for {@link #lookup}, 40401 and 40403 are an empty answer. Anything else that is not an answer
 * (connection refused, timeout, 5xx, a body that is not the documented JSON, a 404 from something that is not a
 * registry) is {@link RegistryUnavailableException}, so a misconfigured URL fails the batch instead of quarantining
 * good records. A 4xx with a Confluent error body is the registry refusing the request:
 * {@link RegistryRefusalException} with its error code, and for 409 on register (the schema breaks the subject's
 * compatibility level) {@link IncompatibleSchemaException}, naming the subject, the level (asked of the registry) and
 * the registry's message, which carries Avro's reasons.
 *
 * <p>Schemas are cached by id forever (ids are immutable): after the first lookup of an id, {@link #schemaById(int)}
 * makes no HTTP call. Thread-safe; share one instance per registry URL ({@link SchemaRegistries#open}).
 */
public final class ConfluentRegistryClient implements SchemaRegistry {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final int SCHEMA_NOT_FOUND = RegistryRefusalException.SCHEMA_NOT_FOUND;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Duration timeout;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /**
     * @param baseUrl the registry root, e.g. {@code http://127.0.0.1:8081} (a trailing slash is ignored); credentials
     *                in it ({@code https://user:password@host}) are sent as HTTP basic authentication, never in the URL
     * @param timeout the limit for connecting and for each request
     */
    public ConfluentRegistryClient(URI baseUrl, Duration timeout) {
        this(baseUrl, timeout, Optional.empty());
    }

    /**
     * @param authorization the {@code Authorization} header of every request ({@code Basic …} or {@code Bearer …},
     *                      as Confluent's clients send {@code basic.auth.user.info} and {@code bearer.auth.token}),
     *                      or empty; not together with credentials in {@code baseUrl}
     */
    public ConfluentRegistryClient(URI baseUrl, Duration timeout, Optional<String> authorization) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(authorization, "authorization");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Schema registry timeout must be positive, got " + timeout);
        }
        Optional<String> inUrl = Optional.ofNullable(baseUrl.getUserInfo())
                .map(com.retailer.bluegreen.config.RegistryConfig::basic);
        if (inUrl.isPresent() && authorization.isPresent()) {
            throw new IllegalArgumentException("Schema registry credentials given twice: in the URL and as an"
                    + " Authorization header; keep one");
        }
        this.authorization = inUrl.isPresent() ? inUrl : authorization.filter(a -> !a.isBlank());
        this.baseUrl = withoutTrailingSlash(withoutUserInfo(baseUrl));
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
        HttpRequest request = postJson("/subjects/" + encodeSegment(subject) + "/versions",
                JSON.createObjectNode().put("schema", schema.toString()));
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        String refused = "Schema registry " + baseUrl + " refused to register schema " + schema.getFullName()
                + " under subject " + subject;
        if (status == 409) {
            throw new IncompatibleSchemaException(subject, levelOrNull(subject), List.of(errorText(response)),
                    refused + " (HTTP 409)");
        }
        if (status == 422) {
            throw new RegistryRefusalException(errorCodeOr(response, RegistryRefusalException.INVALID_SCHEMA),
                    refused + " (HTTP 422: " + errorText(response) + "). Check that it is a valid Avro schema.");
        }
        requireOk(request, response);
        int id = requiredInt(request, response, "id");
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        HttpRequest request = postJson("/subjects/" + encodeSegment(subject),
                JSON.createObjectNode().put("schema", schema.toString()));
        HttpResponse<String> response = send(request);
        int code = errorCode(response);
        if (response.statusCode() == 404 && (code == RegistryRefusalException.SUBJECT_NOT_FOUND
                || code == SCHEMA_NOT_FOUND)) {
            return Optional.empty();
        }
        refuseOn4xx(request, response);
        requireOk(request, response);
        int id = requiredInt(request, response, "id");
        Schema stored = parseSchema(request, response, requiredText(request, response, "schema"));
        Schema cached = schemasById.putIfAbsent(id, stored);
        return Optional.of(new RegisteredSchema(requiredText(request, response, "subject"),
                requiredInt(request, response, "version"), id, cached != null ? cached : stored));
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return level(request("/config").GET().build(), "compatibilityLevel");
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        putLevel("/config", level);
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        HttpRequest request = request("/config/" + encodeSegment(subject) + "?defaultToGlobal=true").GET().build();
        HttpResponse<String> response = send(request);
        int code = errorCode(response);
        if (response.statusCode() == 404 && (code == RegistryRefusalException.SUBJECT_NOT_FOUND
                || code == RegistryRefusalException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED)) {
            // A registry that predates defaultToGlobal: the subject has no level of its own.
            return globalCompatibility();
        }
        return level(request, response, "compatibilityLevel");
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        putLevel("/config/" + encodeSegment(subject), level);
    }

    @Override
    public CompatibilityCheck testCompatibility(String subject, int version, Schema schema) {
        if (version != LATEST && version < 1) {
            throw RegistryRefusalException.invalidVersion(Integer.toString(version));
        }
        String path = "/compatibility/subjects/" + encodeSegment(subject) + "/versions/"
                + (version == LATEST ? "latest" : Integer.toString(version)) + "?verbose=true";
        HttpRequest request = postJson(path, JSON.createObjectNode().put("schema", schema.toString()));
        HttpResponse<String> response = send(request);
        refuseOn4xx(request, response);
        requireOk(request, response);
        JsonNode body = parse(response.body());
        JsonNode compatible = body == null ? null : body.get("is_compatible");
        if (compatible == null || !compatible.isBoolean()) {
            throw unexpected(request, response, "expected a JSON object with boolean field \"is_compatible\"");
        }
        List<String> messages = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            messages.add(message.asText());
        }
        return new CompatibilityCheck(compatible.asBoolean(), messages);
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
        Schema schema = parseSchema(request, response, requiredText(request, response, "schema"));
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

    /** The subject's level for an error message; null if the registry cannot tell it. */
    private CompatibilityLevel levelOrNull(String subject) {
        try {
            return compatibility(subject);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void putLevel(String path, CompatibilityLevel level) {
        String body = JSON.createObjectNode().put("compatibility", level.name()).toString();
        HttpRequest request = request(path)
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        CompatibilityLevel set = level(request, "compatibility");
        if (set != level) {
            throw unexpected(request, null, "asked for " + level + ", the registry answered " + set);
        }
    }

    private CompatibilityLevel level(HttpRequest request, String field) {
        return level(request, send(request), field);
    }

    private CompatibilityLevel level(HttpRequest request, HttpResponse<String> response, String field) {
        refuseOn4xx(request, response);
        requireOk(request, response);
        String name = requiredText(request, response, field);
        return CompatibilityLevel.forName(name).orElseThrow(() -> unexpected(request, response,
                "\"" + name + "\" is not a compatibility level"));
    }

    private HttpRequest postJson(String path, JsonNode body) {
        return request(path)
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }

    /** A 4xx with Confluent's error body is the registry refusing the request, not being unavailable. */
    private void refuseOn4xx(HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        int code = errorCode(response);
        if (status >= 400 && status < 500 && code > 0 && RegistryRefusalException.httpStatus(code) == status) {
            throw new RegistryRefusalException(code, "Schema registry " + baseUrl + " refused " + describe(request)
                    + " (HTTP " + status + ", " + errorText(response) + ")");
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        authorization.ifPresent(a -> b.header("Authorization", a));
        return b;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(
                    StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                // Not the schema's fault: failing the batch (never quarantining its records) until the credentials
                // are fixed; the header itself is never printed.
                String sent = authorization.map(a -> a.substring(0, a.indexOf(' ') < 0 ? a.length()
                        : a.indexOf(' ')).toLowerCase(java.util.Locale.ROOT) + " credentials").orElse("no credentials");
                throw new RegistryUnavailableException("Schema registry " + baseUrl + " answered HTTP " + status
                        + " to " + describe(request) + " (" + errorText(response) + "): it "
                        + (status == 401 ? "does not accept" : "does not authorise") + " this client, which sent "
                        + sent + ". Set schemaRegistry.basicAuthCredentials (user:password, e.g. an API key and"
                        + " secret) or schemaRegistry.bearerToken, as secret references, and check that the"
                        + " principal may read the subjects; the batch will be retried.", null);
            }
            return response;
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

    private int requiredInt(HttpRequest request, HttpResponse<String> response, String field) {
        JsonNode node = parse(response.body());
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isInt()) {
            throw unexpected(request, response, "expected a JSON object with integer field \"" + field + "\"");
        }
        return value.asInt();
    }

    private String requiredText(HttpRequest request, HttpResponse<String> response, String field) {
        JsonNode node = parse(response.body());
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw unexpected(request, response, "expected a JSON object with field \"" + field + "\"");
        }
        return value.asText();
    }

    private Schema parseSchema(HttpRequest request, HttpResponse<String> response, String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw unexpected(request, response, "the schema text does not parse as Avro: " + e.getMessage());
        }
    }

    private RegistryUnavailableException unexpected(HttpRequest request, HttpResponse<String> response, String why) {
        return new RegistryUnavailableException("Unexpected answer from the schema registry to " + describe(request)
                + (response == null ? "" : ": HTTP " + response.statusCode() + ", body " + abbreviate(response.body()))
                + " (" + why + "). Check that the registry URL points at a Confluent-compatible schema registry.",
                null);
    }

    private static int errorCodeOr(HttpResponse<String> response, int fallback) {
        int code = errorCode(response);
        return code > 0 ? code : fallback;
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

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        String text = uri.toString();
        return URI.create(text.replace(uri.getRawUserInfo() + "@", ""));
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}

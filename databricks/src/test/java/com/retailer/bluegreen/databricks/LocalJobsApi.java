package com.retailer.bluegreen.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local Databricks Jobs API 2.2 (the endpoints {@link DatabricksColourJobs} uses) that checks every request
 * against the documented API and keeps the state of the jobs and runs it serves, behaving as the workspace's
 * continuous scheduler does: an unpaused continuous job gets a run whenever none is active; pausing does not end
 * the active run; a cancelled run is TERMINATING until the next request, then TERMINATED.
 *
 * <p>Checked per request, as docs.databricks.com/api/workspace/jobs documents it: the bearer token; the method and
 * path; the query parameters each GET accepts (no other); the body fields each POST accepts (no other), the required
 * ones present and of their type; the enum values of {@code continuous}. A request that breaks a rule gets the
 * API's error ({@code 400 INVALID_PARAMETER_VALUE}, {@code 401}, {@code 404 ENDPOINT_NOT_FOUND}) and is listed in
 * {@link #violations()}.
 */
final class LocalJobsApi implements AutoCloseable {
    static final String TOKEN = "dapi-local-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LIST_JOBS_PARAMS = Set.of("name", "limit", "offset", "page_token",
            "expand_tasks");
    private static final Set<String> LIST_RUNS_PARAMS = Set.of("job_id", "active_only", "completed_only", "offset",
            "limit", "run_type", "expand_tasks", "start_time_from", "start_time_to", "page_token");
    private static final Set<String> JOB_SETTINGS_FIELDS = Set.of("name", "continuous", "schedule", "trigger",
            "tasks", "job_clusters", "parameters", "tags", "email_notifications", "webhook_notifications",
            "timeout_seconds", "health", "max_concurrent_runs", "queue", "run_as", "environments", "git_source",
            "notification_settings", "edit_mode", "deployment", "description", "budget_policy_id",
            "performance_target", "usage_policy_id", "format");
    private static final Set<String> ACTIVE = Set.of("QUEUED", "PENDING", "RUNNING", "TERMINATING");

    /** One request as received. */
    record Request(String method, String path, Map<String, String> query, JsonNode body) {
    }

    private final HttpServer server;
    private final AtomicLong nextId = new AtomicLong(100);
    private final Map<Long, ObjectNode> jobs = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> runs = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private boolean runsIgnoreCancel;

    LocalJobsApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Deploys a job named {@code name}: continuous with {@code pauseStatus} and {@code taskRetryMode}. */
    synchronized long continuousJob(String name, String pauseStatus, String taskRetryMode) {
        ObjectNode settings = JSON.createObjectNode().put("name", name).put("max_concurrent_runs", 1);
        ObjectNode continuous = settings.putObject("continuous").put("pause_status", pauseStatus);
        if (taskRetryMode != null) {
            continuous.put("task_retry_mode", taskRetryMode);
        }
        return job(settings);
    }

    /** Deploys a job with {@code settings} as given. */
    synchronized long job(ObjectNode settings) {
        long id = nextId.incrementAndGet();
        jobs.put(id, JSON.createObjectNode().put("job_id", id).put("created_time", System.currentTimeMillis())
                .set("settings", settings));
        return id;
    }

    /** Starts a run of job {@code jobId} as a person would from the workspace. */
    synchronized long startRunByHand(long jobId) {
        return newRun(jobId);
    }

    /** From now on, cancelled runs stay TERMINATING (a cluster that does not answer). */
    synchronized void runsIgnoreCancel() {
        runsIgnoreCancel = true;
    }

    synchronized JsonNode settings(long jobId) {
        return jobs.get(jobId).get("settings").deepCopy();
    }

    synchronized List<String> activeRunStates(long jobId) {
        List<String> states = new ArrayList<>();
        for (ObjectNode r : runs.values()) {
            String s = r.get("state").get("life_cycle_state").asText();
            if (r.get("job_id").asLong() == jobId && ACTIVE.contains(s)) {
                states.add(s);
            }
        }
        return states;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        int status;
        JsonNode response;
        synchronized (this) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            JsonNode body = null;
            try (InputStream in = ex.getRequestBody()) {
                byte[] bytes = in.readAllBytes();
                if (bytes.length > 0) {
                    body = JSON.readTree(bytes);
                }
            } catch (IOException e) {
                body = null;
            }
            requests.add(new Request(method, path, query, body));
            Reply reply;
            try {
                reply = route(ex.getRequestHeaders().getFirst("Authorization"), method, path, query, body);
            } catch (Refused r) {
                violations.add(method + " " + path + ": " + r.getMessage());
                reply = new Reply(r.status, JSON.createObjectNode().put("error_code", r.code)
                        .put("message", r.getMessage()));
            }
            status = reply.status;
            response = reply.body;
            tick();
        }
        byte[] out = JSON.writeValueAsBytes(response);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    private static final class Refused extends RuntimeException {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private static Refused invalid(String message) {
        return new Refused(400, "INVALID_PARAMETER_VALUE", message);
    }

    private Reply route(String auth, String method, String path, Map<String, String> query, JsonNode body) {
        if (method.equals("GET") && (path.equals("/.well-known/databricks-config")
                || path.equals("/oidc/.well-known/oauth-authorization-server"))) {
            // Discovery documents a workspace serves without authentication; the SDK reads them when a client is
            // built and goes on without them (this workspace publishes none).
            return new Reply(404, JSON.createObjectNode().put("error_code", "NOT_FOUND").put("message", path));
        }
        if (!("Bearer " + TOKEN).equals(auth)) {
            throw new Refused(401, "UNAUTHENTICATED", "missing or wrong bearer token: " + auth);
        }
        return switch (method + " " + path) {
            case "GET /api/2.2/jobs/list" -> listJobs(query);
            case "GET /api/2.2/jobs/get" -> getJob(query);
            case "POST /api/2.2/jobs/update" -> updateJob(body);
            case "GET /api/2.2/jobs/runs/list" -> listRuns(query);
            case "POST /api/2.2/jobs/runs/cancel" -> cancelRun(body);
            case "GET /api/2.2/jobs/runs/get" -> getRun(query);
            default -> throw new Refused(404, "ENDPOINT_NOT_FOUND", "no such endpoint (or not one this adapter"
                    + " should call): " + method + " " + path);
        };
    }

    private Reply listJobs(Map<String, String> q) {
        onlyParams(q, LIST_JOBS_PARAMS);
        if (q.containsKey("limit")) {
            int limit = intParam(q, "limit");
            if (limit < 1 || limit > 100) {
                throw invalid("limit must be between 1 and 100: " + limit);
            }
        }
        ArrayNode out = JSON.createArrayNode();
        String name = q.get("name");
        for (ObjectNode j : jobs.values()) {
            // "A filter on the list based on the exact (case insensitive) job name."
            if (name == null || j.get("settings").get("name").asText().equalsIgnoreCase(name)) {
                out.add(j.deepCopy());
            }
        }
        ObjectNode r = JSON.createObjectNode();
        r.set("jobs", out);
        r.put("has_more", false);
        return new Reply(200, r);
    }

    private Reply getJob(Map<String, String> q) {
        onlyParams(q, Set.of("job_id", "page_token"));
        return new Reply(200, existingJob(longParam(q, "job_id")).deepCopy());
    }

    private Reply updateJob(JsonNode body) {
        ObjectNode b = object(body, "the request body");
        onlyFields(b, Set.of("job_id", "new_settings", "fields_to_remove"), "update");
        ObjectNode job = existingJob(requiredLong(b, "job_id"));
        ObjectNode settings = (ObjectNode) job.get("settings");
        if (b.has("new_settings")) {
            ObjectNode ns = object(b.get("new_settings"), "new_settings");
            onlyFields(ns, JOB_SETTINGS_FIELDS, "new_settings");
            if (ns.has("continuous")) {
                ObjectNode c = object(ns.get("continuous"), "new_settings.continuous");
                onlyFields(c, Set.of("pause_status", "task_retry_mode"), "continuous");
                oneOf(c, "pause_status", Set.of("PAUSED", "UNPAUSED"));
                oneOf(c, "task_retry_mode", Set.of("NEVER", "ON_FAILURE"));
                if (settings.has("schedule") || settings.has("trigger")) {
                    throw invalid("a job cannot have continuous together with schedule or trigger");
                }
            }
            // "Top-level fields specified in new_settings are completely replaced."
            ns.fields().forEachRemaining(e -> settings.set(e.getKey(), e.getValue()));
        }
        if (b.has("fields_to_remove")) {
            for (JsonNode f : b.get("fields_to_remove")) {
                settings.remove(f.asText());
            }
        }
        return new Reply(200, JSON.createObjectNode());
    }

    private Reply listRuns(Map<String, String> q) {
        onlyParams(q, LIST_RUNS_PARAMS);
        boolean activeOnly = boolParam(q, "active_only");
        if (activeOnly && boolParam(q, "completed_only")) {
            throw invalid("active_only and completed_only cannot both be true");
        }
        Long jobId = q.containsKey("job_id") ? longParam(q, "job_id") : null;
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode r : runs.values()) {
            boolean active = ACTIVE.contains(r.get("state").get("life_cycle_state").asText());
            if ((jobId == null || r.get("job_id").asLong() == jobId) && (!activeOnly || active)) {
                out.add(r.deepCopy());
            }
        }
        ObjectNode r = JSON.createObjectNode();
        r.set("runs", out);
        r.put("has_more", false);
        return new Reply(200, r);
    }

    private Reply cancelRun(JsonNode body) {
        ObjectNode b = object(body, "the request body");
        onlyFields(b, Set.of("run_id"), "runs/cancel");
        ObjectNode run = runs.get(requiredLong(b, "run_id"));
        if (run == null) {
            throw new Refused(400, "RESOURCE_DOES_NOT_EXIST", "Run " + b.get("run_id") + " does not exist.");
        }
        ObjectNode state = (ObjectNode) run.get("state");
        if (ACTIVE.contains(state.get("life_cycle_state").asText())) {
            state.put("life_cycle_state", "TERMINATING");
            run.put("cancelled_at_tick", ticks);
        }
        return new Reply(200, JSON.createObjectNode());
    }

    private Reply getRun(Map<String, String> q) {
        onlyParams(q, Set.of("run_id", "include_history", "include_resolved_values", "page_token"));
        ObjectNode run = runs.get(longParam(q, "run_id"));
        if (run == null) {
            throw new Refused(400, "RESOURCE_DOES_NOT_EXIST", "Run " + q.get("run_id") + " does not exist.");
        }
        return new Reply(200, run.deepCopy());
    }

    private long ticks;

    /** The workspace's scheduler between two requests. */
    private void tick() {
        ticks++;
        for (ObjectNode r : runs.values()) {
            ObjectNode state = (ObjectNode) r.get("state");
            if (state.get("life_cycle_state").asText().equals("TERMINATING") && !runsIgnoreCancel
                    && r.get("cancelled_at_tick").asLong() < ticks) {
                state.put("life_cycle_state", "TERMINATED").put("result_state", "CANCELED");
            }
        }
        for (ObjectNode j : jobs.values()) {
            JsonNode c = j.get("settings").get("continuous");
            long id = j.get("job_id").asLong();
            if (c != null && "UNPAUSED".equals(c.path("pause_status").asText()) && activeRunStates(id).isEmpty()) {
                newRun(id);
            }
        }
    }

    private long newRun(long jobId) {
        long id = nextId.incrementAndGet();
        ObjectNode run = JSON.createObjectNode().put("job_id", jobId).put("run_id", id)
                .put("start_time", System.currentTimeMillis());
        run.putObject("state").put("life_cycle_state", "RUNNING").put("state_message", "");
        runs.put(id, run);
        return id;
    }

    private ObjectNode existingJob(long id) {
        ObjectNode j = jobs.get(id);
        if (j == null) {
            throw new Refused(400, "INVALID_PARAMETER_VALUE", "Job " + id + " does not exist.");
        }
        return j;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (q.put(k, v) != null) {
                    throw invalid("query parameter given twice: " + k);
                }
            }
        }
        return q;
    }

    private static void onlyParams(Map<String, String> q, Set<String> allowed) {
        for (String k : q.keySet()) {
            if (!allowed.contains(k)) {
                throw invalid("unknown query parameter '" + k + "' (accepted: " + allowed + ")");
            }
        }
    }

    private static void onlyFields(ObjectNode o, Set<String> allowed, String what) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw invalid("unknown field '" + k + "' in " + what);
            }
        }
    }

    private static void oneOf(ObjectNode o, String field, Set<String> values) {
        if (o.has(field) && !values.contains(o.get(field).asText())) {
            throw invalid(field + " must be one of " + values + ": " + o.get(field));
        }
    }

    private static ObjectNode object(JsonNode n, String what) {
        if (!(n instanceof ObjectNode o)) {
            throw invalid(what + " must be a JSON object: " + n);
        }
        return o;
    }

    private static long requiredLong(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw invalid(field + " is required and must be an integer: " + v);
        }
        return v.asLong();
    }

    private static long longParam(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null) {
            throw invalid(name + " is required");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an integer: " + v);
        }
    }

    private static int intParam(Map<String, String> q, String name) {
        return Math.toIntExact(longParam(q, name));
    }

    private static boolean boolParam(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name + " must be true or false: " + v);
        };
    }
}

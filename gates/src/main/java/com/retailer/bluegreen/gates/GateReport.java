package com.retailer.bluegreen.gates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The four gates' results for one candidate, as stored in the audit ledger and shown by {@code validate}.
 *
 * <p>{@link #toJson()} is canonical: fixed field order, results in gate order ({@link GateResult#GATES}), evidence
 * as each result's components in declaration order with map entries sorted, so equal reports are equal text and
 * {@link #fromJson} reads it back to an equal report.
 *
 * @param candidate           the candidate colour's id
 * @param candidateGeneration its generation
 * @param live                the live colour's id; {@code null} before the first promotion
 * @param releaseId           the release being validated
 * @param startedAt           when validation started
 * @param finishedAt          when the last gate finished
 * @param results             at most one result per gate, stored in gate order
 * @param thresholds          the limits the candidate was judged by; null in a report that predates recording them
 *                            (such a report admits no promotion)
 */
public record GateReport(String candidate, int candidateGeneration, String live, String releaseId,
                         Instant startedAt, Instant finishedAt, List<GateResult> results, GateThresholds thresholds) {

    /** A report without recorded thresholds (tests of the other rules; it admits no promotion). */
    public GateReport(String candidate, int candidateGeneration, String live, String releaseId, Instant startedAt,
                      Instant finishedAt, List<GateResult> results) {
        this(candidate, candidateGeneration, live, releaseId, startedAt, finishedAt, results, null);
    }

    /** The {@code format} of the JSON form; {@link #fromJson} refuses any other. */
    public static final String FORMAT = "gate-report/v1";

    public GateReport {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (candidateGeneration < 1) {
            throw new IllegalArgumentException("candidateGeneration must be >= 1, was " + candidateGeneration);
        }
        if (finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("a gate report cannot finish (" + finishedAt + ") before it started ("
                    + startedAt + ")");
        }
        Set<String> seen = new HashSet<>();
        for (GateResult r : results) {
            if (!seen.add(r.gate())) {
                throw new IllegalArgumentException("a gate report holds one " + r.gate() + " result, not two");
            }
        }
        results = results.stream().sorted(Comparator.comparingInt(r -> GateResult.GATES.indexOf(r.gate()))).toList();
    }

    /** Every gate is present, and each passed or had nothing to judge. */
    public boolean passed() {
        return missingGates().isEmpty() && results.stream().allMatch(r -> r.verdict() != Verdict.FAIL);
    }

    /** The first failed result, in gate order. */
    public Optional<GateResult> firstFailure() {
        return results.stream().filter(r -> r.verdict() == Verdict.FAIL).findFirst();
    }

    /** The gates this report has no result for (a report missing one never passes). */
    public List<String> missingGates() {
        List<String> missing = new ArrayList<>(GateResult.GATES);
        results.forEach(r -> missing.remove(r.gate()));
        return List.copyOf(missing);
    }

    /** The result of {@code gate}, if the report has one. */
    public Optional<GateResult> result(String gate) {
        return results.stream().filter(r -> r.gate().equals(gate)).findFirst();
    }

    /** Pretty, canonical JSON (see the class comment); {@code passed} is included for readers and not read back. */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode()
                .put("format", FORMAT)
                .put("candidate", candidate)
                .put("candidateGeneration", candidateGeneration)
                .put("live", live)
                .put("releaseId", releaseId)
                .put("startedAt", startedAt.toString())
                .put("finishedAt", finishedAt.toString())
                .put("passed", passed());
        if (thresholds != null) {
            thresholds.write(root.putObject("thresholds"));
        }
        ArrayNode list = root.putArray("results");
        for (GateResult r : results) {
            ObjectNode node = list.addObject().put("gate", r.gate()).put("verdict", r.verdict().name());
            ArrayNode failures = node.putArray("failures");
            r.failures().forEach(failures::add);
            node.set("evidence", r.evidence());
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the gate report of " + candidate + " as JSON", e);
        }
    }

    /**
     * Reads {@link #toJson()}'s form back.
     *
     * @throws IllegalArgumentException if the text is not a gate report of this format
     */
    public static GateReport fromJson(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a gate report must be JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("not a gate report: expected format '" + FORMAT + "', found "
                    + (root == null ? "nothing" : root.path("format")));
        }
        List<GateResult> results = new ArrayList<>();
        for (JsonNode r : root.path("results")) {
            Verdict verdict = Verdict.valueOf(r.path("verdict").asText());
            List<String> failures = new ArrayList<>();
            r.path("failures").forEach(f -> failures.add(f.asText()));
            JsonNode evidence = r.path("evidence");
            String gate = r.path("gate").asText();
            results.add(switch (gate) {
                case "schema" -> Json.result(SchemaResult.class, verdict, failures, evidence);
                case "reconciliation" -> Json.result(ReconciliationResult.class, verdict, failures, evidence);
                case "freshness" -> Json.result(FreshnessResult.class, verdict, failures, evidence);
                case "quality" -> Json.result(QualityResult.class, verdict, failures, evidence);
                default -> throw new IllegalArgumentException("unknown gate '" + gate + "' in a gate report; known: "
                        + GateResult.GATES);
            });
        }
        JsonNode live = root.path("live");
        return new GateReport(root.path("candidate").asText(), root.path("candidateGeneration").asInt(),
                live.isNull() || live.isMissingNode() ? null : live.asText(), root.path("releaseId").asText(),
                Instant.parse(root.path("startedAt").asText()), Instant.parse(root.path("finishedAt").asText()),
                results, root.hasNonNull("thresholds") ? GateThresholds.read(root.path("thresholds")) : null);
    }

    /** A fixed-width text table (gate | verdict | key figures | first failure), then every failure in full. */
    public String table() {
        return ReportTable.render(this);
    }
}

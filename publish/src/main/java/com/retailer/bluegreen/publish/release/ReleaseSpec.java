package com.retailer.bluegreen.publish.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.layout.Colour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a release will do, fixed when it is planned and recorded with its first step: the candidate (the idle
 * colour) and its new generation, how its tables start, the gates, and the bake and approval rules.
 *
 * @param releaseId  the release
 * @param author     who started it ({@link com.retailer.bluegreen.publish.Actor}); may not approve it
 * @param gitSha     the artifact it deploys
 * @param live       the colour the views serve when it starts, warm until the bake ends
 * @param liveRelease the release {@code live} serves
 * @param candidate  the idle colour, which the release deploys, validates and promotes
 * @param generation the candidate's new generation
 * @param bootstrap  how the new generation's tables start
 * @param gates      the gates and their thresholds, as the plan states them
 * @param policy     the rules it waits, decides and bakes by
 */
public record ReleaseSpec(String releaseId, String author, String gitSha, Colour live, String liveRelease,
                          Colour candidate, long generation, CandidateDeployer.Bootstrap bootstrap, List<String> gates,
                          ReleasePolicy policy) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ReleaseSpec {
        gates = List.copyOf(gates);
    }

    /** The spec as recorded with the PLANNED step. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("author", author);
        o.put("gitSha", gitSha);
        o.put("live", live.id());
        o.put("liveRelease", liveRelease);
        o.put("candidate", candidate.id());
        o.put("generation", generation);
        o.put("bootstrap", bootstrap.name());
        gates.forEach(o.putArray("gates")::add);
        o.set("policy", policy.toJson());
        return o;
    }

    /** The spec {@link #toJson} recorded for {@code releaseId}. */
    public static ReleaseSpec fromJson(String releaseId, JsonNode o) {
        List<String> gates = new java.util.ArrayList<>();
        o.get("gates").forEach(g -> gates.add(g.asText()));
        return new ReleaseSpec(releaseId, o.get("author").asText(), o.get("gitSha").asText(),
                Colour.parse(o.get("live").asText()), o.get("liveRelease").asText(), Colour.parse(o.get("candidate").asText()),
                o.get("generation").asLong(), CandidateDeployer.Bootstrap.valueOf(o.get("bootstrap").asText()), gates,
                ReleasePolicy.fromJson(o.get("policy")));
    }

    /** What the release will do, for {@code release plan}; nothing is changed by printing it. */
    public String describe() {
        ReleasePolicy p = policy;
        String checks = p.breachesToRollBack().isEmpty() ? "" : ", " + p.breachesToRollBack().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return String.join("\n",
                "Release " + releaseId + " by " + author + " (artifact " + gitSha + "):",
                "  1. deploy " + candidate.id() + " generation " + generation + " (the idle colour), its tables "
                        + (bootstrap == CandidateDeployer.Bootstrap.CUT ? "shallow-cloned from " + live.id()
                        + " at a consistent cut, then Kafka from the cut's offsets"
                        : "empty, then Kafka from the earliest retained offsets") + ";",
                "  2. wait until it is at most " + p.caughtUpWithin() + " records behind (at most "
                        + human(p.catchUpTimeout()) + ", else the release is aborted);",
                "  3. gates: " + String.join("; ", gates) + ";",
                "  4. approval by " + (p.autoApprove() ? "the policy (autoApprove: a non-production target)"
                        : p.approvers() + ", never the author (" + author + ")") + ";",
                "  5. promote " + candidate.id() + "; the views leave " + live.id() + " (release " + liveRelease
                        + "), which keeps running warm;",
                "  6. bake " + human(p.bakeWindow()) + ", sampled every " + human(p.sampleInterval())
                        + ": freshness, quality, reconciliation against " + live.id() + ", job alive; "
                        + p.defaultBreaches() + " consecutive breaching samples of a check" + checks
                        + " switch every view back to " + live.id() + " automatically; an inconclusive sample alerts"
                        + " and never counts as a pass;",
                "  7. complete: " + live.id() + "'s job is stopped, its tables kept. From then on a rollback"
                        + " restarts " + live.id() + " from its checkpoint behind a catch-up gate, possible while Kafka"
                        + " retains its offsets (" + human(p.kafkaRetention()) + "); after that, roll forward.",
                "Rollback stays one command in any state: rollback.");
    }

    /** A duration the way people say it: 90 s, 15 min, 7 d. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + " d";
        }
        if (s % 3_600 == 0 && s > 0) {
            return s / 3_600 + " h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + " min";
        }
        return s > 0 ? s + " s" : d.toMillis() + " ms";
    }

    /** When {@code at} is, relative to {@code start}, for timelines: +12.3 s. */
    static String offset(Instant start, Instant at) {
        return String.format(java.util.Locale.ROOT, "+%.1f s", Duration.between(start, at).toMillis() / 1000.0);
    }
}

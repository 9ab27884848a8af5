package com.retailer.bluegreen.publish.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a release waits, decides and bakes; recorded with its plan, so a resumed release keeps the rules it started
 * with.
 *
 * @param catchUpTimeout   how long the candidate may take to catch up before the release is aborted
 * @param pollInterval     how often catch-up is measured
 * @param caughtUpWithin   records behind at or below which the candidate has caught up
 * @param bakeWindow       how long the promoted candidate bakes with the old colour warm
 * @param sampleInterval   how often it is sampled while baking
 * @param breachesToRollBack consecutive breaching samples of a check that roll the release back, by check; a check
 *                         not listed uses {@code defaultBreaches}
 * @param defaultBreaches  consecutive breaching samples that roll back, for a check not listed
 * @param autoApprove      whether the release approves itself (non-production targets only); the record says so
 * @param approvers        who may approve, as the plan states it (say, a group); never the author
 * @param kafkaRetention   how long Kafka keeps offsets: how long after completion the old colour can still be
 *                         restarted from its checkpoint to roll back
 */
public record ReleasePolicy(Duration catchUpTimeout, Duration pollInterval, long caughtUpWithin, Duration bakeWindow,
                            Duration sampleInterval, Map<String, Integer> breachesToRollBack, int defaultBreaches,
                            boolean autoApprove, String approvers, Duration kafkaRetention) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ReleasePolicy {
        List<String> problems = new ArrayList<>();
        positive(problems, "catchUpTimeout", catchUpTimeout);
        positive(problems, "pollInterval", pollInterval);
        positive(problems, "bakeWindow", bakeWindow);
        positive(problems, "sampleInterval", sampleInterval);
        positive(problems, "kafkaRetention", kafkaRetention);
        if (caughtUpWithin < 0) {
            problems.add("caughtUpWithin is " + caughtUpWithin + ": expected a number of records >= 0");
        }
        if (defaultBreaches < 1) {
            problems.add("defaultBreaches is " + defaultBreaches + ": expected a number of samples >= 1");
        }
        breachesToRollBack = Collections.unmodifiableSortedMap(new TreeMap<>(breachesToRollBack));
        breachesToRollBack.forEach((check, n) -> {
            if (n == null || n < 1) {
                problems.add("breachesToRollBack." + check + " is " + n + ": expected a number of samples >= 1");
            }
        });
        if (approvers == null || approvers.isBlank()) {
            problems.add("approvers is blank: expected who may approve (a group or a list of identities)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid release policy: " + String.join("; ", problems) + ".");
        }
    }

    private static void positive(List<String> problems, String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            problems.add(key + " is " + d + ": expected a positive duration");
        }
    }

    /** Consecutive breaching samples of {@code check} that roll the release back. */
    public int breachesOf(String check) {
        return breachesToRollBack.getOrDefault(check, defaultBreaches);
    }

    /** This policy as recorded with the plan. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("catchUpTimeout", catchUpTimeout.toString());
        o.put("pollInterval", pollInterval.toString());
        o.put("caughtUpWithin", caughtUpWithin);
        o.put("bakeWindow", bakeWindow.toString());
        o.put("sampleInterval", sampleInterval.toString());
        ObjectNode breaches = o.putObject("breachesToRollBack");
        breachesToRollBack.forEach(breaches::put);
        o.put("defaultBreaches", defaultBreaches);
        o.put("autoApprove", autoApprove);
        o.put("approvers", approvers);
        o.put("kafkaRetention", kafkaRetention.toString());
        return o;
    }

    /** The policy {@link #toJson} recorded. */
    public static ReleasePolicy fromJson(JsonNode o) {
        Map<String, Integer> breaches = new TreeMap<>();
        o.get("breachesToRollBack").fields().forEachRemaining(e -> breaches.put(e.getKey(), e.getValue().asInt()));
        return new ReleasePolicy(Duration.parse(o.get("catchUpTimeout").asText()),
                Duration.parse(o.get("pollInterval").asText()), o.get("caughtUpWithin").asLong(),
                Duration.parse(o.get("bakeWindow").asText()), Duration.parse(o.get("sampleInterval").asText()),
                breaches, o.get("defaultBreaches").asInt(), o.get("autoApprove").asBoolean(),
                o.get("approvers").asText(), Duration.parse(o.get("kafkaRetention").asText()));
    }
}

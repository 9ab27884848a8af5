package com.retailer.bluegreen.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a caller asks the ledger to record; {@link AuditLedger#append} gives it a sequence number and seals it into
 * an {@link AuditRecord}. Validated on construction, every problem reported at once
 * ({@link InvalidAuditDraftException}), so nothing malformed ever enters the chain.
 *
 * <ul>
 *   <li>{@code action}: upper-case word such as {@code PROMOTE} or {@code ROLLBACK};</li>
 *   <li>{@code actor}: the identity that caused it, from the CI system or the job's run-as principal;</li>
 *   <li>{@code at}: when; kept to the microsecond (what Delta stores), finer digits are dropped;</li>
 *   <li>{@code fromColour}, {@code toColour}: lower-case colour ids, {@code fromColour} absent on a first
 *       promotion;</li>
 *   <li>{@code epoch} &ge; 0; {@code releaseId} optional; {@code gitSha} of the running artifact, required;</li>
 *   <li>{@code tableVersions}: published table → Delta version, versions &ge; 0 (may be empty, never null);</li>
 *   <li>{@code details}: a JSON object as text (gate evidence, approver, plan), or {@code null}.</li>
 * </ul>
 */
public record AuditDraft(String action, String actor, Instant at, String fromColour, String toColour, long epoch,
                         String releaseId, String gitSha, Map<String, Long> tableVersions, String details) {

    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Pattern COLOUR = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public AuditDraft {
        List<String> problems = new ArrayList<>();
        if (action == null || !ACTION.matcher(action).matches()) {
            problems.add(problem("action", action, "an upper-case word of up to 40 letters, digits or '_' such as"
                    + " PROMOTE or ROLLBACK"));
        }
        requireText(problems, "actor", actor, "the identity that acted (CI user or run-as principal), not blank");
        if (at == null) {
            problems.add(problem("at", null, "the instant the action happened"));
        } else {
            at = at.truncatedTo(ChronoUnit.MICROS);
        }
        requireColour(problems, "fromColour", fromColour);
        requireColour(problems, "toColour", toColour);
        if (epoch < 0) {
            problems.add(problem("epoch", String.valueOf(epoch), "an epoch >= 0"));
        }
        if (releaseId != null) {
            requireText(problems, "releaseId", releaseId, "a release id that is not blank, or no release id");
        }
        requireText(problems, "gitSha", gitSha, "the git SHA of the running artifact, not blank");
        tableVersions = requireVersions(problems, tableVersions);
        requireJsonObject(problems, details);
        if (!problems.isEmpty()) {
            throw PublishErrors.invalidDraft(problems);
        }
    }

    private static void requireText(List<String> problems, String field, String value, String expectation) {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> c < 0x20)) {
            problems.add(problem(field, value, expectation + ", without control characters"));
        }
    }

    private static void requireColour(List<String> problems, String field, String value) {
        if (value != null && !COLOUR.matcher(value).matches()) {
            problems.add(problem(field, value, "a lower-case colour id such as blue or green, or none"));
        }
    }

    private static Map<String, Long> requireVersions(List<String> problems, Map<String, Long> versions) {
        if (versions == null) {
            problems.add(problem("tableVersions", null, "a map of published table to Delta version (may be empty)"));
            return null;
        }
        boolean valid = true;
        for (Map.Entry<String, Long> e : versions.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null || e.getValue() < 0) {
                problems.add(problem("tableVersions", e.getKey() + "=" + e.getValue(),
                        "a table name that is not blank mapped to a Delta version >= 0"));
                valid = false;
            }
        }
        return valid ? Collections.unmodifiableSortedMap(new TreeMap<>(versions)) : versions;
    }

    private static void requireJsonObject(List<String> problems, String details) {
        if (details == null) {
            return;
        }
        try {
            JsonNode node = JSON.readTree(details);
            if (node == null || !node.isObject()) {
                problems.add(problem("details", details, "a JSON object such as {\"gates\":[…]}, or none"));
            }
        } catch (JsonProcessingException e) {
            problems.add(problem("details", details, "a JSON object, or none (" + e.getOriginalMessage() + ")"));
        }
    }

    private static String problem(String field, String value, String expectation) {
        return "Invalid value " + (value == null ? "null" : "'" + value + "'") + " for audit field '" + field
                + "': expected " + expectation + ".";
    }
}

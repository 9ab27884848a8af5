package com.retailer.bluegreen.publish.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.ReleaseState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a release as the audit ledger holds it: a transition from one state to the next, or an approval.
 * Recorded as an audit record with action {@value #ACTION} whose {@code details} hold {@code {"release": {...}}}:
 * the step's kind, states, reason and evidence (the plan, for the PLANNED step).
 *
 * @param sequence  the audit record's sequence
 * @param releaseId the release
 * @param kind      a transition or an approval
 * @param from      the state it left (null for PLANNED, the first); for an approval, the state it was given in
 * @param to        the state it entered; for an approval, the same as {@code from}
 * @param actor     who (the orchestrator's identity, or the approver's)
 * @param at        when
 * @param gitSha    the artifact that recorded it
 * @param reason    why, in a sentence
 * @param evidence  what was measured or done, a JSON object (may be empty)
 */
public record ReleaseStep(long sequence, String releaseId, Kind kind, ReleaseState from, ReleaseState to,
                          String actor, Instant at, String gitSha, String reason, JsonNode evidence) {
    /** The audit action of a release step. */
    public static final String ACTION = "RELEASE";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a step is. */
    public enum Kind { TRANSITION, APPROVAL }

    /** The step {@code record} holds, if it is a release step. */
    public static Optional<ReleaseStep> of(AuditRecord record) {
        if (!ACTION.equals(record.action()) || record.details() == null) {
            return Optional.empty();
        }
        try {
            JsonNode r = JSON.readTree(record.details()).get("release");
            if (r == null) {
                throw unreadable(record, null);
            }
            JsonNode from = r.get("from");
            return Optional.of(new ReleaseStep(record.sequence(), record.releaseId(), Kind.valueOf(r.get("kind")
                    .asText()), from == null || from.isNull() ? null : ReleaseState.valueOf(from.asText()),
                    ReleaseState.valueOf(r.get("to").asText()), record.actor(), record.at(), record.gitSha(),
                    r.path("reason").asText(""), r.has("evidence") ? r.get("evidence") : JSON.createObjectNode()));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw unreadable(record, e);
        }
    }

    /**
     * A release step this artifact cannot read (written by a newer one, or damaged): refused loudly rather than
     * skipped, since a skipped step could hide an open release or change a release's state.
     */
    static com.retailer.bluegreen.errors.BlueGreenException unreadable(AuditRecord record, Exception cause) {
        return new com.retailer.bluegreen.errors.BlueGreenException(
                com.retailer.bluegreen.errors.ErrorCode.AUDIT_CHAIN_BROKEN, "Audit record " + record.sequence()
                + " is a release step this artifact cannot read (" + (cause == null ? "no release in its details"
                : cause.getMessage()) + "), so no release state can be trusted; nothing was changed. Read it with"
                + " audit verify and run the artifact that wrote it, or repair the release record.", cause);
    }

    /** The audit draft of a step: {@code epoch} and colours are the publication's as the step is recorded. */
    static AuditDraft draft(String releaseId, Kind kind, ReleaseState from, ReleaseState to, String actor, Instant at,
                            String gitSha, String reason, JsonNode evidence, String liveColour, String candidate,
                            long epoch) {
        ObjectNode details = JSON.createObjectNode();
        ObjectNode r = details.putObject("release");
        r.put("kind", kind.name());
        if (from == null) {
            r.putNull("from");
        } else {
            r.put("from", from.name());
        }
        r.put("to", to.name());
        r.put("reason", reason);
        r.set("evidence", evidence == null ? JSON.createObjectNode() : evidence);
        return new AuditDraft(ACTION, actor, at, liveColour, candidate, epoch, releaseId, gitSha, Map.of(),
                details.toString());
    }

    /** Whether this step is {@code kind} from {@code from} to {@code to}. */
    boolean is(Kind kind, ReleaseState from, ReleaseState to) {
        return this.kind == kind && this.from == from && this.to == to;
    }

    /** A timeline line: offset from {@code start}, the transition (or approval), who, why. */
    String line(Instant start) {
        String what = kind == Kind.APPROVAL ? "approved in " + to
                : (from == null ? "" : from + " → ") + to;
        return String.format("  %-9s %-40s by %s: %s", ReleaseSpec.offset(start, at), what, actor, reason);
    }
}

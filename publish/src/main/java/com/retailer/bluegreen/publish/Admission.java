package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Whether a promotion may go ahead. The command line admits a candidate only with a passing gate report recent
 * enough (the gates module's {@code GateAdmission}); a harness that exercises the publisher itself (repeated swaps
 * between seeded tables) admits without gates, and says so: every promotion's audit record carries what admitted it.
 * Rollbacks need no admission: they are allowed in any state.
 */
public interface Admission {

    /**
     * The promotion asked for.
     *
     * @param to        the colour the views are to serve
     * @param releaseId the release they are to serve
     * @param gitSha    the git SHA of the artifact promoting it, which its gate report must have judged
     */
    record Promotion(Colour to, String releaseId, String gitSha) {
    }

    /**
     * Admits {@code promotion}, or refuses it.
     *
     * @param reports the ledger's gate reports ({@code VALIDATE} records), oldest first
     * @return what admitted it, recorded in the promotion's audit record under {@code admission}
     * @throws ReleaseRefusedException with {@link ReleaseRefusedException.Reason#NOT_VALIDATED}, naming what is
     *                                 missing or failed; nothing was changed
     */
    Map<String, String> admit(Promotion promotion, List<AuditRecord> reports, Instant now);

    /**
     * Admits no promotion: for a release opened only to read the release state or to record gate reports (status,
     * validate), so a promotion through it can never skip the gates.
     */
    static Admission none(String why) {
        return (promotion, reports, now) -> {
            throw ReleaseRefusedException.notValidated("Promotion refused, nothing was changed: this publisher was"
                    + " opened to " + why + ", not to promote. Promote with promote --to " + promotion.to().id()
                    + ".");
        };
    }

    /** Admits every promotion without gates, recording {@code reason}; for harnesses, never the command line. */
    static Admission unguarded(String reason) {
        return (promotion, reports, now) -> Map.of("kind", "unguarded", "reason", reason);
    }
}

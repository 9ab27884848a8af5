package com.retailer.bluegreen.publish.release;

import com.retailer.bluegreen.layout.Colour;

/**
 * Port: runs the promotion gates (schema compatibility, reconciliation, freshness, data quality) on the candidate
 * and records the gate report in the audit ledger, as {@code validate} does; the promotion is admitted by it.
 */
public interface GateRunner {

    /**
     * The gates' verdict.
     *
     * @param passed   whether every gate passed
     * @param summary  one line per gate, for the console and the timeline
     * @param evidence the report, a JSON object
     */
    record Verdict(boolean passed, String summary, String evidence) {
    }

    /** Runs the gates on {@code candidate} for {@code releaseId} from the artifact of {@code gitSha}. */
    Verdict validate(Colour candidate, String releaseId, String gitSha, String actor);
}

package com.retailer.bluegreen.publish.release;

import com.retailer.bluegreen.layout.Colour;
import java.util.List;

/**
 * Port: one bake sample of the promoted candidate as the live colour, against the old colour still running warm:
 * per-partition freshness and Gold lag against the SLA, data-quality rates against the old colour plus a margin,
 * reconciliation against the old colour at a moving offset cut, the job alive (heartbeat).
 */
public interface BakeProbe {

    /** What one check found. */
    enum Verdict {
        /** Within its limit. */
        PASS,
        /** Outside its limit. */
        BREACH,
        /** Could not be measured; never counts as a pass. */
        INCONCLUSIVE
    }

    /**
     * One check of one sample.
     *
     * @param check    the check's name, e.g. {@code freshness}, {@code quality}, {@code reconciliation}, {@code alive}
     * @param verdict  what it found
     * @param measured what was measured, with its unit, or why nothing could be
     * @param limit    the limit it was held to
     */
    record Check(String check, Verdict verdict, String measured, String limit) {
        @Override
        public String toString() {
            return check + " " + verdict + " (" + measured + "; limit " + limit + ")";
        }
    }

    /**
     * Samples {@code candidate}, live, against {@code old}, warm; rates and counts over what both processed since
     * {@code since}, the recorded start of the bake (the same after a resume).
     */
    List<Check> sample(Colour candidate, Colour old, java.time.Instant since);
}

package com.retailer.bluegreen.publish.release;

import com.retailer.bluegreen.layout.Colour;
import java.util.Optional;

/** Port: how far the candidate's job is behind the Kafka topics it reads (its latest committed batch). */
public interface CatchUpProbe {

    /**
     * How far behind, measured now.
     *
     * @param recordsBehind    records in the topics past the candidate's committed offsets; empty if not measurable
     * @param recordsPerSecond the candidate's recent processing rate (0 if unknown)
     * @param problem          why it could not be measured, when {@code recordsBehind} is empty
     */
    record Progress(Optional<Long> recordsBehind, double recordsPerSecond, String problem) {

        /** Measured. */
        public static Progress behind(long records, double recordsPerSecond) {
            return new Progress(Optional.of(records), recordsPerSecond, null);
        }

        /** Not measurable now, and why (say, no batch committed yet). */
        public static Progress unknown(String why) {
            return new Progress(Optional.empty(), 0, why);
        }
    }

    /** The candidate's progress now. */
    Progress progress(Colour candidate);
}

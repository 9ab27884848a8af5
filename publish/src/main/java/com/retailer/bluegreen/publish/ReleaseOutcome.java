package com.retailer.bluegreen.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a promotion or rollback did.
 *
 * @param kind     what happened
 * @param before   the desired state found (epoch 0, no colour, before the first promotion)
 * @param now      the desired state the views now serve
 * @param record   the audit record of {@code now}'s epoch (written now, or by an earlier run of the same action)
 * @param switched the statement run per view that had to change, in contract order; empty when every view already
 *                 served {@code now}
 * @param views    every published view and the colour table it now reads
 * @param kept     contract columns and views the contract file no longer lists, published anyway (the contract
 *                 only grows)
 * @param resumed  whether an earlier run's unfinished work (an unrecorded epoch, views not yet switched) was
 *                 completed
 */
public record ReleaseOutcome(Kind kind, DesiredState before, DesiredState now, AuditRecord record,
                             Map<String, String> switched, Map<String, String> views, List<String> kept,
                             boolean resumed) {

    public ReleaseOutcome {
        switched = Collections.unmodifiableMap(new LinkedHashMap<>(switched));
        views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
        kept = List.copyOf(kept);
    }

    /** What a release action found and did. */
    public enum Kind {
        /** The views now serve the promoted colour and release, at a new epoch. */
        PROMOTED,
        /** The views now serve the other colour again, at a new epoch. */
        ROLLED_BACK,
        /** The colour and release asked for were already the desired state: completed if unfinished, else nothing. */
        ALREADY_PROMOTED,
        /** The latest promotion was already rolled back: completed if unfinished, else nothing. */
        ALREADY_ROLLED_BACK
    }
}

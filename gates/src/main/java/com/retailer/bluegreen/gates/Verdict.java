package com.retailer.bluegreen.gates;

/** What a gate decided. */
public enum Verdict {
    /** The candidate meets the gate. */
    PASS,
    /** The candidate does not meet the gate; {@link GateResult#failures()} says why. */
    FAIL,
    /** The gate has nothing to judge (say, reconciliation when there is no live colour); it does not block. */
    NOT_APPLICABLE
}

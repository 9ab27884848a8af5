package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of one release and the only transitions allowed between them (ARCHITECTURE.md, "Release state
 * machine"):
 *
 * <pre>
 * PLANNED → DEPLOYING → CATCHING_UP → VALIDATING → AWAITING_APPROVAL → BAKING → COMPLETED
 *    └──────────┴────────────┴─────────────┴───────────────┴→ ABORTED      └→ ROLLED_BACK
 * </pre>
 *
 * A release is aborted at any point before its promotion (the candidate is left running for diagnosis, the views
 * never moved); once promoted it bakes, and either completes (the old colour stopped) or is rolled back (the views
 * back on the old colour, automatically on a breach or by the emergency rollback). COMPLETED, ABORTED and ROLLED_BACK
 * are final. Every transition is recorded in the audit ledger.
 */
public enum ReleaseState {
    PLANNED, DEPLOYING, CATCHING_UP, VALIDATING, AWAITING_APPROVAL, BAKING, COMPLETED, ABORTED, ROLLED_BACK;

    private static final Map<ReleaseState, Set<ReleaseState>> NEXT = Map.of(
            PLANNED, EnumSet.of(DEPLOYING, ABORTED),
            DEPLOYING, EnumSet.of(CATCHING_UP, ABORTED),
            CATCHING_UP, EnumSet.of(VALIDATING, ABORTED),
            VALIDATING, EnumSet.of(AWAITING_APPROVAL, ABORTED),
            AWAITING_APPROVAL, EnumSet.of(BAKING, ABORTED),
            BAKING, EnumSet.of(COMPLETED, ROLLED_BACK),
            COMPLETED, EnumSet.noneOf(ReleaseState.class),
            ABORTED, EnumSet.noneOf(ReleaseState.class),
            ROLLED_BACK, EnumSet.noneOf(ReleaseState.class));

    /** The states this one may move to; none for a final state. */
    public Set<ReleaseState> next() {
        return Collections.unmodifiableSet(NEXT.get(this));
    }

    /** Whether the release may move from this state to {@code to}. */
    public boolean canMoveTo(ReleaseState to) {
        return NEXT.get(this).contains(to);
    }

    /** Whether the release is over: nothing may follow. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /** Whether the views serve the release's candidate in this state (it has been promoted and not rolled back). */
    public boolean candidateIsLive() {
        return this == BAKING || this == COMPLETED;
    }

    /**
     * {@code to}, if the release may move there from this state.
     *
     * @throws BlueGreenException ({@link ErrorCode#ILLEGAL_TRANSITION}) naming both states and what may follow
     */
    public ReleaseState requireTransition(String releaseId, ReleaseState to) {
        if (!canMoveTo(to)) {
            throw new BlueGreenException(ErrorCode.ILLEGAL_TRANSITION, "Release " + releaseId + " cannot move from "
                    + this + " to " + to + ", nothing was changed: " + (isFinal() ? this + " is final"
                    : "from " + this + " it may only move to " + next()) + ". Check its state with release status.");
        }
        return to;
    }
}

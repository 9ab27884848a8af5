package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The release's states: every allowed and every refused transition, against a table written by hand. No Spark. */
class ReleaseStateTest {
    /** ARCHITECTURE.md, "Release state machine", as a table: each state and the states that may follow it. */
    private static final Map<ReleaseState, Set<ReleaseState>> ALLOWED = Map.of(
            ReleaseState.PLANNED, EnumSet.of(ReleaseState.DEPLOYING, ReleaseState.ABORTED),
            ReleaseState.DEPLOYING, EnumSet.of(ReleaseState.CATCHING_UP, ReleaseState.ABORTED),
            ReleaseState.CATCHING_UP, EnumSet.of(ReleaseState.VALIDATING, ReleaseState.ABORTED),
            ReleaseState.VALIDATING, EnumSet.of(ReleaseState.AWAITING_APPROVAL, ReleaseState.ABORTED),
            ReleaseState.AWAITING_APPROVAL, EnumSet.of(ReleaseState.BAKING, ReleaseState.ABORTED),
            ReleaseState.BAKING, EnumSet.of(ReleaseState.COMPLETED, ReleaseState.ROLLED_BACK),
            ReleaseState.COMPLETED, EnumSet.noneOf(ReleaseState.class),
            ReleaseState.ABORTED, EnumSet.noneOf(ReleaseState.class),
            ReleaseState.ROLLED_BACK, EnumSet.noneOf(ReleaseState.class));

    @Test
    void every_allowed_transition_is_taken_and_every_other_one_refused_with_nothing_changed() {
        int allowed = 0;
        int refused = 0;
        for (ReleaseState from : ReleaseState.values()) {
            for (ReleaseState to : ReleaseState.values()) {
                if (ALLOWED.get(from).contains(to)) {
                    assertTrue(from.canMoveTo(to), from + " -> " + to);
                    assertEquals(to, from.requireTransition("r-1", to));
                    allowed++;
                } else {
                    assertEquals(false, from.canMoveTo(to), from + " -> " + to);
                    BlueGreenException e = assertThrows(BlueGreenException.class,
                            () -> from.requireTransition("r-1", to), from + " -> " + to);
                    assertEquals(ErrorCode.ILLEGAL_TRANSITION, e.code());
                    assertTrue(e.getMessage().startsWith("Release r-1 cannot move from " + from + " to " + to
                            + ", nothing was changed"), e.getMessage());
                    refused++;
                }
            }
        }
        assertEquals(12, allowed);
        assertEquals(81 - 12, refused);
    }

    @Test
    void a_release_ends_completed_aborted_or_rolled_back_and_only_baking_or_completed_serve_the_candidate() {
        assertEquals(EnumSet.of(ReleaseState.COMPLETED, ReleaseState.ABORTED, ReleaseState.ROLLED_BACK),
                EnumSet.copyOf(java.util.Arrays.stream(ReleaseState.values()).filter(ReleaseState::isFinal).toList()));
        assertEquals(EnumSet.of(ReleaseState.BAKING, ReleaseState.COMPLETED), EnumSet.copyOf(
                java.util.Arrays.stream(ReleaseState.values()).filter(ReleaseState::candidateIsLive).toList()));
        assertTrue(ReleaseState.COMPLETED.next().isEmpty());
        assertEquals(ALLOWED.get(ReleaseState.BAKING), ReleaseState.BAKING.next());
        BlueGreenException e = assertThrows(BlueGreenException.class,
                () -> ReleaseState.COMPLETED.requireTransition("r-9", ReleaseState.ROLLED_BACK));
        assertTrue(e.getMessage().contains("COMPLETED is final"), e.getMessage());
    }
}

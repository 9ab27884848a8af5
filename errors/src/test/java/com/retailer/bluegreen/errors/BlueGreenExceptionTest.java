package com.retailer.bluegreen.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlueGreenExceptionTest {

    @Test
    void exit_statuses_are_distinct_and_follow_the_declaration_order() {
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(c.ordinal(), c.exitStatus(), c.name());
            assertEquals(true, seen.add(c.exitStatus()), c.name());
            assertEquals(c, ErrorCode.ofExitStatus(c.exitStatus()).orElseThrow());
        }
        assertEquals(true, ErrorCode.ofExitStatus(99).isEmpty());
        assertEquals(18, Arrays.stream(ErrorCode.values()).count());
    }

    @Test
    void the_code_of_an_error_is_its_own_else_the_first_of_ours_among_its_causes_else_failed() {
        BlueGreenException refused = new BlueGreenException(ErrorCode.NOT_OWNER, "owned by green");
        assertEquals(ErrorCode.NOT_OWNER, BlueGreenException.codeOf(refused));
        RuntimeException wrapped = new IllegalStateException("query failed", new RuntimeException("batch 3",
                refused));
        assertEquals(ErrorCode.NOT_OWNER, BlueGreenException.codeOf(wrapped));
        assertSame(refused, BlueGreenException.headline(wrapped));
        IllegalStateException bug = new IllegalStateException("boom");
        assertEquals(ErrorCode.FAILED, BlueGreenException.codeOf(bug));
        assertSame(bug, BlueGreenException.headline(bug));
    }

    @Test
    void a_message_is_problem_then_cause_then_fix() {
        BlueGreenException e = BlueGreenException.of(ErrorCode.BAD_CONFIG, "Cannot start blue. ",
                "Its checkpoint root is owned by green.", " Use blue's own root.");
        assertEquals("Cannot start blue. Its checkpoint root is owned by green. Use blue's own root.",
                e.getMessage());
        assertEquals("Nothing to do.", BlueGreenException.sentences("Nothing to do.", null, " "));
    }
}

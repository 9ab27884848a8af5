package com.retailer.bluegreen.gates;

import java.util.List;

/** Checks shared by every result record. */
final class Results {
    private Results() {
    }

    /** A failed result says why; a passing or not-applicable one has nothing to say. */
    static void requireConsistent(String gate, Verdict verdict, List<String> failures) {
        if (verdict == Verdict.FAIL && failures.isEmpty()) {
            throw new IllegalArgumentException("a failed " + gate + " result must name at least one failure");
        }
        if (verdict != Verdict.FAIL && !failures.isEmpty()) {
            throw new IllegalArgumentException("a " + verdict + " " + gate + " result cannot carry failures: "
                    + failures.get(0));
        }
    }

    static Verdict verdictOf(List<String> failures) {
        return failures.isEmpty() ? Verdict.PASS : Verdict.FAIL;
    }
}

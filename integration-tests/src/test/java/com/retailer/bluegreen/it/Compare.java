package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.retailer.bluegreen.testsupport.Expected;
import com.retailer.bluegreen.testsupport.OracleDiff;
import java.util.List;

/** Assertions over {@link OracleDiff}. */
final class Compare {
    private Compare() {
    }

    static void assertTablesEqual(Expected expected, Expected actual) {
        List<String> problems = OracleDiff.allTables(expected, actual);
        if (!problems.isEmpty()) {
            fail("tables differ from the oracle:\n  " + String.join("\n  ", problems)
                    + "\nexpected: " + expected.summary() + "\nactual:   " + actual.summary());
        }
    }

    static void assertSilverGoldEqual(Expected a, Expected b, String what) {
        assertEquals(List.of(), OracleDiff.silverGold(a, b), what);
    }
}

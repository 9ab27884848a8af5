package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationSqlTest {

    @Test
    void beyondTheCutIsPerPartitionWithTheSmallestCutFirstAndUnnamedPartitionsIncluded() {
        assertEquals("(o >= 90 OR p > 1) AND ((p = 0 AND o >= 100) OR (p = 1 AND o >= 90) OR p > 1)",
                ReconciliationSql.beyond(Map.of(0, 100L, 1, 90L), "p", "o"));
    }

    @Test
    void aPartitionTheCutSkipsIsEntirelyBeyondIt() {
        assertEquals("(o >= 0 OR p > 2) AND ((p = 0 AND o >= 5) OR p = 1 OR (p = 2 AND o >= 7) OR p > 2)",
                ReconciliationSql.beyond(Map.of(0, 5L, 2, 7L), "p", "o"));
    }

    @Test
    void theScanOfABootstrappedCandidateStartsAtItsSmallestLowerBound() {
        assertEquals("(o >= 40 OR p > 1) AND ((p = 0 AND o >= 50) OR (p = 1 AND o >= 40) OR p > 1)",
                ReconciliationSql.scan(Map.of(0, 50L, 1, 40L), Map.of(0, 100L, 1, 90L), "p", "o"));
    }

    @Test
    void theScanOfAFromScratchCandidateHasNoLowerBound() {
        assertEquals("(p = 0 OR p = 1 OR p > 1)", ReconciliationSql.scan(Map.of(), Map.of(0, 100L, 1, 90L), "p", "o"));
    }

    @Test
    void anUnboundedPartitionDropsTheLeadingLowerBound() {
        assertEquals("((p = 0 AND o >= 50) OR p = 1 OR p > 1)",
                ReconciliationSql.scan(Map.of(0, 50L), Map.of(0, 100L, 1, 90L), "p", "o"));
    }

    @Test
    void theCanonicalFormTagsNullsAndLengthPrefixesEveryValue() {
        assertEquals("concat(IF(`id` IS NULL, 'N', concat('V', CAST(char_length(CAST(`id` AS STRING)) AS STRING),"
                        + " ':', CAST(`id` AS STRING))), IF(`ts` IS NULL, 'N', concat('V',"
                        + " CAST(char_length(CAST(unix_micros(`ts`) AS STRING)) AS STRING), ':',"
                        + " CAST(unix_micros(`ts`) AS STRING))))",
                ReconciliationSql.canonical(List.of(Map.entry("id", "string"), Map.entry("ts", "timestamp"))));
    }

    @Test
    void theBucketIsTheUtcHourInEpochSeconds() {
        assertEquals("(unix_seconds(CAST(`event_ts` AS TIMESTAMP)) - pmod(unix_seconds(CAST(`event_ts` AS"
                + " TIMESTAMP)), 3600))", ReconciliationSql.bucket("event_ts"));
    }
}

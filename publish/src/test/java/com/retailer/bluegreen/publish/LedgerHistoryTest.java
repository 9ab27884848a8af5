package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which commits of the ledger's and the anchor's storage are their own ({@link LedgerHistory}), judged on histories
 * written by hand with Delta's operation names and metrics. Pure.
 */
class LedgerHistoryTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private static LedgerCommit commit(long version, String operation, Map<String, String> parameters,
                                       Map<String, String> metrics) {
        return new LedgerCommit(version, T.plusSeconds(version), operation, parameters, metrics, null);
    }

    private static LedgerCommit merge(long version, int inserted, int updated, int deleted) {
        return commit(version, "MERGE", Map.of("predicate", "[\"(t.kind = s.kind)\"]"), Map.of(
                "numTargetRowsInserted", String.valueOf(inserted), "numTargetRowsUpdated", String.valueOf(updated),
                "numTargetRowsDeleted", String.valueOf(deleted), "numTargetRowsCopied", "3"));
    }

    /** A ledger created, then {@code appends} appends. */
    private static List<LedgerCommit> ledger(int appends) {
        List<LedgerCommit> out = new ArrayList<>();
        out.add(commit(0, "CREATE TABLE AS SELECT", Map.of(), Map.of("numOutputRows", "1")));
        for (int i = 1; i <= appends; i++) {
            out.add(merge(i, 1, 1, 0));
        }
        return out;
    }

    private static List<LedgerCommit> plus(List<LedgerCommit> history, LedgerCommit... more) {
        List<LedgerCommit> out = new ArrayList<>(history);
        out.addAll(List.of(more));
        return out;
    }

    private static AuditProblem only(List<AuditProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void the_creation_and_one_merge_per_append_are_the_ledgers_own_as_are_compaction_and_a_no_op_merge() {
        assertEquals(List.of(), LedgerHistory.judgeLedger("/l", ledger(3), 3));
        assertEquals(List.of(), LedgerHistory.judgeLedger("/l", plus(ledger(3),
                commit(4, "OPTIMIZE", Map.of("predicate", "[]"), Map.of("numRemovedFiles", "4")),
                merge(5, 0, 0, 0),
                commit(6, "VACUUM START", Map.of("retentionCheckEnabled", "true",
                        "defaultRetentionMillis", "220924800000"), Map.of()),
                commit(7, "VACUUM END", Map.of("status", "COMPLETED"), Map.of())), 3));
    }

    @Test
    void every_other_commit_is_named_with_its_version_operation_time_and_what_it_did() {
        record Attack(LedgerCommit commit, String said) {
        }
        List<Attack> attacks = List.of(
                new Attack(commit(4, "DELETE", Map.of("predicate", "[\"(sequence = 3)\"]"),
                        Map.of("numDeletedRows", "1")), "rows were deleted (1)"),
                new Attack(commit(4, "UPDATE", Map.of(), Map.of("numUpdatedRows", "2")), "rows were updated (2)"),
                new Attack(commit(4, "RESTORE", Map.of("version", "1", "timestamp", "null"), Map.of()),
                        "the table was restored to version 1"),
                new Attack(commit(4, "WRITE", Map.of("mode", "Overwrite"), Map.of()), "the table was overwritten"),
                new Attack(commit(4, "WRITE", Map.of("mode", "Append"), Map.of("numOutputRows", "1")),
                        "rows were written around the ledger (Append) (1)"),
                new Attack(commit(4, "ADD COLUMNS", Map.of(), Map.of()), "the table's schema was changed"),
                new Attack(commit(4, "SET TBLPROPERTIES", Map.of("properties",
                        "{\"delta.logRetentionDuration\":\"interval 1 days\"}"), Map.of()),
                        "the table's properties were changed ({\"delta.logRetentionDuration\":\"interval 1 days\"})"),
                new Attack(commit(4, "CREATE OR REPLACE TABLE AS SELECT", Map.of(), Map.of()),
                        "the table was created again or replaced"),
                new Attack(merge(4, 1, 2, 0), "a MERGE that inserted 1, updated 2 and deleted 0 rows is not an"
                        + " append"),
                new Attack(merge(4, 0, 0, 1), "a MERGE that inserted 0, updated 0 and deleted 1 rows"),
                new Attack(commit(4, "MERGE", Map.of(), Map.of()), "a MERGE whose metrics were not recorded"),
                new Attack(commit(4, "VACUUM START", Map.of("defaultRetentionMillis", "220924800000",
                        "specifiedRetentionMillis", "0"), Map.of()), "a VACUUM that deleted files younger than"),
                new Attack(commit(4, "REORG", Map.of(), Map.of()), "REORG is not one of its own commits"));
        for (Attack a : attacks) {
            AuditProblem p = only(LedgerHistory.judgeLedger("/l", plus(ledger(3), a.commit()), 3));
            assertEquals(List.of(AuditProblem.Check.HISTORY, 4L, a.commit().operation(), T.plusSeconds(4)),
                    List.of(p.check(), p.version(), p.operation(), p.at()));
            assertTrue(p.reason().startsWith(a.said()), a.said() + " / " + p.reason());
            assertTrue(p.reason().contains("the ledger only ever commits its creation (version 0, CREATE TABLE AS"
                    + " SELECT) and one MERGE per append"), p.reason());
            assertTrue(p.describe().startsWith("history of /l: version 4, " + a.commit().operation() + " at "
                    + T.plusSeconds(4) + ": "), p.describe());
        }
    }

    @Test
    void a_history_that_no_longer_starts_at_the_creation_or_has_a_gap_cannot_be_judged_and_says_so() {
        AuditProblem late = only(LedgerHistory.judgeLedger("/l", ledger(5).subList(2, 6), 5));
        assertTrue(late.reason().startsWith("the history begins at version 2 (" + T.plusSeconds(2) + "), not at the"
                + " ledger's creation"), late.reason());
        List<LedgerCommit> gap = new ArrayList<>(ledger(5));
        gap.remove(3);
        AuditProblem hole = only(LedgerHistory.judgeLedger("/l", gap, 5));
        assertTrue(hole.reason().startsWith("the history has no commit for version 3"), hole.reason());
        AuditProblem notCreated = only(LedgerHistory.judgeLedger("/l", plus(List.of(commit(0, "CREATE TABLE",
                Map.of(), Map.of())), merge(1, 1, 1, 0)), 1));
        assertEquals(0L, notCreated.version());
        assertTrue(notCreated.reason().startsWith("version 0 is not the ledger's creation"), notCreated.reason());
    }

    @Test
    void appends_and_records_must_add_up_when_every_commit_is_the_ledgers_own() {
        AuditProblem p = only(LedgerHistory.judgeLedger("/l", ledger(3), 2));
        assertTrue(p.reason().startsWith("the history holds 3 appends since the ledger was created, but the ledger"
                + " holds 2 records"), p.reason());
    }

    @Test
    void the_anchor_takes_its_creation_append_only_and_blind_appends_and_nothing_else() {
        List<LedgerCommit> anchor = List.of(
                commit(0, "CREATE TABLE", Map.of("properties", "{\"delta.appendOnly\":\"true\","
                        + "\"delta.logRetentionDuration\":\"interval 2557 days\"}"), Map.of()),
                commit(1, "WRITE", Map.of("mode", "Append"), Map.of("numOutputRows", "1")),
                commit(2, "WRITE", Map.of("mode", "Append"), Map.of("numOutputRows", "1")));
        assertEquals(List.of(), LedgerHistory.judgeAnchor("/a", anchor, 2));
        AuditProblem unset = only(LedgerHistory.judgeAnchor("/a", plus(anchor, commit(3, "SET TBLPROPERTIES",
                Map.of("properties", "{\"delta.appendOnly\":\"false\"}"), Map.of())), 2));
        assertTrue(unset.reason().contains("the anchor only ever commits its creation (version 0, CREATE TABLE) and"
                + " appends (WRITE, mode Append)"), unset.reason());
        AuditProblem overwritten = only(LedgerHistory.judgeAnchor("/a", plus(anchor, commit(3, "WRITE",
                Map.of("mode", "Overwrite"), Map.of())), 2));
        assertTrue(overwritten.reason().startsWith("the table was overwritten"), overwritten.reason());
        AuditProblem writable = only(LedgerHistory.judgeAnchor("/a", List.of(commit(0, "CREATE TABLE",
                Map.of("properties", "{}"), Map.of())), 0));
        assertTrue(writable.reason().startsWith("the anchor was created without delta.appendOnly = true"),
                writable.reason());
    }
}

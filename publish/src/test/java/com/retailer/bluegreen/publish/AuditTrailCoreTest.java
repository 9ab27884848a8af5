package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import com.retailer.bluegreen.publish.memory.InMemoryCatalog;
import com.retailer.bluegreen.publish.memory.InMemoryControlStore;
import com.retailer.bluegreen.publish.memory.InMemoryLedgerAnchor;
import com.retailer.bluegreen.publish.memory.InMemoryLedgerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit trail cannot be quietly rewritten (issue 9), on in-memory ports, no Spark: each test performs an attack
 * on the ledger, or a fault, and asserts that {@code audit verify} ({@link LedgerAudit}) detects it and that
 * promotion and rollback refuse where they must. The same attacks on real Delta tables: {@code AuditTrailSparkTest}.
 */
class AuditTrailCoreTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Contract CONTRACT = Contract.of(List.of(
            Contract.View.of("orders", "orders", "order_id", "STRING", "amount", "BIGINT")));
    private static final PipelineLayout LAYOUTS = new PipelineLayout(new ReleaseLayout("p", "main", "/lake"),
            new ColourLayout("p", Colour.BLUE, 1, "main", "/ckpt", "/lake"),
            new ColourLayout("p", Colour.GREEN, 1, "main", "/ckpt", "/lake"));

    private final InMemoryControlStore control = new InMemoryControlStore();
    private final InMemoryLedgerStore ledger = new InMemoryLedgerStore();
    private final InMemoryLedgerAnchor anchor = ledger.anchor();
    private final InMemoryCatalog catalog = new InMemoryCatalog()
            .table("main.p_blue.orders", "order_id", "STRING", "amount", "BIGINT")
            .table("main.p_green.orders", "order_id", "STRING", "amount", "BIGINT");

    private Release release() {
        return new Release(control, ledger, catalog, LAYOUTS, CONTRACT, 1, Admission.unguarded("audit test"));
    }

    private AuditVerdict verify() {
        return LedgerAudit.verify(ledger, control);
    }

    /** Blue, a gate report, green, a rollback to blue: four records, epochs 1 to 3. */
    private List<AuditRecord> fourRecords() {
        Release r = release();
        r.promote(Colour.BLUE, "r-1", "ci:alice", "sha");
        r.recordGateReport(Colour.GREEN, "r-2", "ci:alice", "sha", Map.of(), "{\"passed\":true}", Instant.now());
        r.promote(Colour.GREEN, "r-2", "ci:alice", "sha");
        r.rollback("ci:oncall", "sha");
        List<AuditRecord> records = ledger.read().records();
        assertEquals(4, records.size());
        return records;
    }

    private static ReleaseRefusedException refusedAsBroken(Runnable action) {
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, action::run);
        assertEquals(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, e.reason(), e.getMessage());
        assertEquals(ErrorCode.AUDIT_CHAIN_BROKEN, e.code());
        return e;
    }

    private static List<String> operations(List<AuditProblem> problems) {
        return problems.stream().map(AuditProblem::operation).toList();
    }

    // ---- legitimate appends ----

    @Test
    void every_record_is_anchored_after_its_commit_and_legitimate_appends_verify() {
        List<AuditRecord> records = fourRecords();
        assertEquals(records.stream().map(r -> r.sequence() + ":" + r.hash()).toList(),
                anchor.entries().stream().map(e -> e.sequence() + ":" + e.hash()).toList());
        assertTrue(anchor.entries().stream().allMatch(e -> e.note() == null), "every record anchored by its own run");
        AuditVerdict v = verify();
        assertTrue(v.valid(), v.findings().toString());
        assertEquals(new VerifyResult.Valid(4, records.get(3).hash()), v.chain());
        assertEquals(List.of("CREATE TABLE AS SELECT", "MERGE", "MERGE", "MERGE", "MERGE"),
                ledger.history().stream().map(LedgerCommit::operation).toList());
        // Maintenance that leaves the data as it is stays valid.
        ledger.commit("OPTIMIZE", Map.of(), Map.of("numRemovedFiles", "4", "numAddedFiles", "1"));
        assertTrue(verify().valid(), verify().findings().toString());
    }

    // ---- attacks on the ledger table ----

    @Test
    void deleting_the_last_record_and_rewriting_the_head_keeps_the_chain_whole_but_is_detected_and_refused() {
        List<AuditRecord> records = fourRecords();
        List<AuditRecord> three = records.subList(0, 3);
        ledger.tamper(three, ledger.read().heads(), "DELETE", Map.of("numDeletedRows", "1"));
        ledger.tamper(three, List.of(new LedgerHead(3, records.get(2).hash())), "UPDATE",
                Map.of("numUpdatedRows", "1"));
        assertEquals(new VerifyResult.Valid(3, records.get(2).hash()), ledger.read().verify(),
                "the table alone verifies: that is the attack");

        AuditVerdict v = verify();
        assertFalse(v.valid());
        List<AuditProblem> history = v.problems(AuditProblem.Check.HISTORY);
        assertEquals(List.of("DELETE", "UPDATE"), operations(history));
        assertEquals(List.of(5L, 6L), history.stream().map(AuditProblem::version).toList());
        assertTrue(history.stream().allMatch(p -> p.at() != null));
        assertTrue(history.get(0).describe().startsWith("history of memory:ledger: version 5, DELETE at "),
                history.get(0).describe());
        AuditProblem truncated = v.problems(AuditProblem.Check.ANCHOR).get(0);
        assertTrue(truncated.reason().startsWith("the ledger ends at record 3 but the anchor holds records up to 4"),
                truncated.reason());

        ReleaseRefusedException e = refusedAsBroken(() -> release().rollback("ci:oncall", "sha"));
        assertTrue(e.getMessage().contains("does not match its anchor"), e.getMessage());
        refusedAsBroken(() -> release().promote(Colour.GREEN, "r-3", "ci", "sha"));
        assertEquals(3, control.desired().epoch(), "nothing proposed");
    }

    @Test
    void recomputing_every_hash_after_an_edit_verifies_as_a_chain_but_not_against_the_anchor() {
        List<AuditRecord> records = fourRecords();
        List<AuditRecord> edited = new ArrayList<>(records);
        edited.set(1, Records.with(records.get(1), "actor", "ci:mallory"));
        List<AuditRecord> forged = Records.resealed(edited);
        ledger.tamper(forged, List.of(new LedgerHead(4, forged.get(3).hash())));
        assertTrue(ledger.read().verify().valid(), "a perfect forgery of the ledger alone");

        AuditVerdict v = verify();
        AuditProblem mismatch = v.problems(AuditProblem.Check.ANCHOR).get(0);
        assertEquals(2L, mismatch.sequence());
        assertTrue(mismatch.reason().startsWith("record 2 does not match its anchor: the ledger holds hash "
                + forged.get(1).hash() + " but " + records.get(1).hash() + " was anchored"), mismatch.reason());
        assertTrue(mismatch.reason().endsWith("2 later records (records 3 to 4) do not match either"),
                mismatch.reason());
        refusedAsBroken(() -> release().planRollback());
    }

    @Test
    void a_restore_to_an_earlier_version_is_named_in_the_history_and_is_a_truncation() {
        fourRecords();
        ledger.restore(2);
        assertTrue(ledger.read().verify().valid(), "an earlier version is a valid chain");
        AuditVerdict v = verify();
        AuditProblem restore = v.problems(AuditProblem.Check.HISTORY).get(0);
        assertEquals(List.of(5L, "RESTORE"), List.of(restore.version(), restore.operation()));
        assertTrue(restore.reason().startsWith("the table was restored to version 2"), restore.reason());
        assertTrue(v.problems(AuditProblem.Check.ANCHOR).get(0).reason().contains("was truncated"));
        refusedAsBroken(() -> release().promote(Colour.GREEN, "r-3", "ci", "sha"));
    }

    @Test
    void a_schema_or_property_change_is_reported_but_does_not_hold_an_emergency_rollback_hostage() {
        fourRecords();
        ledger.commit("ADD COLUMNS", Map.of("columns", "[{\"column\":{\"name\":\"note\"}}]"), Map.of());
        ledger.commit("SET TBLPROPERTIES", Map.of("properties", "{\"delta.logRetentionDuration\":\"1 day\"}"),
                Map.of());
        AuditVerdict v = verify();
        assertEquals(List.of("ADD COLUMNS", "SET TBLPROPERTIES"), operations(v.problems()));
        assertTrue(v.problems().get(0).reason().startsWith("the table's schema was changed"));
        assertTrue(v.problems().get(1).reason().contains("delta.logRetentionDuration"));
        // The records are intact (the anchor proves it), so a release goes ahead; verify keeps naming the commits.
        assertEquals(ReleaseOutcome.Kind.PROMOTED, release().promote(Colour.GREEN, "r-3", "ci", "sha").kind());
        assertEquals(operations(v.problems()), operations(verify().problems()));
    }

    @Test
    void a_history_that_no_longer_reaches_the_creation_is_reported() {
        fourRecords();
        ledger.forgetHistoryBefore(2);
        AuditProblem p = verify().problems().get(0);
        assertEquals(AuditProblem.Check.HISTORY, p.check());
        assertTrue(p.reason().startsWith("the history begins at version 2"), p.reason());
    }

    @Test
    void records_added_around_the_ledger_are_refused_and_one_is_anchored_only_with_a_note() {
        fourRecords();
        AuditDraft forged = new AuditDraft("PROMOTE", "ci:mallory", Instant.now(), "blue", "green", 4, "r-x", "sha",
                Map.of(), null);
        ledger.append(forged, () -> { });
        ledger.append(forged, () -> { });
        AuditProblem unanchored = verify().problems(AuditProblem.Check.ANCHOR).get(0);
        assertTrue(unanchored.reason().startsWith("records 5 to 6 are not anchored"), unanchored.reason());
        refusedAsBroken(() -> release().planRollback());
    }

    // ---- a run that stops between the ledger's commit and the anchor's ----

    @Test
    void a_record_its_run_did_not_anchor_is_reported_then_anchored_by_the_next_append_with_a_note() {
        Release r = release();
        r.promote(Colour.BLUE, "r-1", "ci", "sha");
        anchor.failAppends(1);
        assertThrows(IllegalStateException.class, () -> r.promote(Colour.GREEN, "r-2", "ci", "sha"),
                "the run stops after the ledger's commit, before the anchor's");
        assertEquals(2, ledger.read().records().size());
        AuditVerdict pending = verify();
        assertEquals(List.of(AuditProblem.Check.ANCHOR), pending.problems().stream().map(AuditProblem::check)
                .toList());
        assertTrue(pending.problems().get(0).reason().startsWith("record 2 (the last, PROMOTE at "),
                pending.problems().get(0).reason());

        // Its re-run finishes the views (nothing to append); the next append anchors record 2 first.
        assertEquals(ReleaseOutcome.Kind.ALREADY_PROMOTED, r.promote(Colour.GREEN, "r-2", "ci", "sha").kind());
        r.rollback("ci:oncall", "sha");
        AnchorEntry late = anchor.entries().get(1);
        assertEquals(2, late.sequence());
        assertEquals(Ledger.LATE_NOTE, late.note());
        assertNull(anchor.entries().get(2).note());
        assertTrue(verify().valid(), verify().findings().toString());
    }

    @Test
    void an_edited_last_record_whose_anchor_entry_was_restored_away_is_not_anchored_as_pending() {
        List<AuditRecord> records = fourRecords();
        List<AuditRecord> forged = new ArrayList<>(records);
        forged.set(3, Records.with(Records.with(records.get(3), "actor", "ci:mallory"), "hash",
                Records.with(records.get(3), "actor", "ci:mallory").computedHash()));
        ledger.tamper(forged, List.of(new LedgerHead(4, forged.get(3).hash())));
        anchor.restore(3);
        assertTrue(ledger.read().verify().valid());

        AuditVerdict v = verify();
        assertTrue(v.problems(AuditProblem.Check.ANCHOR).get(0).reason().startsWith("record 4 (the last,"));
        assertTrue(operations(v.problems(AuditProblem.Check.HISTORY)).contains("RESTORE"));
        ReleaseRefusedException e = refusedAsBroken(() -> release().promote(Colour.GREEN, "r-3", "ci", "sha"));
        assertTrue(e.getMessage().contains("RESTORE"), e.getMessage());
        assertEquals(3, anchor.entries().size(), "the edited record was not anchored");
    }

    // ---- a missing, deleted or truncated ledger ----

    @Test
    void a_deleted_ledger_is_not_rebuilt_from_the_control_tables_history() {
        fourRecords();
        ledger.drop();
        ReleaseRefusedException e = refusedAsBroken(() -> release().rollback("ci:oncall", "sha"));
        assertTrue(e.getMessage().contains("there is no audit ledger at 'memory:ledger', but the control table is"
                + " at epoch 3 and the anchor 'memory:ledger_anchor' holds records up to 4"), e.getMessage());
        refusedAsBroken(() -> release().promote(Colour.GREEN, "r-3", "ci", "sha"));
        refusedAsBroken(() -> release().recordGateReport(Colour.GREEN, "r-3", "ci", "sha", Map.of(), "{}",
                Instant.now()));
        assertFalse(ledger.exists(), "no fresh ledger was started");

        anchor.drop();
        e = refusedAsBroken(() -> release().rollback("ci:oncall", "sha"));
        assertTrue(e.getMessage().contains("the control table is at epoch 3, so views have been published"),
                e.getMessage());
        assertFalse(ledger.exists());
        AuditProblem missing = verify().problems().get(0);
        assertEquals(AuditProblem.Check.MISSING, missing.check());
        assertTrue(missing.reason().startsWith("there is no ledger, but the control table is at epoch 3"),
                missing.reason());
    }

    @Test
    void a_deleted_ledger_and_anchor_at_epoch_one_is_refused_once_a_view_was_published() {
        release().promote(Colour.BLUE, "r-1", "ci", "sha");
        ledger.drop();
        anchor.drop();
        refusedAsBroken(() -> release().promote(Colour.BLUE, "r-1", "ci", "sha"));
        assertFalse(ledger.exists());
    }

    @Test
    void the_first_promotion_whose_run_died_before_recording_is_still_completed_by_its_rerun() {
        Release r = release();
        r.propose(r.read().desired(), Colour.BLUE, "r-1", "ci");
        assertFalse(ledger.exists(), "no ledger, epoch 1, no view published yet: the run died before recording");
        assertEquals(ReleaseOutcome.Kind.ALREADY_PROMOTED, r.promote(Colour.BLUE, "r-1", "ci", "sha").kind());
        assertTrue(verify().valid(), verify().findings().toString());
    }

    @Test
    void a_ledger_and_anchor_truncated_together_are_not_rebuilt_from_the_control_tables_history() {
        List<AuditRecord> records = fourRecords();
        List<AuditRecord> one = records.subList(0, 1);
        ledger.tamper(one, List.of(new LedgerHead(1, records.get(0).hash())), "DELETE", Map.of());
        anchor.tamper(anchor.entries().subList(0, 1), "DELETE");
        assertTrue(ledger.read().verify().valid());

        ReleaseRefusedException e = refusedAsBroken(() -> release().promote(Colour.BLUE, "r-1", "ci", "sha"));
        assertTrue(e.getMessage().contains("the control table is at epoch 3 but the audit ledger 'memory:ledger'"
                + " records epochs only up to 1"), e.getMessage());
        assertTrue(e.getMessage().contains("version 5, DELETE"), e.getMessage());
        assertEquals(1, ledger.read().records().size(), "nothing recorded");

        AuditVerdict v = verify();
        assertTrue(v.problems(AuditProblem.Check.MISSING).get(0).reason().startsWith("the control table is at"
                + " epoch 3 but the ledger records epochs only up to 1"));
        assertEquals(List.of("SET TBLPROPERTIES", "DELETE"), operations(v.problems(AuditProblem.Check.HISTORY)
                .stream().filter(p -> p.location().equals(anchor.location())).toList()));
    }

    @Test
    void epochs_whose_runs_died_are_still_recorded_from_the_control_tables_history_when_the_audit_is_clean() {
        Release r = release();
        DesiredState one = r.promote(Colour.BLUE, "r-1", "ci", "sha").now();
        DesiredState two = r.propose(one, Colour.GREEN, "r-2", "ci:first");
        r.propose(two, Colour.GREEN, "r-3", "ci:second");
        assertEquals(List.of(AuditProblem.Check.MISSING), verify().problems().stream().map(AuditProblem::check)
                .toList(), "two unrecorded epochs are reported while they are");

        assertEquals(ReleaseOutcome.Kind.ALREADY_PROMOTED, r.promote(Colour.GREEN, "r-3", "ci", "sha").kind());
        assertEquals(List.of(1L, 2L, 3L), ledger.read().records().stream().map(AuditRecord::epoch).toList());
        assertTrue(verify().valid(), verify().findings().toString());
    }

    @Test
    void a_ledger_whose_anchor_was_deleted_is_refused() {
        fourRecords();
        anchor.drop();
        ReleaseRefusedException e = refusedAsBroken(() -> release().rollback("ci:oncall", "sha"));
        assertTrue(e.getMessage().contains("its anchor 'memory:ledger_anchor'"), e.getMessage());
        assertTrue(verify().problems(AuditProblem.Check.ANCHOR).get(0).reason().startsWith("there is no anchor"));
    }

    @Test
    void no_ledger_and_nothing_saying_there_should_be_one_is_a_configuration_problem() {
        AuditLedgerException e = assertThrows(AuditLedgerException.class, this::verify);
        assertEquals(ErrorCode.BAD_CONFIG, e.code());
    }

    // ---- the identity ----

    @Test
    void a_target_requiring_a_trusted_identity_refuses_the_os_user_and_every_record_names_its_actors_source()
            throws Exception {
        Release strict = release().requireTrustedIdentity(true);
        for (String untrusted : List.of("os-user:jdoe", "jdoe")) {
            ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                    () -> strict.promote(Colour.BLUE, "r-1", untrusted, "sha"));
            assertEquals(ReleaseRefusedException.Reason.UNTRUSTED_IDENTITY, e.reason());
            assertEquals(ErrorCode.BAD_CONFIG, e.code());
            assertTrue(e.getMessage().contains("publish.requireTrustedIdentity = true"), e.getMessage());
        }
        assertFalse(control.exists(), "nothing written");
        strict.promote(Colour.BLUE, "r-1", "BLUEGREEN_ACTOR:svc-release", "sha");
        assertThrows(ReleaseRefusedException.class, () -> strict.rollback("os-user:jdoe", "sha"));
        assertThrows(ReleaseRefusedException.class, () -> strict.execute(strict.planPromotion(Colour.GREEN, "r-2", "sha"),
                "os-user:jdoe", "sha"));
        strict.promote(Colour.GREEN, "r-2", "GITHUB_ACTOR:octocat", "sha");
        release().rollback("os-user:jdoe", "sha"); // a target that does not require it: recorded as what it is

        List<String> sources = new ArrayList<>();
        for (AuditRecord r : ledger.read().records()) {
            sources.add(JSON.readTree(r.details()).get("actorSource").asText());
        }
        assertEquals(List.of("BLUEGREEN_ACTOR", "GITHUB_ACTOR", "os-user"), sources);
    }
}

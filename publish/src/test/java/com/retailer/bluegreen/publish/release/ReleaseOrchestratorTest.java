package com.retailer.bluegreen.publish.release;

import static com.retailer.bluegreen.publish.release.ReleaseHarness.ALICE;
import static com.retailer.bluegreen.publish.release.ReleaseHarness.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.ColourJobs;
import com.retailer.bluegreen.publish.ReleaseState;
import com.retailer.bluegreen.publish.release.BakeProbe.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The release state machine on in-memory ports and a fake clock, no Spark: a release from plan to COMPLETED, the
 * approval rules, one release at a time, the bake's automatic rollback and its rules (consecutive breaches,
 * inconclusive samples), abort and emergency rollback. Expected outcomes come from the and the package's
 * description of the states (the ledger's step list, the views' colours), not from the code's own output.
 */
class ReleaseOrchestratorTest {
    private static final List<String> TO_APPROVAL = List.of("PLANNED", "PLANNED->DEPLOYING",
            "DEPLOYING->CATCHING_UP", "CATCHING_UP->VALIDATING", "VALIDATING->AWAITING_APPROVAL");

    private final ReleaseHarness h = new ReleaseHarness();

    private static List<String> plus(List<String> a, String... more) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    private static Map<String, String> views(String servedBy) {
        return Map.of("orders", servedBy, "stock", servedBy);
    }

    private static int code(Runnable r) {
        return assertThrows(BlueGreenException.class, r::run).code().exitStatus();
    }

    @Test
    void a_plan_names_candidate_generation_bootstrap_gates_bake_and_approvers_and_changes_nothing() {
        List<String> before = h.actions();
        ReleaseSpec spec = h.spec("r-2", false);

        assertEquals(List.of(Colour.BLUE, "r-1", Colour.GREEN, 2L), List.of(spec.live(), spec.liveRelease(),
                spec.candidate(), spec.generation()));
        String text = spec.describe();
        assertTrue(text.contains("deploy green generation 2 (the idle colour), its tables shallow-cloned from blue"),
                text);
        assertTrue(text.contains("reconciliation: 0 rows differ"), text);
        assertTrue(text.contains("approval by group release-approvers, never the author (GITHUB_ACTOR:alice)"), text);
        assertTrue(text.contains("bake 2 min, sampled every 10 s"), text);
        assertTrue(text.contains("3 consecutive breaching samples of a check, alive 2 switch every view back to blue"),
                text);
        assertTrue(text.contains("possible while Kafka retains its offsets (7 d); after that, roll forward"), text);
        assertEquals(before, h.actions(), "planning records nothing");
        assertEquals(0, h.deployed.size());
    }

    @Test
    void a_good_release_waits_for_a_second_identity_then_promotes_bakes_and_completes() {
        h.production = true;
        ReleaseSpec spec = h.spec("r-2", false);
        ReleaseView waiting = h.orchestrator().start(spec);

        assertEquals(ReleaseState.AWAITING_APPROVAL, waiting.state());
        assertEquals(TO_APPROVAL, h.steps("r-2"));
        assertEquals(views("blue r-1"), h.serving(), "nothing is promoted without approval");
        assertEquals(List.of("green g2 CUT sha-2"), h.deployed, "the artifact that planned it");
        assertTrue(h.console.stream().anyMatch(l -> l.equals("green catching up: 50,000 records behind,"
                + " 10,000 records/s, ETA 5 s")), h.console.toString());
        assertTrue(h.console.stream().anyMatch(l -> l.contains("waits for approval: release approve --release-id"
                + " r-2")), h.console.toString());

        // The author may not approve; nor may the same person under another identity source.
        assertEquals(ErrorCode.APPROVAL_REFUSED.exitStatus(), code(() -> h.orchestrator().approve("r-2", ALICE)));
        assertEquals(ErrorCode.APPROVAL_REFUSED.exitStatus(), code(() -> h.orchestrator()
                .approve("r-2", new Actor(Actor.RUN_AS, "ALICE"))));
        // An operating-system user is refused where trusted identities are required.
        assertEquals(ErrorCode.APPROVAL_REFUSED.exitStatus(), code(() -> h.orchestrator()
                .approve("r-2", new Actor(Actor.OS_USER, "carol"))));
        assertEquals(TO_APPROVAL, h.steps("r-2"), "refused approvals record nothing");

        h.orchestrator().approve("r-2", BOB);
        h.orchestrator().approve("r-2", BOB);
        assertEquals(plus(TO_APPROVAL, "APPROVED by GITHUB_ACTOR:bob"), h.steps("r-2"), "approving twice: once");
        assertEquals(views("blue r-1"), h.serving(), "approval alone promotes nothing");

        ReleaseView done = h.orchestrator().resume();
        assertEquals(ReleaseState.COMPLETED, done.state());
        assertEquals(plus(TO_APPROVAL, "APPROVED by GITHUB_ACTOR:bob", "AWAITING_APPROVAL->BAKING", "BAKING->COMPLETED"),
                h.steps("r-2"));
        assertEquals(views("green r-2"), h.serving());
        assertEquals(ColourJobs.State.STOPPED, h.jobs.state(Colour.BLUE), "the old colour is stopped at the end");
        assertEquals(ColourJobs.State.RUNNING, h.jobs.state(Colour.GREEN));
        assertEquals(13, h.samples, "2 min of 10 s samples: at 0, 10, ..., 120 s");
        assertEquals(1, h.actions().stream().filter("PROMOTE"::equals).count() - 1, "one promotion beside r-1's");
        assertTrue(h.ledgerStore.read().verify().valid());
        assertEquals(List.of(), h.alerts);
        String timeline = done.timeline();
        assertTrue(timeline.startsWith("Release r-2 (green generation 2 replacing blue): COMPLETED"), timeline);
        assertTrue(timeline.contains("approved in AWAITING_APPROVAL"), timeline);
    }

    @Test
    void a_catch_up_line_gives_an_eta_only_at_a_rate_of_at_least_a_record_a_second() {
        assertEquals("green catching up: 20,504 records behind, 0 records/s", ReleaseOrchestrator.progressLine(
                Colour.GREEN, CatchUpProbe.Progress.behind(20_504, 0.4)));
        assertEquals("green catching up: 3,000 records behind, 150 records/s, ETA 20 s", ReleaseOrchestrator
                .progressLine(Colour.GREEN, CatchUpProbe.Progress.behind(3_000, 150)));
    }

    @Test
    void one_release_at_a_time_and_a_release_id_names_one_release() {
        h.orchestrator().start(h.spec("r-2", false));

        BlueGreenException second = assertThrows(BlueGreenException.class,
                () -> h.orchestrator().start(h.spec("r-3", false)));
        assertEquals(ErrorCode.RELEASE_IN_PROGRESS, second.code());
        assertTrue(second.getMessage().startsWith("Release r-2 is open, in state AWAITING_APPROVAL (green"
                + " generation 2, started by GITHUB_ACTOR:alice)."), second.getMessage());
        assertEquals(List.of(), h.steps("r-3"));
        BlueGreenException byHand = assertThrows(BlueGreenException.class,
                () -> ReleaseView.requireNoOpenRelease(h.release()));
        assertEquals(ErrorCode.RELEASE_IN_PROGRESS, byHand.code(), "no promotion by hand around the approval");
        assertTrue(byHand.getMessage().startsWith("Promotion by hand refused: release r-2 is open"), byHand.getMessage());

        h.orchestrator().abort("r-2", "wrong artifact");
        ReleaseView.requireNoOpenRelease(h.release());
        assertEquals(ErrorCode.BAD_CONFIG, assertThrows(BlueGreenException.class,
                () -> h.orchestrator().start(h.spec("r-2", false))).code(), "an id is used once");
        assertEquals(ReleaseState.AWAITING_APPROVAL, h.orchestrator().start(h.spec("r-3", false)).state());
    }

    @Test
    void automatic_approval_is_recorded_as_such() {
        ReleaseView done = h.orchestrator().start(h.spec("r-2", true));

        assertEquals(ReleaseState.COMPLETED, done.state());
        ReleaseStep approval = done.approval().orElseThrow();
        assertEquals("BLUEGREEN_ACTOR:release-bot", approval.actor());
        assertTrue(approval.evidence().get("automatic").asBoolean());
        assertTrue(approval.reason().contains("autoApprove"), approval.reason());
    }

    @Test
    void a_candidate_that_degrades_during_bake_is_rolled_back_automatically_after_consecutive_breaches() {
        h.bake = n -> n >= 4 ? ReleaseHarness.with("quality", Verdict.BREACH, "7.5% failing") : ReleaseHarness.passing();
        ReleaseView v = h.orchestrator().start(h.spec("r-2", true));

        assertEquals(ReleaseState.ROLLED_BACK, v.state());
        assertEquals(6, h.samples, "breaches at samples 4, 5, 6: three in a row roll back");
        assertEquals(views("blue r-1"), h.serving());
        assertEquals(ColourJobs.State.RUNNING, h.jobs.state(Colour.GREEN), "the candidate is left for diagnosis");
        assertEquals(ColourJobs.State.RUNNING, h.jobs.state(Colour.BLUE));
        AlertSink.Alert alert = h.alerts.get(0);
        assertEquals(AlertSink.Severity.CRITICAL, alert.severity());
        assertEquals("release r-2 rolling back automatically", alert.title(), "paged before the switch");
        assertEquals("release r-2 rolled back automatically", h.alerts.get(1).title());
        assertEquals(2, h.alerts.size());
        ReleaseStep last = v.lastTransition();
        assertTrue(last.reason().startsWith("automatic rollback: quality breached 3 consecutive samples (7.5% failing;"
                + " limit 0.1% + 0.5%)"), last.reason());
        assertEquals(20.0, last.evidence().get("secondsFromFirstBreachToViewsSwitched").asDouble(),
                "first breach at the 4th sample, the views switched at the 6th, 10 s apart");
        assertEquals(List.of("PROMOTE", "PROMOTE", "ROLLBACK"), h.actions().stream()
                .filter(a -> a.equals("PROMOTE") || a.equals("ROLLBACK")).toList());
        assertEquals(plus(TO_APPROVAL, "APPROVED by BLUEGREEN_ACTOR:release-bot", "AWAITING_APPROVAL->BAKING",
                "BAKING->ROLLED_BACK"), h.steps("r-2"));
    }

    @Test
    void a_breach_that_recovers_does_not_roll_back_and_a_check_may_need_fewer_breaches() {
        h.bake = n -> n == 2 || n == 3 ? ReleaseHarness.with("freshness", Verdict.BREACH, "140 s")
                : n == 5 ? ReleaseHarness.with("alive", Verdict.BREACH, "no heartbeat for 45 s")
                : ReleaseHarness.passing();
        assertEquals(ReleaseState.COMPLETED, h.orchestrator().start(h.spec("r-2", true)).state());

        ReleaseHarness other = new ReleaseHarness();
        other.bake = n -> n >= 5 ? ReleaseHarness.with("alive", Verdict.BREACH, "no heartbeat for 45 s")
                : ReleaseHarness.passing();
        assertEquals(ReleaseState.ROLLED_BACK, other.orchestrator().start(other.spec("r-2", true)).state());
        assertEquals(6, other.samples, "alive rolls back after 2");
    }

    @Test
    void an_inconclusive_sample_alerts_never_counts_as_a_pass_and_holds_the_end_of_the_bake() {
        // Breach, inconclusive, breach, breach: the inconclusive sample does not break the streak.
        h.bake = n -> switch (n) {
            case 3, 5, 6 -> ReleaseHarness.with("reconciliation", Verdict.BREACH, "1,204 rows differ");
            case 4 -> ReleaseHarness.with("reconciliation", Verdict.INCONCLUSIVE, "blue's table unreadable");
            default -> ReleaseHarness.passing();
        };
        assertEquals(ReleaseState.ROLLED_BACK, h.orchestrator().start(h.spec("r-2", true)).state());
        assertEquals(6, h.samples);
        assertEquals(AlertSink.Severity.WARNING, h.alerts.get(0).severity());
        assertTrue(h.alerts.get(0).title().contains("inconclusive: reconciliation"), h.alerts.get(0).title());

        // Inconclusive at the end of the window: the release keeps baking until a conclusive passing sample.
        ReleaseHarness late = new ReleaseHarness();
        late.bake = n -> n >= 13 && n <= 15 ? ReleaseHarness.with("freshness", Verdict.INCONCLUSIVE, "no batch yet")
                : ReleaseHarness.passing();
        assertEquals(ReleaseState.COMPLETED, late.orchestrator().start(late.spec("r-2", true)).state());
        assertEquals(16, late.samples, "samples 13 to 15 (window over) were inconclusive; 16 passed");
        assertEquals(1, late.alerts.size(), "one alert for three inconclusive samples in a row");
    }

    @Test
    void failed_gates_and_a_candidate_that_never_catches_up_abort_before_any_view_moves() {
        h.verdict = new GateRunner.Verdict(false, "reconciliation FAIL: 12 rows differ", "{\"passed\":false}");
        ReleaseView failed = h.orchestrator().start(h.spec("r-2", true));
        assertEquals(ReleaseState.ABORTED, failed.state());
        assertTrue(failed.lastTransition().reason().startsWith("gates failed: reconciliation FAIL"));
        assertEquals(views("blue r-1"), h.serving());
        assertEquals(ColourJobs.State.RUNNING, h.jobs.state(Colour.GREEN), "left running for diagnosis");
        assertEquals(1, h.alerts.size());

        ReleaseHarness slow = new ReleaseHarness();
        slow.behind = List.of(-1L, 90_000L);
        ReleaseView stuck = slow.orchestrator().start(slow.spec("r-2", true));
        assertEquals(ReleaseState.ABORTED, stuck.state());
        assertEquals(121, slow.polls, "10 min of 5 s polls: at 0, 5, ..., 600 s");
        assertTrue(stuck.lastTransition().reason().startsWith("green did not catch up within 10 min (green catching"
                + " up: 90,000 records behind"), stuck.lastTransition().reason());
        assertTrue(slow.console.contains("green catching up: not measured yet (no batch committed yet)"));
        assertEquals(views("blue r-1"), slow.serving());
    }

    @Test
    void abort_during_catch_up_stops_the_release_and_abort_after_promotion_is_refused() {
        h.behind = List.of(90_000L);
        h.duringPoll = n -> {
            if (n == 3) {
                h.orchestrator(BOB).abort("r-2", "the bootstrap picked the wrong cut");
            }
        };
        ReleaseView v = h.orchestrator().start(h.spec("r-2", true));
        assertEquals(ReleaseState.ABORTED, v.state());
        assertEquals(List.of("PLANNED", "PLANNED->DEPLOYING", "DEPLOYING->CATCHING_UP", "CATCHING_UP->ABORTED"),
                h.steps("r-2"));
        assertEquals("aborted by GITHUB_ACTOR:bob: the bootstrap picked the wrong cut", v.lastTransition().reason());
        assertEquals(3, h.polls, "the orchestrator stops once it sees the abort");
        assertEquals(views("blue r-1"), h.serving());
        assertEquals(ColourJobs.State.RUNNING, h.jobs.state(Colour.GREEN));

        ReleaseHarness baking = new ReleaseHarness();
        baking.duringSample = n -> {
            if (n == 2) {
                BlueGreenException e = assertThrows(BlueGreenException.class,
                        () -> baking.orchestrator(BOB).abort("r-2", "late"));
                assertEquals(ErrorCode.ILLEGAL_TRANSITION, e.code());
                assertTrue(e.getMessage().contains("Switch the views back with rollback"), e.getMessage());
            }
        };
        assertEquals(ReleaseState.COMPLETED, baking.orchestrator().start(baking.spec("r-2", true)).state());
    }

    @Test
    void a_run_whose_release_moved_meanwhile_records_nothing() {
        h.duringValidation = () -> h.orchestrator(BOB).abort("r-2", "stop it");
        BlueGreenException lost = assertThrows(BlueGreenException.class,
                () -> h.orchestrator().start(h.spec("r-2", true)));
        assertEquals(ErrorCode.LOST_RACE, lost.code());
        assertTrue(lost.getMessage().startsWith("Release r-2 moved from VALIDATING to ABORTED while this run was"
                + " working on it."), lost.getMessage());
        assertEquals(List.of("PLANNED", "PLANNED->DEPLOYING", "DEPLOYING->CATCHING_UP", "CATCHING_UP->VALIDATING",
                "VALIDATING->ABORTED"), h.steps("r-2"), "the abort won; the gates' verdict is not recorded");
        assertEquals(views("blue r-1"), h.serving());
    }

    @Test
    void an_emergency_rollback_during_bake_marks_the_release_rolled_back_once() {
        h.duringSample = n -> {
            if (n == 3) {
                h.release().rollback(BOB.toString(), "sha-2");
            }
        };
        ReleaseView v = h.orchestrator().start(h.spec("r-2", true));

        assertEquals(ReleaseState.ROLLED_BACK, v.state());
        assertEquals(views("blue r-1"), h.serving());
        assertTrue(v.lastTransition().reason().contains("switched to blue at epoch 3 by GITHUB_ACTOR:bob (rollback)"),
                v.lastTransition().reason());
        assertEquals(1, h.actions().stream().filter("ROLLBACK"::equals).count(), "no second rollback");
        assertEquals(List.of(), h.alerts, "an operator's rollback is not an alert");
    }

    @Test
    void the_emergency_rollback_of_a_release_whose_run_died_in_bake_marks_it_rolled_back_by_the_operator() {
        h.crashAt = "sampled";
        assertThrows(ReleaseHarness.Crash.class, () -> h.orchestrator().start(h.spec("r-2", true)));
        assertEquals(ReleaseState.BAKING, h.orchestrator().view("r-2").state());
        assertEquals(views("green r-2"), h.serving());

        h.release().rollback(BOB.toString(), "sha-2");
        ReleaseView marked = h.orchestrator(BOB).noteRollback().orElseThrow();

        assertEquals(ReleaseState.ROLLED_BACK, marked.state());
        assertTrue(h.orchestrator(BOB).noteRollback().isEmpty(), "a second rollback finds no open release");
        assertEquals(BOB.toString(), marked.lastTransition().actor(), "recorded by the operator who rolled back");
        assertTrue(marked.lastTransition().reason().contains("switched to blue at epoch 3 by GITHUB_ACTOR:bob"),
                marked.lastTransition().reason());
        assertEquals(views("blue r-1"), h.serving());
        assertTrue(h.orchestrator().open().isEmpty(), "nothing left to resume");
        assertEquals(plus(TO_APPROVAL, "APPROVED by BLUEGREEN_ACTOR:release-bot",
                "AWAITING_APPROVAL->BAKING", "BAKING->ROLLED_BACK"), h.steps("r-2"));
    }

    @Test
    void the_emergency_rollback_leaves_a_release_not_yet_promoted_to_its_own_commands() {
        h.orchestrator().start(h.spec("r-2", false));
        assertEquals(ReleaseState.AWAITING_APPROVAL, h.orchestrator(BOB).noteRollback().orElseThrow().state());
        assertEquals(TO_APPROVAL, h.steps("r-2"), "nothing recorded");
    }

    @Test
    void automatic_approval_is_refused_in_production_and_a_plan_made_before_a_switch_is_refused() {
        h.production = true;
        BlueGreenException auto = assertThrows(BlueGreenException.class,
                () -> h.orchestrator().start(h.spec("r-2", true)));
        assertEquals(ErrorCode.BAD_CONFIG, auto.code());
        assertTrue(auto.getMessage().contains("release.approval.auto"), auto.getMessage());

        ReleaseSpec stale = h.spec("r-2", false);
        h.release().promote(Colour.GREEN, "r-x", ALICE.toString(), "sha");
        BlueGreenException outdated = assertThrows(BlueGreenException.class, () -> h.orchestrator().start(stale));
        assertEquals(ErrorCode.LOST_RACE, outdated.code());
        assertTrue(outdated.getMessage().contains("but the views now serve green (release r-x)"),
                outdated.getMessage());
        assertEquals(List.of(), h.steps("r-2"), "nothing recorded");
    }

    @Test
    void a_release_whose_promotion_is_recorded_cannot_be_aborted_even_before_baking() {
        h.crashAt = "view:1";  // the run dies in the middle of the promotion's view switches
        assertThrows(ReleaseHarness.Crash.class, () -> h.orchestrator().start(h.spec("r-2", true)));
        assertEquals(ReleaseState.AWAITING_APPROVAL, h.orchestrator().view("r-2").state());
        BlueGreenException e = assertThrows(BlueGreenException.class,
                () -> h.orchestrator(BOB).abort("r-2", "it looked stuck"));
        assertEquals(ErrorCode.ILLEGAL_TRANSITION, e.code());
        assertEquals(ReleaseState.COMPLETED, h.orchestrator().resume().state(), "the resume finishes it");
        assertEquals(views("green r-2"), h.serving());
    }

    @Test
    void a_gate_report_that_ages_out_while_waiting_for_approval_is_replaced_before_the_promotion() {
        h.orchestrator().start(h.spec("r-2", false));
        h.orchestrator().approve("r-2", BOB);
        int before = h.validations;
        h.expiredReportOnce = true;
        assertEquals(ReleaseState.COMPLETED, h.orchestrator().resume().state());
        assertEquals(before + 1, h.validations, "the gates ran again");
    }

    @Test
    void an_unreadable_release_step_stops_the_release_commands() {
        h.ledgerStore.append(new com.retailer.bluegreen.publish.AuditDraft("RELEASE", "ci:x",
                java.time.Instant.parse("2026-12-05T10:00:00Z"), null, "green", 1, "r-7", "sha", Map.of(),
                "{\"release\":{\"kind\":\"TELEPORT\",\"to\":\"PLANNED\"}}"), () -> { });
        BlueGreenException e = assertThrows(BlueGreenException.class, () -> h.orchestrator().releases());
        assertEquals(ErrorCode.AUDIT_CHAIN_BROKEN, e.code());
        assertTrue(e.getMessage().startsWith("Audit record 2 is a release step this artifact cannot read"),
                e.getMessage());
    }

    @Test
    void a_release_needs_a_live_colour_to_keep_warm() {
        ReleaseHarness fresh = new ReleaseHarness(false);
        BlueGreenException e = assertThrows(BlueGreenException.class, () -> fresh.spec("r-1", true));
        assertEquals(ErrorCode.NOTHING_TO_ROLL_BACK, e.code());
        assertTrue(e.getMessage().contains("Publish the first colour with promote"), e.getMessage());
        assertFalse(fresh.ledgerStore.exists(), "nothing recorded");
    }
}

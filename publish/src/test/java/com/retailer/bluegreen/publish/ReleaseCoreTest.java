package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import com.retailer.bluegreen.publish.memory.InMemoryCatalog;
import com.retailer.bluegreen.publish.memory.InMemoryControlStore;
import com.retailer.bluegreen.publish.memory.InMemoryLedgerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The release core on in-memory ports, no Spark: the plans of a promotion and of a rollback, every refusal, and the
 * decisions a re-run makes after a run died between any two steps (the steps of {@link Release}'s javadoc). Expected
 * outcomes are written from that javadoc, not read back from the code.
 */
class ReleaseCoreTest {
    private static final Contract CONTRACT = Contract.of(List.of(
            Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "BIGINT",
                    "avg_basket", "DOUBLE"),
            Contract.View.of("orders", "orders", "order_id", "STRING", "amount", "BIGINT"),
            Contract.View.of("stock", "inventory_on_hand", "sku", "STRING", "on_hand", "BIGINT")));
    private static final List<String> VIEWS = List.of("daily_revenue", "orders", "stock");
    private static final PipelineLayout LAYOUTS = new PipelineLayout(new ReleaseLayout("p", "main", "/lake"),
            new ColourLayout("p", Colour.BLUE, 1, "main", "/ckpt", "/lake"),
            new ColourLayout("p", Colour.GREEN, 1, "main", "/ckpt", "/lake"));

    private final InMemoryControlStore control = new InMemoryControlStore();
    private final InMemoryLedgerStore ledger = new InMemoryLedgerStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog()
            .table("main.p_blue.daily_revenue", "day", "DATE", "revenue", "INT")
            .table("main.p_blue.orders", "order_id", "STRING", "amount", "BIGINT")
            .table("main.p_blue.inventory_on_hand", "sku", "STRING", "on_hand", "BIGINT")
            .table("main.p_green.daily_revenue", "day", "DATE", "revenue", "BIGINT", "avg_basket", "DOUBLE")
            .table("main.p_green.orders", "order_id", "STRING", "amount", "BIGINT")
            .table("main.p_green.inventory_on_hand", "sku", "STRING", "on_hand", "BIGINT");

    private Release release() {
        return release(view -> { });
    }

    private Release release(Consumer<String> beforeViewSwitch) {
        return new Release(control, ledger, catalog, LAYOUTS, CONTRACT, 1, Admission.unguarded("core test"))
                .withViewSwitchHook(beforeViewSwitch);
    }

    private void assertServing(Colour colour, String releaseId) {
        PublishedViews.read(catalog, LAYOUTS, VIEWS).values().forEach(s -> {
            assertEquals(Optional.of(colour), s.colour(), s.view() + ": " + s.text());
            assertEquals(Optional.of(releaseId), s.releaseId(), s.view() + ": " + s.text());
        });
    }

    private List<String> recorded() {
        return ledger.read().records().stream().map(r -> r.action() + " " + r.toColour() + " " + r.epoch()).toList();
    }

    // ---- plans ----

    @Test
    void a_promotion_plan_names_its_epoch_every_view_it_switches_and_its_record_and_changes_nothing() {
        ReleasePlan plan = release().planPromotion(Colour.BLUE, "r-1", "sha");

        assertEquals(List.of("PROMOTE", false, Colour.BLUE, "r-1", 1L), List.of(plan.action(), plan.resume(),
                plan.colour(), plan.releaseId(), plan.epoch()));
        assertEquals(VIEWS, plan.stale(), "no view exists yet: all are to be created");
        assertEquals("SELECT CAST(day AS DATE) AS day, CAST(revenue AS BIGINT) AS revenue, CAST(NULL AS DOUBLE) AS"
                + " avg_basket, 'r-1' AS release_id FROM main.p_blue.daily_revenue", plan.selects().get("daily_revenue"),
                "blue lacks avg_basket: a typed NULL");
        assertEquals(Map.of("main.p_blue.daily_revenue", 0L, "main.p_blue.orders", 0L,
                "main.p_blue.inventory_on_hand", 0L), plan.tableVersions());
        assertEquals(Map.of("kind", "unguarded", "reason", "core test"), plan.admission());
        assertEquals(List.of(), plan.recovered());
        String text = plan.describe();
        assertTrue(text.startsWith("Plan: promote blue (release r-1) at epoch 1, replacing nothing."), text);
        assertTrue(text.contains("views to switch: daily_revenue, orders, stock"), text);
        assertTrue(text.endsWith("Nothing was changed (dry run)."), text);
        assertFalse(control.exists(), "planning creates nothing");
        assertFalse(ledger.exists());
        assertEquals(0, catalog.viewStatements());
    }

    @Test
    void executing_a_promotion_proposes_the_epoch_records_it_then_switches_every_view() {
        Release r = release();
        ReleaseOutcome o = r.execute(r.planPromotion(Colour.BLUE, "r-1", "sha"), "ci:alice", "sha-1");

        assertEquals(ReleaseOutcome.Kind.PROMOTED, o.kind());
        assertEquals(1, o.now().epoch());
        assertEquals(VIEWS, List.copyOf(o.switched().keySet()));
        assertServing(Colour.BLUE, "r-1");
        assertEquals(List.of("PROMOTE blue 1"), recorded());
        AuditRecord record = ledger.read().records().get(0);
        assertEquals(List.of("ci:alice", "sha-1", "r-1"), List.of(record.actor(), record.gitSha(), record.releaseId()));
        assertTrue(record.details().matches(".*\"admission\":\\{[^}]*\"kind\":\"unguarded\".*"), record.details());
        assertTrue(ledger.read().verify().valid());
    }

    @Test
    void a_rollback_plan_returns_to_the_release_the_other_colour_last_served_at_a_new_epoch() {
        Release r = release();
        r.promote(Colour.BLUE, "r-1", "ci", "sha");
        r.promote(Colour.GREEN, "r-2", "ci", "sha");

        ReleasePlan plan = r.planRollback();
        assertEquals(List.of("ROLLBACK", false, Colour.BLUE, "r-1", 3L), List.of(plan.action(), plan.resume(),
                plan.colour(), plan.releaseId(), plan.epoch()));
        assertEquals(VIEWS, plan.stale());
        assertTrue(plan.describe().startsWith("Plan: roll back to blue (release r-1) at epoch 3, replacing green"
                + " (release r-2, epoch 2)."), plan.describe());

        ReleaseOutcome o = r.execute(plan, "ci:oncall", "sha");
        assertEquals(ReleaseOutcome.Kind.ROLLED_BACK, o.kind());
        assertServing(Colour.BLUE, "r-1");
        assertEquals(List.of("PROMOTE blue 1", "PROMOTE green 2", "ROLLBACK blue 3"), recorded());
    }

    // ---- refusals: each before anything is written ----

    @Test
    void nothing_to_roll_back_to_is_refused_and_creates_nothing() {
        ReleaseRefusedException none = assertThrows(ReleaseRefusedException.class, () -> release().planRollback());
        assertEquals(ReleaseRefusedException.Reason.NOTHING_TO_ROLL_BACK, none.reason());
        release().promote(Colour.BLUE, "r-1", "ci", "sha");
        ReleaseRefusedException never = assertThrows(ReleaseRefusedException.class, () -> release().planRollback());
        assertTrue(never.getMessage().contains("green has never served them"), never.getMessage());
        assertEquals(1, control.commits());
    }

    @Test
    void a_promotion_the_gates_do_not_admit_or_whose_tables_break_the_contract_changes_nothing() {
        Release gated = new Release(control, ledger, catalog, LAYOUTS, CONTRACT, 1, (promotion, reports, now) -> {
            throw ReleaseRefusedException.notValidated("no gate report for " + promotion.to().id());
        });
        assertEquals(ReleaseRefusedException.Reason.NOT_VALIDATED, assertThrows(ReleaseRefusedException.class,
                () -> gated.promote(Colour.GREEN, "r-2", "ci", "sha")).reason());
        catalog.drop("main.p_green.orders");
        ContractViolationException missing = assertThrows(ContractViolationException.class,
                () -> release().planPromotion(Colour.GREEN, "r-2", "sha"));
        assertTrue(missing.getMessage().contains("no table main.p_green.orders"), missing.getMessage());
        assertFalse(control.exists());
        assertFalse(ledger.exists());
        assertEquals(0, catalog.viewStatements());
    }

    @Test
    void a_broken_audit_chain_refuses_every_action() {
        release().promote(Colour.BLUE, "r-1", "ci", "sha");
        release().promote(Colour.GREEN, "r-2", "ci", "sha");
        List<AuditRecord> records = ledger.read().records();
        ledger.tamper(List.of(Records.with(records.get(0), "actor", "mallory"), records.get(1)),
                ledger.read().heads());
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> release().planRollback());
        assertEquals(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, e.reason());
        assertThrows(ReleaseRefusedException.class, () -> release().planPromotion(Colour.BLUE, "r-3", "sha"));
        assertEquals(2, control.commits(), "nothing proposed");
    }

    // ---- crash and resume: the steps of Release's javadoc ----

    @Test
    void died_before_proposing_nothing_was_written_and_the_rerun_plans_the_same_new_epoch() {
        ReleasePlan first = release().planPromotion(Colour.BLUE, "r-1", "sha");
        // the run died here: a plan writes nothing
        ReleasePlan rerun = release().planPromotion(Colour.BLUE, "r-1", "sha");
        assertEquals(List.of(false, 1L), List.of(rerun.resume(), rerun.epoch()));
        assertEquals(first.selects(), rerun.selects());
    }

    @Test
    void died_between_proposing_and_recording_only_that_promotion_may_go_on_and_its_rerun_records_it_once() {
        Release r = release();
        r.promote(Colour.BLUE, "r-1", "ci", "sha");
        r.propose(r.read().desired(), Colour.GREEN, "r-2", "ci:first-run");

        ReleaseRefusedException busy = assertThrows(ReleaseRefusedException.class,
                () -> r.planPromotion(Colour.BLUE, "r-9", "sha"));
        assertEquals(ReleaseRefusedException.Reason.IN_PROGRESS, busy.reason());
        assertTrue(busy.getMessage().contains("re-running promote --to green --release-id r-2"), busy.getMessage());

        ReleasePlan resume = r.planPromotion(Colour.GREEN, "r-2", "sha");
        assertEquals(List.of(true, 2L, List.of(2L)), List.of(resume.resume(), resume.epoch(), resume.recovered()));
        assertEquals(VIEWS, resume.stale());
        assertTrue(resume.describe().startsWith("Plan: complete the unfinished promotion to green (release r-2) at"
                + " epoch 2."), resume.describe());
        ReleaseOutcome o = r.execute(resume, "ci:rerun", "sha");
        assertEquals(ReleaseOutcome.Kind.ALREADY_PROMOTED, o.kind());
        assertTrue(o.resumed());
        assertServing(Colour.GREEN, "r-2");
        assertEquals(List.of("PROMOTE blue 1", "PROMOTE green 2"), recorded());
        assertTrue(ledger.read().records().get(1).details().contains("\"recovered\":{\"recordedBy\":\"ci:rerun\""));
    }

    @Test
    void died_after_recording_before_the_views_the_rerun_switches_them_without_a_second_record() {
        Release r = release();
        DesiredState one = r.promote(Colour.BLUE, "r-1", "ci", "sha").now();
        DesiredState two = r.propose(one, Colour.GREEN, "r-2", "ci");
        r.record(r.draft("PROMOTE", two, one, Map.of(), EffectiveContract.merge(Optional.of(CONTRACT), CONTRACT,
                true), "sha", null));

        ReleasePlan resume = r.planPromotion(Colour.GREEN, "r-2", "sha");
        assertEquals(List.of(true, List.of()), List.of(resume.resume(), resume.recovered()));
        ReleaseOutcome o = r.execute(resume, "ci", "sha");
        assertEquals(ReleaseOutcome.Kind.ALREADY_PROMOTED, o.kind());
        assertTrue(o.resumed(), "views were switched");
        assertEquals(VIEWS, List.copyOf(o.switched().keySet()));
        assertEquals(List.of("PROMOTE blue 1", "PROMOTE green 2"), recorded());
    }

    @Test
    void died_half_way_through_switching_the_rerun_switches_only_the_views_still_stale() {
        release().promote(Colour.BLUE, "r-1", "ci", "sha");
        AtomicBoolean crash = new AtomicBoolean(true);
        Release dying = release(view -> {
            if (view.equals("orders") && crash.get()) {
                throw new IllegalStateException("simulated crash");
            }
        });
        assertThrows(IllegalStateException.class, () -> dying.promote(Colour.GREEN, "r-2", "ci", "sha"));
        crash.set(false);

        ReleasePlan resume = release().planPromotion(Colour.GREEN, "r-2", "sha");
        assertEquals(List.of("orders", "stock"), resume.stale(), "daily_revenue was switched before the crash");
        ReleaseOutcome o = release().execute(resume, "ci", "sha");
        assertEquals(List.of("orders", "stock"), List.copyOf(o.switched().keySet()));
        assertServing(Colour.GREEN, "r-2");

        int statements = catalog.viewStatements();
        ReleaseOutcome again = release().promote(Colour.GREEN, "r-2", "ci", "sha");
        assertEquals(ReleaseOutcome.Kind.ALREADY_PROMOTED, again.kind());
        assertFalse(again.resumed());
        assertEquals(Map.of(), again.switched());
        assertEquals(statements, catalog.viewStatements(), "a finished action re-run changes nothing");
        assertEquals(List.of("PROMOTE blue 1", "PROMOTE green 2"), recorded());
    }

    @Test
    void a_rollback_whose_run_died_after_proposing_is_completed_by_its_rerun_not_toggled() {
        Release r = release();
        r.promote(Colour.BLUE, "r-1", "ci", "sha");
        r.promote(Colour.GREEN, "r-2", "ci", "sha");
        r.propose(r.read().desired(), Colour.BLUE, "r-1", "ci:oncall");

        ReleasePlan plan = r.planRollback();
        assertEquals(List.of("ROLLBACK", true, Colour.BLUE, 3L), List.of(plan.action(), plan.resume(),
                plan.colour(), plan.epoch()));
        assertEquals(ReleaseOutcome.Kind.ALREADY_ROLLED_BACK, r.execute(plan, "ci:oncall", "sha").kind());
        assertServing(Colour.BLUE, "r-1");
        assertEquals(List.of("PROMOTE blue 1", "PROMOTE green 2", "ROLLBACK blue 3"), recorded());
    }

    @Test
    void a_rollback_during_an_unrecorded_promotion_records_that_promotion_first_then_its_own_epoch() {
        Release r = release();
        r.promote(Colour.BLUE, "r-1", "ci", "sha");
        r.propose(r.read().desired(), Colour.GREEN, "r-2", "ci:promoter");

        ReleasePlan plan = r.planRollback();
        assertEquals(List.of(false, Colour.BLUE, "r-1", 3L, List.of(2L)), List.of(plan.resume(), plan.colour(),
                plan.releaseId(), plan.epoch(), plan.recovered()));
        r.execute(plan, "ci:oncall", "sha");
        assertEquals(List.of("PROMOTE blue 1", "PROMOTE green 2", "ROLLBACK blue 3"), recorded());
        assertServing(Colour.BLUE, "r-1");
    }

    @Test
    void a_rollback_issued_while_a_promotion_switches_views_wins_on_every_view() {
        release().promote(Colour.BLUE, "r-1", "ci", "sha");
        AtomicBoolean rolledBack = new AtomicBoolean();
        Release promoter = release(view -> {
            if (view.equals("orders") && rolledBack.compareAndSet(false, true)) {
                assertEquals(ReleaseOutcome.Kind.ROLLED_BACK, release().rollback("ci:oncall", "sha").kind());
            }
        });
        SupersededException e = assertThrows(SupersededException.class,
                () -> promoter.promote(Colour.GREEN, "r-2", "ci", "sha"));
        assertEquals(List.of(2L, 3L), List.of(e.epoch(), e.currentEpoch()));
        assertServing(Colour.BLUE, "r-1");
        assertEquals(List.of("PROMOTE blue 1", "PROMOTE green 2", "ROLLBACK blue 3"), recorded());
    }

    @Test
    void a_plan_overtaken_by_another_action_changes_nothing_when_executed() {
        Release r = release();
        ReleasePlan stale = r.planPromotion(Colour.BLUE, "r-1", "sha");
        r.promote(Colour.GREEN, "r-2", "ci", "sha");
        assertThrows(ConcurrentPromotionException.class, () -> r.execute(stale, "ci", "sha"));
        assertServing(Colour.GREEN, "r-2");
        assertEquals(List.of("PROMOTE green 1"), recorded());
    }

    @Test
    void of_two_concurrent_promotions_exactly_one_wins_and_the_other_changes_nothing() throws Exception {
        CyclicBarrier bothRead = new CyclicBarrier(2);
        control.beforeCommit(() -> {
            try {
                bothRead.await(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<ReleaseOutcome> won = new ArrayList<>();
        List<Throwable> lost = new ArrayList<>();
        try {
            List<Future<ReleaseOutcome>> racers = List.of(
                    pool.submit(() -> release().promote(Colour.BLUE, "r-blue", "ci", "sha")),
                    pool.submit(() -> release().promote(Colour.GREEN, "r-green", "ci", "sha")));
            for (Future<ReleaseOutcome> f : racers) {
                try {
                    won.add(f.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    lost.add(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, won.size());
        assertInstanceOf(ConcurrentPromotionException.class, lost.get(0));
        assertServing(won.get(0).now().colour(), won.get(0).now().releaseId());
        assertEquals(1, recorded().size(), "the loser recorded nothing");
    }

    // ---- issue 9: interlocks in the core ----

    @Test
    void views_published_by_another_control_table_are_refused_before_anything_is_written() {
        release().promote(Colour.BLUE, "r-1", "ci", "sha");
        InMemoryControlStore otherControl = new InMemoryControlStore("memory:another-control");
        InMemoryLedgerStore otherLedger = new InMemoryLedgerStore();
        Release impostor = new Release(otherControl, otherLedger, catalog, LAYOUTS, CONTRACT, 1,
                Admission.unguarded("core test"));
        com.retailer.bluegreen.errors.BlueGreenException e = assertThrows(
                com.retailer.bluegreen.errors.BlueGreenException.class,
                () -> impostor.promote(Colour.GREEN, "r-2", "ci", "sha"));
        assertEquals(com.retailer.bluegreen.errors.ErrorCode.NOT_OWNER, e.code());
        assertTrue(e.getMessage().contains("is published by the control table at memory:control"), e.getMessage());
        assertFalse(otherControl.exists(), "nothing proposed in the other control table");
        assertFalse(otherLedger.exists(), "nothing recorded in the other ledger");
        assertServing(Colour.BLUE, "r-1");
    }

    @Test
    void a_view_a_late_alter_left_on_the_wrong_colour_is_found_stale_and_reconciled() {
        Release r = release();
        r.promote(Colour.BLUE, "r-1", "ci", "sha");
        r.promote(Colour.GREEN, "r-2", "ci", "sha");
        // A superseded run's ALTER that landed after its process died: orders back on blue.
        catalog.alterView("main.p.orders", "SELECT CAST(order_id AS STRING) AS order_id, CAST(amount AS BIGINT) AS"
                + " amount, 'r-1' AS release_id FROM main.p_blue.orders");

        ReleasePlan plan = r.planReconcile().orElseThrow();
        assertEquals(List.of("PROMOTE", true, Colour.GREEN, "r-2", List.of("orders")), List.of(plan.action(),
                plan.resume(), plan.colour(), plan.releaseId(), plan.stale()));
        ReleaseOutcome o = r.execute(plan, "ci:oncall", "sha");
        assertEquals(List.of("orders"), List.copyOf(o.switched().keySet()));
        assertServing(Colour.GREEN, "r-2");
        assertEquals(List.of("PROMOTE blue 1", "PROMOTE green 2"), recorded(), "a reconcile records no epoch");
        assertTrue(new Release(new InMemoryControlStore(), new InMemoryLedgerStore(), catalog, LAYOUTS, CONTRACT, 1,
                Admission.unguarded("x")).planReconcile().isEmpty(), "nothing published: nothing to reconcile");
    }

    @Test
    void a_maintenance_record_is_kept_in_the_chain_but_is_no_epoch() {
        Release r = release();
        r.promote(Colour.BLUE, "r-1", "ci", "sha");
        r.recordMaintenance(Colour.GREEN, "ci:ops", "sha", "{\"operation\":\"VACUUM\",\"forced\":true}",
                java.time.Instant.now());
        r.promote(Colour.GREEN, "r-2", "ci", "sha");
        assertEquals(List.of("PROMOTE blue 1", "MAINTENANCE green 1", "PROMOTE green 2"), recorded());
        assertEquals(ReleaseOutcome.Kind.ROLLED_BACK, r.rollback("ci", "sha").kind(), "epochs unaffected");
        assertTrue(ledger.read().verify().valid());
    }
}

package com.retailer.bluegreen.publish.release;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.Admission;
import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.PublishedViews;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.memory.ForwardingLedgerStore;
import com.retailer.bluegreen.publish.memory.InMemoryCatalog;
import com.retailer.bluegreen.publish.memory.InMemoryColourJobs;
import com.retailer.bluegreen.publish.memory.InMemoryControlStore;
import com.retailer.bluegreen.publish.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The release state machine's world in memory: the release core on in-memory ports, colour jobs, and scripted
 * deployer, catch-up, gates and bake probes, on a fake clock. A {@link Crash} can be armed at any named point (after
 * a port did its work, after the n-th ledger append, at the n-th wait), as a process dying there would.
 */
final class ReleaseHarness {
    static final Contract CONTRACT = Contract.of(List.of(
            Contract.View.of("orders", "orders", "order_id", "STRING", "amount", "BIGINT"),
            Contract.View.of("stock", "inventory_on_hand", "sku", "STRING", "on_hand", "BIGINT")));
    static final List<String> VIEWS = List.of("orders", "stock");
    static final PipelineLayout LAYOUTS = new PipelineLayout(new ReleaseLayout("p", "main", "/lake"),
            new ColourLayout("p", Colour.BLUE, 1, "main", "/ckpt", "/lake"),
            new ColourLayout("p", Colour.GREEN, 1, "main", "/ckpt", "/lake"));
    static final Actor ORCHESTRATOR = new Actor(Actor.RUN_AS, "release-bot");
    static final Actor ALICE = new Actor(Actor.GITHUB, "alice");
    static final Actor BOB = new Actor(Actor.GITHUB, "bob");

    /** A process dying at an armed point. */
    static final class Crash extends Error {
        Crash(String where) {
            super("crash " + where, null, false, false);
        }
    }

    final InMemoryControlStore control = new InMemoryControlStore();
    final InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore();
    final CrashingLedger ledger = new CrashingLedger(ledgerStore);
    final InMemoryCatalog catalog = new InMemoryCatalog()
            .table("main.p_blue.orders", "order_id", "STRING", "amount", "BIGINT")
            .table("main.p_blue.inventory_on_hand", "sku", "STRING", "on_hand", "BIGINT")
            .table("main.p_green.orders", "order_id", "STRING", "amount", "BIGINT")
            .table("main.p_green.inventory_on_hand", "sku", "STRING", "on_hand", "BIGINT");
    final InMemoryColourJobs jobs = new InMemoryColourJobs();
    final List<String> console = new ArrayList<>();
    final List<AlertSink.Alert> alerts = new ArrayList<>();
    final List<String> deployed = new ArrayList<>();
    Instant now = Instant.parse("2026-12-05T10:00:00Z");
    /** Records behind, by catch-up poll (the last repeats). */
    List<Long> behind = List.of(50_000L, 20_000L, 0L);
    int polls;
    GateRunner.Verdict verdict = new GateRunner.Verdict(true, "schema PASS; reconciliation PASS; freshness PASS;"
            + " quality PASS", "{\"passed\":true}");
    int validations;
    /** The bake sample by its number (1 for the first, across runs). */
    Function<Integer, List<BakeProbe.Check>> bake = n -> passing();
    int samples;
    /** Runs at the start of each bake sample, after its number was counted (an operator acting meanwhile). */
    java.util.function.IntConsumer duringSample = n -> { };
    /** Runs while the gates run (another process acting meanwhile). */
    Runnable duringValidation = () -> { };
    /** Runs at each catch-up poll. */
    java.util.function.IntConsumer duringPoll = n -> { };
    /** Where the next crash happens: a point's name, or {@code append:n}, {@code sleep:n}, {@code view:n}. */
    String crashAt = "";
    int sleeps;
    int viewSwitches;
    /** Whether approvals by the operating-system user and automatic approval are refused (production). */
    boolean production;
    /** Whether the next promotion finds the candidate's gate report too old (once). */
    boolean expiredReportOnce;

    ReleaseHarness() {
        this(true);
    }

    /** With blue serving release r-1 and running when {@code published}, else nothing published. */
    ReleaseHarness(boolean published) {
        if (published) {
            release().promote(Colour.BLUE, "r-1", ALICE.toString(), "sha-1");
            jobs.start(Colour.BLUE);
        }
        ledger.appends = 0;
        viewSwitches = 0;
    }

    static List<BakeProbe.Check> passing() {
        return List.of(new BakeProbe.Check("freshness", BakeProbe.Verdict.PASS, "40 s", "90 s"),
                new BakeProbe.Check("quality", BakeProbe.Verdict.PASS, "0.1% failing", "0.1% + 0.5%"),
                new BakeProbe.Check("reconciliation", BakeProbe.Verdict.PASS, "0 rows differ", "0 rows"),
                new BakeProbe.Check("alive", BakeProbe.Verdict.PASS, "heartbeat 3 s ago", "30 s"));
    }

    static List<BakeProbe.Check> with(String check, BakeProbe.Verdict verdict, String measured) {
        List<BakeProbe.Check> checks = new ArrayList<>();
        for (BakeProbe.Check c : passing()) {
            checks.add(c.check().equals(check) ? new BakeProbe.Check(check, verdict, measured, c.limit()) : c);
        }
        return checks;
    }

    static ReleasePolicy policy(boolean autoApprove) {
        return new ReleasePolicy(Duration.ofMinutes(10), Duration.ofSeconds(5), 100, Duration.ofMinutes(2),
                Duration.ofSeconds(10), Map.of("alive", 2), 3, autoApprove, "group release-approvers",
                Duration.ofDays(7));
    }

    Release release() {
        Admission admission = (promotion, reports, at) -> {
            if (expiredReportOnce) {
                expiredReportOnce = false;
                throw com.retailer.bluegreen.publish.ReleaseRefusedException.notValidated("The latest gate report is"
                        + " older than gates.maxReportAge.");
            }
            return Map.of("kind", "harness");
        };
        return new Release(control, ledger, catalog, LAYOUTS, CONTRACT, 1, admission)
                .withViewSwitchHook(view -> crash("view:" + ++viewSwitches));
    }

    ReleaseOrchestrator orchestrator() {
        return orchestrator(ORCHESTRATOR);
    }

    ReleaseOrchestrator orchestrator(Actor actor) {
        Ticker ticker = new Ticker() {
            @Override
            public Instant now() {
                return now;
            }

            @Override
            public void sleep(Duration d) {
                now = now.plus(d);
                crash("sleep:" + ++sleeps);
            }
        };
        CandidateDeployer deployer = (candidate, generation, bootstrap, gitSha) -> {
            deployed.add(candidate.id() + " g" + generation + " " + bootstrap + " " + gitSha);
            jobs.stop(candidate);
            jobs.start(candidate);
            crash("deployed");
            return "{\"generation\":" + generation + "}";
        };
        CatchUpProbe catchUp = candidate -> {
            int n = ++polls;
            duringPoll.accept(n);
            long b = behind.get(Math.min(n, behind.size()) - 1);
            return b < 0 ? CatchUpProbe.Progress.unknown("no batch committed yet")
                    : CatchUpProbe.Progress.behind(b, 10_000);
        };
        GateRunner gates = (candidate, releaseId, sha, who) -> {
            validations++;
            duringValidation.run();
            crash("validated");
            return verdict;
        };
        BakeProbe probe = (candidate, old, since) -> {
            int n = ++samples;
            duringSample.accept(n);
            List<BakeProbe.Check> checks = bake.apply(n);
            crash("sampled");
            return checks;
        };
        AlertSink sink = alerts::add;
        return new ReleaseOrchestrator(new ReleaseOrchestrator.Ports(release(), jobs, deployer, catchUp, gates,
                probe, sink, ticker, console::add), actor, "sha-2", production);
    }

    ReleaseSpec spec(String releaseId, boolean autoApprove) {
        return orchestrator(ALICE).plan(releaseId, 2, CandidateDeployer.Bootstrap.CUT,
                List.of("schema: no published column removed or retyped", "reconciliation: 0 rows differ",
                        "freshness: every partition within 90 s", "quality: failing rows at most 0.5% over blue"),
                policy(autoApprove));
    }

    void crash(String point) {
        if (point.equals(crashAt)) {
            crashAt = "";
            throw new Crash(point);
        }
    }

    /** Each view's serving colour and release, as the catalog has them. */
    Map<String, String> serving() {
        Map<String, String> out = new java.util.TreeMap<>();
        PublishedViews.read(catalog, LAYOUTS, VIEWS).forEach((view, s) ->
                out.put(view, s.colour().map(Colour::id).orElse("-") + " " + s.releaseId().orElse("-")));
        return out;
    }

    /** Every release step's transition (or approval) for {@code releaseId}, in ledger order. */
    List<String> steps(String releaseId) {
        return ledgerStore.read().records().stream().map(ReleaseStep::of).flatMap(Optional::stream)
                .filter(s -> s.releaseId().equals(releaseId))
                .map(s -> s.kind() == ReleaseStep.Kind.APPROVAL ? "APPROVED by " + s.actor()
                        : (s.from() == null ? "" : s.from() + "->") + s.to())
                .toList();
    }

    /** The actions of the audit records, in ledger order. */
    List<String> actions() {
        return ledgerStore.read().records().stream().map(AuditRecord::action).toList();
    }

    /** The ledger store, dying right after its n-th append commits when {@code crashAt} is {@code append:n}. */
    final class CrashingLedger extends ForwardingLedgerStore {
        int appends;

        CrashingLedger(InMemoryLedgerStore store) {
            super(store);
        }

        @Override
        public AuditRecord append(AuditDraft draft, Runnable beforeCommit) {
            AuditRecord r = super.append(draft, beforeCommit);
            crash("append:" + ++appends);
            return r;
        }
    }
}

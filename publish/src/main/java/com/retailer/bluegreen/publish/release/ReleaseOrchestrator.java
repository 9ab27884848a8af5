package com.retailer.bluegreen.publish.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.ColourJobs;
import com.retailer.bluegreen.publish.DesiredState;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.ReleaseOutcome;
import com.retailer.bluegreen.publish.ReleasePlan;
import com.retailer.bluegreen.publish.ReleaseState;
import com.retailer.bluegreen.publish.release.AlertSink.Alert;
import com.retailer.bluegreen.publish.release.AlertSink.Severity;
import com.retailer.bluegreen.publish.release.BakeProbe.Check;
import com.retailer.bluegreen.publish.release.BakeProbe.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs releases: plan, start, resume, approve, abort, and the bake with its automatic rollback. Plain Java over its
 * ports; the state of every release is its steps in the audit ledger ({@link ReleaseView}).
 *
 * <h2>Crash safety</h2>
 * The orchestrator may die at any point; {@link #resume} (or {@link #start} again with the same plan) continues from
 * the recorded state. Each state's work is idempotent (the deployer resumes its bootstrap, the gates judge again,
 * a promotion already recorded for the release is never made again, a rollback is made only while the views serve
 * the candidate), and each transition is recorded only if the release is still in the state it leaves, so two runs
 * never record one transition twice and never both move a release. A bake resumed after a crash keeps its window
 * (it starts at the recorded promotion); its count of consecutive breaches starts again, which delays a rollback by
 * at most that many samples and never causes one.
 */
public final class ReleaseOrchestrator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ports ports;
    private final Actor actor;
    private final String gitSha;
    private final boolean requireTrustedApprover;

    /**
     * The outside world a release acts on.
     *
     * @param release  promotion, rollback, the publication and the audit ledger
     * @param jobs     start, stop and state of each colour's job
     * @param console  progress lines (catch-up, samples, waits), one per call
     */
    public record Ports(Release release, ColourJobs jobs, CandidateDeployer deployer, CatchUpProbe catchUp,
                        GateRunner gates, BakeProbe bake, AlertSink alerts, Ticker ticker, Consumer<String> console) {
    }

    /**
     * @param actor                  this process's identity, recorded on every step it takes
     * @param gitSha                 the git SHA of the running artifact, recorded on every step
     * @param requireTrustedApprover whether approvals by the operating-system user are refused (production)
     */
    public ReleaseOrchestrator(Ports ports, Actor actor, String gitSha, boolean requireTrustedApprover) {
        this.ports = ports;
        this.actor = actor;
        this.gitSha = gitSha;
        this.requireTrustedApprover = requireTrustedApprover;
    }

    // ---- reading ----

    /** Every release in the audit ledger, by id, oldest first. */
    public Map<String, ReleaseView> releases() {
        return ReleaseView.all(ports.release().records(ReleaseStep.ACTION));
    }

    /** The release {@code releaseId}. */
    public ReleaseView view(String releaseId) {
        ReleaseView v = releases().get(releaseId);
        if (v == null) {
            throw ReleaseErrors.noRelease(releaseId);
        }
        return v;
    }

    /** The open release, if any. */
    public Optional<ReleaseView> open() {
        return releases().values().stream().filter(v -> !v.state().isFinal()).reduce((a, b) -> b);
    }

    /**
     * What releasing {@code releaseId} now would do: the idle colour as candidate, its generation and bootstrap, the
     * gates, the bake and approval rules. Reads only.
     *
     * @throws com.retailer.bluegreen.errors.BlueGreenException if the views serve no colour yet
     */
    public ReleaseSpec plan(String releaseId, long generation, CandidateDeployer.Bootstrap bootstrap,
                            List<String> gates, ReleasePolicy policy) {
        Release.requireReleaseId(releaseId);
        DesiredState d = ports.release().publication().desired();
        if (d.colour() == null) {
            throw ReleaseErrors.nothingLive();
        }
        return new ReleaseSpec(releaseId, actor.toString(), gitSha, d.colour(), d.releaseId(), d.colour().other(),
                generation, bootstrap, gates, policy);
    }

    // ---- commands ----

    /**
     * Starts {@code spec} and runs it as far as it goes without a person: to AWAITING_APPROVAL (unless the policy
     * approves it), else through bake to COMPLETED, ROLLED_BACK or ABORTED. Started again with the same id while it
     * is open, it resumes it.
     *
     * @throws com.retailer.bluegreen.errors.BlueGreenException {@code RELEASE_IN_PROGRESS} when another release is
     *                                                          open; {@code BAD_CONFIG} when the id was used
     */
    public ReleaseView start(ReleaseSpec spec) {
        if (spec.policy().autoApprove() && requireTrustedApprover) {
            throw ReleaseErrors.autoApproveRefused(spec.releaseId());
        }
        DesiredState now = ports.release().publication().desired();
        boolean known = releases().containsKey(spec.releaseId());
        if (!known && (now.colour() != spec.live() || !java.util.Objects.equals(now.releaseId(), spec.liveRelease()))) {
            throw ReleaseErrors.planOutdated(spec, now);
        }
        ObjectNode evidence = JSON.createObjectNode();
        evidence.set("plan", spec.toJson());
        long epoch = ports.release().publication().desired().epoch();
        AuditDraft draft = ReleaseStep.draft(spec.releaseId(), ReleaseStep.Kind.TRANSITION, null,
                ReleaseState.PLANNED, actor.toString(), ports.ticker().now(), gitSha, "planned: " + spec.candidate()
                        .id() + " generation " + spec.generation() + " to replace " + spec.live().id(), evidence,
                spec.live().id(), spec.candidate().id(), epoch);
        ports.release().recordIf(draft, records -> {
            Map<String, ReleaseView> all = ReleaseView.all(records);
            ReleaseView same = all.get(spec.releaseId());
            if (same != null) {
                if (same.state().isFinal()) {
                    throw ReleaseErrors.idTaken(same);
                }
                return Optional.of(recordOf(records, same.steps().get(0).sequence()));
            }
            Optional<ReleaseView> open = all.values().stream().filter(v -> !v.state().isFinal()).findFirst();
            if (open.isPresent()) {
                throw ReleaseErrors.inProgress(open.get());
            }
            return Optional.empty();
        });
        return run(spec.releaseId());
    }

    /** Continues the open release from its recorded state, as {@link #start} would. */
    public ReleaseView resume() {
        return run(open().orElseThrow(ReleaseErrors::nothingOpen).id());
    }

    /**
     * Records {@code approver}'s approval of {@code releaseId}, waiting in AWAITING_APPROVAL. The author's own
     * approval is refused, and so, where trusted identities are required, is the operating-system user's. Approving
     * twice changes nothing. It does not promote: {@link #resume} does.
     */
    public ReleaseView approve(String releaseId, Actor approver) {
        ReleaseView v = view(releaseId);
        requireApprovable(v, approver);
        recordApproval(v, approver, "approved by " + approver + " (" + v.spec().policy().approvers() + ")", false);
        return view(releaseId);
    }

    /**
     * Aborts {@code releaseId} before its promotion: marked ABORTED with {@code reason}; the views never left the live
     * colour; the candidate is left running for diagnosis (stop it, or start the next release, which replaces it).
     * Refused once promoted (use rollback) or over.
     */
    public ReleaseView abort(String releaseId, String reason) {
        ReleaseView v = view(releaseId);
        if (!v.state().canMoveTo(ReleaseState.ABORTED) || promotionOf(v).isPresent()
                || serves(ports.release().publication().desired(), v)) {
            // Promoted (or being promoted: a run that died mid-promotion) though not yet BAKING: the views may
            // serve the candidate, so only a rollback returns them.
            throw ReleaseErrors.abortAfterPromotion(v);
        }
        ObjectNode evidence = JSON.createObjectNode();
        evidence.put("abortedIn", v.state().name());
        return move(v, ReleaseState.ABORTED, "aborted by " + actor + ": " + reason, evidence, records -> {
            if (records.stream().anyMatch(r -> "PROMOTE".equals(r.action()) && v.id().equals(r.releaseId())
                    && v.spec().candidate().id().equals(r.toColour()))) {
                throw ReleaseErrors.abortAfterPromotion(v);
            }
        });
    }

    /**
     * After the emergency rollback: marks the open release ROLLED_BACK if it was BAKING and the views no longer serve
     * its candidate (the bake of a running orchestrator would, at its next sample; this records it now, and once).
     * A release not yet BAKING is left to {@link #resume}, which finds the views switched away as it enters the bake.
     *
     * @return the open release as it now is, if there was one
     */
    public Optional<ReleaseView> noteRollback() {
        Optional<ReleaseView> open = open();
        if (open.isEmpty() || open.get().state() != ReleaseState.BAKING) {
            return open;
        }
        ReleaseView v = open.get();
        DesiredState d = ports.release().publication().desired();
        if (serves(d, v)) {
            return open;
        }
        try {
            return Optional.of(markRolledBack(v, d));
        } catch (com.retailer.bluegreen.errors.BlueGreenException e) {
            if (e.code() != com.retailer.bluegreen.errors.ErrorCode.LOST_RACE) {
                throw e;
            }
            return Optional.of(view(v.id()));   // the bake ended it meanwhile: its record stands
        }
    }

    // ---- the run ----

    /**
     * Continues {@code releaseId} from its recorded state as far as it goes without a person; a release that is over
     * is returned as it is. What a re-run release job does: it never plans again.
     */
    public ReleaseView run(String releaseId) {
        while (true) {
            ReleaseView v = view(releaseId);
            ReleaseSpec s = v.spec();
            switch (v.state()) {
                case PLANNED -> move(v, ReleaseState.DEPLOYING, "deploying " + s.candidate().id() + " generation "
                        + s.generation() + " (" + s.bootstrap().name().toLowerCase(Locale.ROOT) + ")", null);
                case DEPLOYING -> {
                    String done = ports.deployer().deploy(s.candidate(), s.generation(), s.bootstrap(), s.gitSha());
                    move(v, ReleaseState.CATCHING_UP, s.candidate().id() + " generation " + s.generation()
                            + " deployed and running", json(done));
                }
                case CATCHING_UP -> catchUp(v);
                case VALIDATING -> validate(v);
                case AWAITING_APPROVAL -> {
                    if (!promote(v)) {
                        return view(releaseId);
                    }
                }
                case BAKING -> bake(v);
                default -> {
                    return v;
                }
            }
        }
    }

    private void catchUp(ReleaseView v) {
        ReleaseSpec s = v.spec();
        ReleasePolicy p = s.policy();
        Instant deadline = v.entered(ReleaseState.CATCHING_UP).orElseThrow().at().plus(p.catchUpTimeout());
        while (true) {
            if (view(v.id()).state() != ReleaseState.CATCHING_UP) {
                return;
            }
            CatchUpProbe.Progress progress = ports.catchUp().progress(s.candidate());
            ObjectNode evidence = JSON.createObjectNode();
            progress.recordsBehind().ifPresent(n -> evidence.put("recordsBehind", n));
            evidence.put("recordsPerSecond", progress.recordsPerSecond());
            if (progress.recordsBehind().isPresent() && progress.recordsBehind().get() <= p.caughtUpWithin()) {
                move(v, ReleaseState.VALIDATING, "caught up: " + progress.recordsBehind().get() + " records behind"
                        + " (at most " + p.caughtUpWithin() + ")", evidence);
                return;
            }
            ports.console().accept(progressLine(s.candidate(), progress));
            if (!ports.ticker().now().isBefore(deadline)) {
                String why = s.candidate().id() + " did not catch up within " + ReleaseSpec.human(p.catchUpTimeout())
                        + " (" + progressLine(s.candidate(), progress) + ")";
                alert(Severity.WARNING, v, "release " + v.id() + " aborted: " + s.candidate().id()
                        + " did not catch up", why + ". The candidate is left running for diagnosis.");
                move(v, ReleaseState.ABORTED, why, evidence);
                return;
            }
            ports.ticker().sleep(p.pollInterval());
        }
    }

    static String progressLine(Colour candidate, CatchUpProbe.Progress p) {
        if (p.recordsBehind().isEmpty()) {
            return candidate.id() + " catching up: not measured yet (" + p.problem() + ")";
        }
        long behind = p.recordsBehind().get();
        String eta = p.recordsPerSecond() >= 1 ? ", ETA " + Math.round(behind / p.recordsPerSecond()) + " s" : "";
        return String.format(Locale.ROOT, "%s catching up: %,d records behind, %,.0f records/s%s", candidate.id(),
                behind, p.recordsPerSecond(), eta);
    }

    private void validate(ReleaseView v) {
        ReleaseSpec s = v.spec();
        GateRunner.Verdict verdict = ports.gates().validate(s.candidate(), v.id(), s.gitSha(), actor.toString());
        ObjectNode evidence = JSON.createObjectNode();
        evidence.put("summary", verdict.summary());
        evidence.set("report", json(verdict.evidence()));
        if (verdict.passed()) {
            move(v, ReleaseState.AWAITING_APPROVAL, "gates passed: " + verdict.summary(), evidence);
        } else {
            alert(Severity.WARNING, v, "release " + v.id() + " aborted: gates failed", verdict.summary()
                    + ". The views stay on " + s.live().id() + "; " + s.candidate().id() + " is left running for"
                    + " diagnosis.");
            move(v, ReleaseState.ABORTED, "gates failed: " + verdict.summary(), evidence);
        }
    }

    /** Promotes an approved release and records BAKING; false while it waits for its approval. */
    private boolean promote(ReleaseView v) {
        ReleaseSpec s = v.spec();
        Optional<ReleaseStep> approval = v.approval();
        if (approval.isEmpty() && s.policy().autoApprove()) {
            recordApproval(v, actor, "approved automatically: the target's policy (autoApprove) allows it, for"
                    + " non-production targets only", true);
            approval = view(v.id()).approval();
        }
        if (approval.isEmpty()) {
            ports.console().accept("Release " + v.id() + " waits for approval: release approve --release-id "
                    + v.id() + " by " + s.policy().approvers() + " (not " + s.author() + "); the process running the"
                    + " release then resumes it.");
            return false;
        }
        Optional<AuditRecord> promoted = promotionOf(v);
        ObjectNode evidence = JSON.createObjectNode();
        if (promoted.isEmpty() || serves(ports.release().publication().desired(), v)) {
            // First promotion, or the same one again to finish what a run that died mid-way started (Release resumes
            // it: no new epoch). Once recorded and then switched away from, it is never made again.
            ReleaseOutcome o;
            try {
                o = ports.release().promote(s.candidate(), v.id(), actor.toString(), s.gitSha());
            } catch (BlueGreenException e) {
                if (e.code() != ErrorCode.NOT_VALIDATED) {
                    throw e;
                }
                // The gate report aged out while the release waited for its approval: judge the candidate again.
                ports.console().accept("Release " + v.id() + ": its gate report no longer admits the promotion ("
                        + e.getMessage() + "); running the gates again.");
                GateRunner.Verdict again = ports.gates().validate(s.candidate(), v.id(), s.gitSha(),
                        actor.toString());
                if (!again.passed()) {
                    alert(Severity.WARNING, v, "release " + v.id() + " aborted: gates failed before promotion",
                            again.summary() + ". The views stay on " + s.live().id() + ".");
                    ObjectNode failed = JSON.createObjectNode();
                    failed.put("summary", again.summary());
                    failed.set("report", json(again.evidence()));
                    move(v, ReleaseState.ABORTED, "gates failed when validated again before promotion: "
                            + again.summary(), failed);
                    return true;
                }
                o = ports.release().promote(s.candidate(), v.id(), actor.toString(), s.gitSha());
            }
            evidence.put("epoch", o.now().epoch());
            evidence.put("auditRecord", o.record().sequence());
            evidence.put("viewsSwitched", o.switched().size());
        } else {
            evidence.put("epoch", promoted.get().epoch());
            evidence.put("auditRecord", promoted.get().sequence());
            evidence.put("resumed", true);
        }
        evidence.put("approvedBy", approval.get().actor());
        move(v, ReleaseState.BAKING, "promoted " + s.candidate().id() + " at epoch " + evidence.get("epoch")
                + "; " + s.live().id() + " stays warm for " + ReleaseSpec.human(s.policy().bakeWindow()), evidence);
        return true;
    }

    /** The promotion of the release's candidate serving it, if one was recorded (by this run or one before). */
    private Optional<AuditRecord> promotionOf(ReleaseView v) {
        return ports.release().records("PROMOTE").stream()
                .filter(r -> v.spec().candidate().id().equals(r.toColour()) && v.id().equals(r.releaseId()))
                .findFirst();
    }

    private void bake(ReleaseView v) {
        ReleaseSpec s = v.spec();
        ReleasePolicy p = s.policy();
        Instant promotedAt = v.entered(ReleaseState.BAKING).orElseThrow().at();
        Instant end = promotedAt.plus(p.bakeWindow());
        Map<String, Integer> streaks = new LinkedHashMap<>();
        Map<String, Instant> firstBreach = new LinkedHashMap<>();
        Map<String, List<Check>> breaches = new LinkedHashMap<>();
        java.util.Set<String> inconclusive = new java.util.HashSet<>();
        while (true) {
            if (view(v.id()).state() != ReleaseState.BAKING) {
                return;
            }
            DesiredState d = ports.release().publication().desired();
            if (!serves(d, v)) {
                ReleasePlan rollback = ports.release().planRollback();
                if (rollback.resume()) {
                    // A rollback (this release's own from a run that died mid-way, or an operator's): finish its
                    // view switches if they are not all done. Only ever that rollback: no new epoch.
                    d = ports.release().execute(rollback, actor.toString(), gitSha).now();
                }
                markRolledBack(v, d);
                return;
            }
            Instant now = ports.ticker().now();
            List<Check> sample = sample(s, promotedAt);
            for (Check c : sample) {
                switch (c.verdict()) {
                    case PASS -> {
                        inconclusive.remove(c.check());
                        streaks.remove(c.check());
                        firstBreach.remove(c.check());
                        breaches.remove(c.check());
                    }
                    case BREACH -> {
                        inconclusive.remove(c.check());
                        streaks.merge(c.check(), 1, Integer::sum);
                        firstBreach.putIfAbsent(c.check(), now);
                        breaches.computeIfAbsent(c.check(), k -> new java.util.ArrayList<>()).add(c);
                    }
                    case INCONCLUSIVE -> {
                        // Once per check until it is conclusive again: a long outage is one alert, not one a sample.
                        if (inconclusive.add(c.check())) {
                            alert(Severity.WARNING, v, "bake sample of " + s.candidate().id() + " inconclusive: "
                                    + c.check(), c + ". It does not count as a pass; the decision waits for a"
                                    + " conclusive sample.");
                        }
                    }
                    default -> throw new IllegalStateException(c.verdict().name());
                }
            }
            List<String> tripped = streaks.entrySet().stream().filter(e -> e.getValue() >= p.breachesOf(e.getKey()))
                    .map(Map.Entry::getKey).toList();
            ports.console().accept(sampleLine(s, now, end, sample, streaks));
            if (!tripped.isEmpty()) {
                rollBack(v, tripped, firstBreach, breaches);
                return;
            }
            boolean allPass = !sample.isEmpty() && sample.stream().allMatch(c -> c.verdict() == Verdict.PASS);
            if (!now.isBefore(end) && allPass) {
                ports.jobs().stop(s.live());
                complete(v, "baked " + ReleaseSpec.human(p.bakeWindow()) + " with no breach; " + s.live().id()
                        + "'s job stopped, its tables kept");
                return;
            }
            ports.ticker().sleep(p.sampleInterval());
        }
    }

    /** Marks BAKING {@code v} ROLLED_BACK because {@code d}, a rollback not made by the bake, switched the views. */
    private ReleaseView markRolledBack(ReleaseView v, DesiredState d) {
        ObjectNode evidence = JSON.createObjectNode();
        evidence.put("epoch", d.epoch());
        evidence.put("colour", d.colour() == null ? null : d.colour().id());
        evidence.put("by", d.actor());
        return move(v, ReleaseState.ROLLED_BACK, "the views were switched to " + (d.colour() == null ? "no colour"
                : d.colour().id()) + " at epoch " + d.epoch() + " by " + d.actor() + " (rollback)", evidence);
    }

    private List<Check> sample(ReleaseSpec s, Instant since) {
        try {
            return ports.bake().sample(s.candidate(), s.live(), since);
        } catch (RuntimeException e) {
            return List.of(new Check("probe", Verdict.INCONCLUSIVE, "the probe failed: " + e.getMessage(), "a"
                    + " measurement"));
        }
    }

    private static String sampleLine(ReleaseSpec s, Instant now, Instant end, List<Check> sample,
                                     Map<String, Integer> streaks) {
        String left = now.isBefore(end) ? ReleaseSpec.human(Duration.between(now, end).withNanos(0)
                .plusSeconds(Duration.between(now, end).getNano() > 0 ? 1 : 0)) + " left" : "window over";
        return "bake " + s.candidate().id() + " (" + left + "): " + sample.stream()
                .map(c -> c.check() + " " + c.verdict() + (streaks.containsKey(c.check()) ? " x" + streaks.get(c.check())
                        + "/" + s.policy().breachesOf(c.check()) : "") + " (" + c.measured() + ")")
                .collect(Collectors.joining(", "));
    }

    private void rollBack(ReleaseView v, List<String> tripped, Map<String, Instant> firstBreach,
                          Map<String, List<Check>> breaches) {
        ReleaseSpec s = v.spec();
        Instant first = tripped.stream().map(firstBreach::get).min(Instant::compareTo).orElseThrow();
        ObjectNode evidence = JSON.createObjectNode();
        ArrayNode checks = evidence.putArray("breaches");
        for (String check : tripped) {
            ObjectNode c = checks.addObject();
            c.put("check", check);
            c.put("consecutive", breaches.get(check).size());
            c.put("firstAt", firstBreach.get(check).toString());
            ArrayNode samples = c.putArray("samples");
            breaches.get(check).forEach(b -> samples.add(b.toString()));
        }
        String breached = tripped.stream().map(c -> c + " breached " + breaches.get(c).size()
                + " consecutive samples (" + breaches.get(c).get(breaches.get(c).size() - 1).measured() + "; limit "
                + breaches.get(c).get(0).limit() + ")").collect(Collectors.joining("; "));
        DesiredState d = ports.release().publication().desired();
        boolean ours = serves(d, v);
        if (ours) {
            // Page first: a rollback that then fails must not leave a breaching candidate serving unannounced.
            alert(Severity.CRITICAL, v, "release " + v.id() + " rolling back automatically", breached
                    + "; switching every view back to " + s.live().id() + ".");
            try {
                ReleaseOutcome o = ports.release().rollback(actor.toString(), gitSha);
                evidence.put("epoch", o.now().epoch());
                evidence.put("auditRecord", o.record().sequence());
            } catch (RuntimeException e) {
                alert(Severity.CRITICAL, v, "release " + v.id() + ": automatic rollback FAILED", e.getMessage()
                        + ". " + s.candidate().id() + " still serves the views while breaching: run rollback now.");
                throw e;
            }
        } else {
            evidence.put("epoch", d.epoch());
            evidence.put("alreadyRolledBackBy", d.actor());
        }
        Instant switched = ports.ticker().now();
        double seconds = Duration.between(first, switched).toMillis() / 1000.0;
        evidence.put("firstBreachAt", first.toString());
        evidence.put("viewsSwitchedAt", switched.toString());
        evidence.put("secondsFromFirstBreachToViewsSwitched", seconds);
        String why = ours ? "automatic rollback: " + breached + String.format(Locale.ROOT, "; the views serve %s"
                + " again, %.1f s after the first breaching sample", s.live().id(), seconds)
                : breached + "; the views had already been switched back to " + s.live().id() + " by " + d.actor();
        if (ours) {
            alert(Severity.CRITICAL, v, "release " + v.id() + " rolled back automatically", why + ". "
                    + s.candidate().id() + " is left running for diagnosis.");
        }
        move(v, ReleaseState.ROLLED_BACK, why, evidence);
    }

    private void complete(ReleaseView v, String why) {
        move(v, ReleaseState.COMPLETED, why, null);
    }

    /** Whether {@code d} has the views serving the release's candidate with the release. */
    private static boolean serves(DesiredState d, ReleaseView v) {
        return d.colour() == v.spec().candidate() && v.id().equals(d.releaseId());
    }

    // ---- recording ----

    private void requireApprovable(ReleaseView v, Actor approver) {
        if (v.state() != ReleaseState.AWAITING_APPROVAL) {
            throw ReleaseErrors.notAwaitingApproval(v);
        }
        String author = Actor.parse(v.spec().author()).map(Actor::name).orElse(v.spec().author());
        if (approver.name().equalsIgnoreCase(author)) {
            throw ReleaseErrors.selfApproval(v, approver.toString());
        }
        if (requireTrustedApprover && !approver.trusted()) {
            throw ReleaseErrors.untrustedApprover(v, approver.toString());
        }
    }

    private void recordApproval(ReleaseView v, Actor approver, String reason, boolean automatic) {
        ObjectNode evidence = JSON.createObjectNode();
        evidence.put("automatic", automatic);
        evidence.put("approverSource", approver.source());
        AuditDraft draft = ReleaseStep.draft(v.id(), ReleaseStep.Kind.APPROVAL, ReleaseState.AWAITING_APPROVAL,
                ReleaseState.AWAITING_APPROVAL, approver.toString(), ports.ticker().now(), gitSha, reason, evidence,
                v.spec().live().id(), v.spec().candidate().id(), ports.release().publication().desired().epoch());
        ports.release().recordIf(draft, records -> {
            ReleaseView now = ReleaseView.all(records).get(v.id());
            if (now.approval().isPresent()) {
                return Optional.of(recordOf(records, now.approval().get().sequence()));
            }
            if (now.state() != ReleaseState.AWAITING_APPROVAL) {
                throw ReleaseErrors.notAwaitingApproval(now);
            }
            return Optional.empty();
        });
    }

    /**
     * Records {@code v}'s transition to {@code to}, if {@code v} is still in the state it was read in; returns the
     * release as it then is. A transition another run recorded meanwhile is not recorded again.
     */
    private ReleaseView move(ReleaseView v, ReleaseState to, String reason, JsonNode evidence) {
        return move(v, to, reason, evidence, records -> { });
    }

    /** {@link #move}, refused also when {@code check} throws on the records the transition would follow. */
    private ReleaseView move(ReleaseView v, ReleaseState to, String reason, JsonNode evidence,
                             Consumer<List<AuditRecord>> check) {
        ReleaseState from = v.state();
        from.requireTransition(v.id(), to);
        AuditDraft draft = ReleaseStep.draft(v.id(), ReleaseStep.Kind.TRANSITION, from, to, actor.toString(),
                ports.ticker().now(), gitSha, reason, evidence, v.spec().live().id(), v.spec().candidate().id(),
                ports.release().publication().desired().epoch());
        ports.release().recordIf(draft, records -> {
            ReleaseView now = ReleaseView.all(records).get(v.id());
            ReleaseStep last = now.lastTransition();
            if (last.to() == to && last.from() == from) {
                return Optional.of(recordOf(records, last.sequence()));
            }
            if (last.to() != from) {
                throw ReleaseErrors.movedMeanwhile(v.id(), from, last.to());
            }
            check.accept(records);
            return Optional.empty();
        });
        ports.console().accept("Release " + v.id() + ": " + from + " → " + to + ": " + reason);
        return view(v.id());
    }

    private void alert(Severity severity, ReleaseView v, String title, String text) {
        ports.console().accept("ALERT " + severity + ": " + title + ": " + text);
        ports.alerts().raise(new Alert(severity, v.id(), title, text));
    }

    private static AuditRecord recordOf(List<AuditRecord> records, long sequence) {
        return records.stream().filter(r -> r.sequence() == sequence).findFirst().orElseThrow();
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.createObjectNode().put("text", text);
        }
    }
}

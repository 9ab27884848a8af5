package com.retailer.bluegreen.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.PipelineLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promotion and rollback of one pipeline's published views: the desired state ({@link ControlStore}), the views
 * ({@link Publisher} over the {@link Catalog}) and the audit trail ({@link Ledger} over the {@link LedgerStore})
 * moved together, safely re-runnable. Plain Java: Spark and Delta sit behind the ports.
 *
 * <p>Every action is planned first ({@link #planPromotion}, {@link #planRollback}: one read of the state, every
 * refusal, nothing written; {@code --dry-run} prints the plan) and then executed ({@link #execute}).
 *
 * <h2>Steps, and what a re-run after a crash at any point does</h2>
 * A promotion (1) reads the state and refuses to start on a broken audit chain; (2) grows the contract and checks
 * the target colour's tables against it, reading their Delta versions; (3) proposes the new desired state
 * (epoch + 1; of two concurrent proposals exactly one commits, the other changes nothing); (4) records the epoch in
 * the audit ledger; (5) switches the views. Steps 1–2 are the plan; 3–5 its execution. The record is written before
 * the views switch: it is what a re-run reads to know what an epoch was (its action and the contract it publishes).
 * Every step converges when repeated:
 * <ul>
 *   <li>died before (3): nothing was written; run again;</li>
 *   <li>died between (3) and (4): the desired state already is the one asked for, so a re-run of the same promote
 *       plans a resume: it records the epoch (once, see {@link Ledger#appendOnce}) and switches the views; any other
 *       promotion is refused until then ({@link ReleaseRefusedException.Reason#IN_PROGRESS}), a rollback is not;</li>
 *   <li>died during or after (5): the re-run finds the record and re-switches only the views that do not serve the
 *       desired state yet.</li>
 * </ul>
 *
 * <h2>Rollback</h2>
 * Undoes the latest promotion: the views go back to the other colour, serving the release it last served. Allowed
 * in any state, including while a promotion is switching views: it proposes a newer epoch, so the promotion stops
 * before its next view ({@link SupersededException}) and the rollback's reconcile repoints every view. It does not
 * toggle: run again (say by a job's automatic retry) after the rollback committed, it completes that rollback rather
 * than returning to the promoted colour; to go there again, promote it. Refused when there is nothing to return to.
 *
 * <h2>The effective contract</h2>
 * Consumers may rely on every view and column ever published, so the contract is kept with the audit trail: each
 * record's details carry the contract its epoch publishes. A promotion publishes that stored contract grown by the
 * contract file ({@link EffectiveContract}): a column the file no longer lists is still published (a typed NULL where
 * the colour lacks it), a changed type is refused. A rollback publishes the stored contract (grown by the file's new
 * columns, so views a crashed promotion created are repointed too).
 */
public final class Release {
    private static final Logger LOG = LoggerFactory.getLogger(Release.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RELEASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+/-]{0,99}");
    private static final int ROLLBACK_ATTEMPTS = 3;
    private static final int CONVERGE_ROUNDS = 3;

    private final ControlStore control;
    private final LedgerStore ledgerStore;
    private final Ledger ledger;
    private final Catalog catalog;
    private final PipelineLayout layouts;
    private final Contract file;
    private final int parallelism;
    private final Consumer<String> beforeViewSwitch;
    private final Admission admission;
    private final boolean trustedIdentityRequired;

    /**
     * Promotion and rollback of {@code layouts}' views.
     *
     * @param contractFile the consumer contract as the contract file has it ({@link ContractFile})
     * @param parallelism  views switched at once
     * @param admission    what admits a promotion (the gates, on the command line)
     */
    public Release(ControlStore control, LedgerStore ledger, Catalog catalog, PipelineLayout layouts,
                   Contract contractFile, int parallelism, Admission admission) {
        this(control, ledger, catalog, layouts, contractFile, parallelism, view -> { }, admission, false);
    }

    private Release(ControlStore control, LedgerStore ledger, Catalog catalog, PipelineLayout layouts,
                    Contract contractFile, int parallelism, Consumer<String> beforeViewSwitch, Admission admission,
                    boolean trustedIdentityRequired) {
        this.control = control;
        this.ledgerStore = ledger;
        this.ledger = new Ledger(ledger);
        this.catalog = catalog;
        this.layouts = layouts;
        this.file = contractFile;
        this.parallelism = parallelism;
        this.beforeViewSwitch = beforeViewSwitch;
        this.admission = admission;
        this.trustedIdentityRequired = trustedIdentityRequired;
    }

    /**
     * This release with {@code hook} called with a view's name just before that view's epoch check and switch. For
     * fault injection: a crash test pauses the publisher there to kill it between two view switches.
     */
    public Release withViewSwitchHook(Consumer<String> hook) {
        return new Release(control, ledgerStore, catalog, layouts, file, parallelism, hook, admission,
                trustedIdentityRequired);
    }

    /**
     * This release refusing, when {@code required}, a promotion or rollback by an identity that is not trusted
     * ({@link Actor#trusted()}: the operating-system user, or an identity recorded without its source). The
     * configuration key {@code publish.requireTrustedIdentity} says which targets require it.
     */
    public Release requireTrustedIdentity(boolean required) {
        return new Release(control, ledgerStore, catalog, layouts, file, parallelism, beforeViewSwitch, admission,
                required);
    }

    /**
     * Points the published views at {@code to}, serving {@code releaseId}, and records it; or completes that same
     * promotion if an earlier run of it did not finish. {@link #planPromotion} then {@link #execute}.
     *
     * @param actor  who promotes ({@link Actor}), recorded
     * @param gitSha the git SHA of the running artifact, recorded
     * @throws ContractViolationException   {@code to}'s tables do not satisfy the contract; nothing changed
     * @throws ContractException            the contract file changes the type of a published column; nothing changed
     * @throws ConcurrentPromotionException another promotion or rollback committed first; nothing changed
     * @throws ReleaseRefusedException      another action is in progress, the gates do not admit it, or the audit
     *                                      chain is broken; nothing changed
     * @throws SupersededException          a rollback (or newer promotion) took over while the views were switching;
     *                                      it wins
     */
    public ReleaseOutcome promote(Colour to, String releaseId, String actor, String gitSha) {
        requireActorAndSha(actor, gitSha);
        requireTrusted(actor);
        return execute(planPromotion(to, releaseId, gitSha), actor, gitSha);
    }

    /**
     * Undoes the latest promotion: the views serve the other colour again, with the release it last served; or
     * completes that rollback if an earlier run of it did not finish. Plans again when another action commits first.
     *
     * @throws ReleaseRefusedException      nothing to roll back to, or the audit chain is broken; nothing changed
     * @throws ConcurrentPromotionException other actions kept committing first ({@value #ROLLBACK_ATTEMPTS} tries)
     * @throws SupersededException          a newer action took over while the views were switching; it wins
     */
    public ReleaseOutcome rollback(String actor, String gitSha) {
        requireActorAndSha(actor, gitSha);
        requireTrusted(actor);
        ConcurrentPromotionException lost = null;
        for (int attempt = 1; attempt <= ROLLBACK_ATTEMPTS; attempt++) {
            ReleasePlan plan = planRollback();
            try {
                return execute(plan, actor, gitSha);
            } catch (ConcurrentPromotionException e) {
                // Only the proposal throws this, before anything is written: plan again on the newer state.
                LOG.info("[{}] rollback: another action committed first; re-reading (attempt {})",
                        layouts.pipeline(), attempt);
                lost = e;
            }
        }
        throw lost;
    }

    /**
     * The plan of promoting {@code to} serving {@code releaseId} from the artifact of {@code gitSha}: a resume when
     * that is the desired state already, else a new epoch. Reads only.
     *
     * @throws ReleaseRefusedException      another action is in progress, the gates do not admit it, or the audit
     *                                      chain is broken
     * @throws ContractViolationException   {@code to}'s tables do not satisfy the contract
     * @throws ContractException            the contract file changes the type of a published column
     */
    public ReleasePlan planPromotion(Colour to, String releaseId, String gitSha) {
        requireReleaseId(releaseId);
        ReleaseSnapshot s = read();
        DesiredState before = s.desired();
        if (to == before.colour() && releaseId.equals(before.releaseId())) {
            return resumePlan(s, ReleaseSnapshot.PROMOTE);
        }
        if (!s.settled()) {
            throw PublishErrors.inProgress(before, s.lastRecordedEpoch());
        }
        Map<String, String> admitted = admission.admit(new Admission.Promotion(to, releaseId, gitSha), s.reports(),
                Instant.now());
        EffectiveContract contract = EffectiveContract.merge(s.storedContract(), file, true);
        return newEpochPlan(ReleaseSnapshot.PROMOTE, s, to, releaseId, contract, admitted);
    }

    /**
     * The plan of rolling back the latest promotion: a resume when the desired state already is a rollback, else a
     * new epoch returning to the other colour's last release. Reads only.
     *
     * @throws ReleaseRefusedException nothing to roll back to, or the audit chain is broken
     */
    public ReleasePlan planRollback() {
        ReleaseSnapshot s = read();
        DesiredState before = s.desired();
        if (before.colour() == null) {
            throw PublishErrors.nothingPromoted(control.location());
        }
        if (s.desiredAction().equals(ReleaseSnapshot.ROLLBACK)) {
            return resumePlan(s, ReleaseSnapshot.ROLLBACK);
        }
        Colour target = before.colour().other();
        AuditRecord previous = s.latestServing(target, before.epoch())
                .orElseThrow(() -> PublishErrors.neverServed(before, target));
        EffectiveContract contract = EffectiveContract.merge(s.storedContract(), file, false);
        return newEpochPlan(ReleaseSnapshot.ROLLBACK, s, target, previous.releaseId(), contract, Map.of());
    }

    /**
     * Carries out {@code plan}: proposes its epoch (unless it resumes one), records every unrecorded epoch and its
     * own, and converges the views.
     *
     * @throws ConcurrentPromotionException another action committed since the plan was made; nothing changed
     * @throws SupersededException          a newer action took over while the views were switching; it wins
     */
    public ReleaseOutcome execute(ReleasePlan plan, String actor, String gitSha) {
        requireActorAndSha(actor, gitSha);
        requireTrusted(actor);
        Timings t = new Timings();
        if (plan.resume()) {
            return complete(plan, actor, gitSha, t);
        }
        DesiredState before = plan.before();
        DesiredState now = propose(before, plan.colour(), plan.releaseId(), actor);
        t.mark("propose");
        List<AuditRecord> known = settle(plan.snapshot(), before, null, plan.contract(), actor, gitSha);
        boolean resumed = known.size() > plan.snapshot().records().size();
        ObjectNode admitted = null;
        if (!plan.admission().isEmpty()) {
            admitted = JSON.createObjectNode();
            plan.admission().forEach(admitted::put);
        }
        AuditRecord record = ledger.appendOnce(draft(plan.action(), now, before, plan.tableVersions(),
                plan.contract(), gitSha, null, admitted), known);
        t.mark("record");
        Map<String, String> switched = converge(now, plan.contract().contract(), plan.selects(), plan.current());
        t.mark("views");
        return outcome(plan.action().equals(ReleaseSnapshot.PROMOTE) ? ReleaseOutcome.Kind.PROMOTED
                : ReleaseOutcome.Kind.ROLLED_BACK, before, now, record, switched, plan.contract().contract(),
                plan.contract().kept(), resumed, t);
    }

    /**
     * Records a gate report ({@code validate}) in the audit ledger: a {@value ReleaseSnapshot#VALIDATE} record of
     * the current epoch, from the live colour to the candidate, whose details are the report. It changes nothing
     * else; a later {@link #promote} is admitted by it ({@link Admission}).
     *
     * @param reportJson the report, a JSON object
     */
    public AuditRecord recordGateReport(Colour candidate, String releaseId, String actor, String gitSha,
                                        Map<String, Long> tableVersions, String reportJson, Instant at) {
        requireActorAndSha(actor, gitSha);
        ReleaseSnapshot s = read();
        DesiredState d = s.desired();
        return ledger.append(new AuditDraft(ReleaseSnapshot.VALIDATE, actor, at,
                d.colour() == null ? null : d.colour().id(), candidate.id(), d.epoch(), releaseId, gitSha,
                tableVersions, reportJson));
    }

    /**
     * Records an operation outside the release that changes its evidence, such as a VACUUM below Delta's default
     * retention an operator forced: a {@value ReleaseSnapshot#MAINTENANCE} record of the current epoch on
     * {@code colour}, whose details say what was done and why. Changes nothing else.
     *
     * @param detailsJson what was done, a JSON object (its {@code operation} field names it)
     */
    public AuditRecord recordMaintenance(Colour colour, String actor, String gitSha, String detailsJson,
                                         Instant at) {
        requireActorAndSha(actor, gitSha);
        DesiredState d = read().desired();
        return ledger.append(new AuditDraft(ReleaseSnapshot.MAINTENANCE, actor, at, colour.id(), colour.id(),
                d.epoch(), d.releaseId(), gitSha, Map.of(), detailsJson));
    }

    /**
     * Every record of the audit ledger whose action is {@code action}, the chain verified, in ledger order: how the
     * release state machine ({@code publish.release}) reads its steps.
     *
     * @throws ReleaseRefusedException if the audit chain is broken
     */
    public List<AuditRecord> records(String action) {
        DesiredState desired = control.desired();
        return ledger.records(true, desired.epoch(), this::anyViewPublished).stream()
                .filter(r -> r.action().equals(action)).toList();
    }

    /**
     * Appends {@code draft} to the audit ledger if {@code check} admits it. {@code check} runs on every record of the
     * ledger as the append is about to commit, after the head it follows was read, so it judges exactly the records
     * the new one will follow: it returns the record that already stands for {@code draft} (nothing is appended; that
     * record is returned), throws to refuse (nothing is appended), or returns empty to append. The release state
     * machine records each transition this way: the state a transition starts from is checked and the transition
     * recorded in one step.
     *
     * @throws ReleaseRefusedException if the audit chain is broken
     */
    public AuditRecord recordIf(AuditDraft draft, Function<List<AuditRecord>, Optional<AuditRecord>> check) {
        requireActorAndSha(draft.actor(), draft.gitSha());
        read();
        return ledger.appendChecked(draft, check);
    }

    /**
     * The plan of a reconcile: every view to serve the desired state's colour and release, completing the action
     * that set it if its run died. Empty when nothing was ever published. Reads only.
     *
     * @throws ReleaseRefusedException if the audit chain is broken
     */
    public Optional<ReleasePlan> planReconcile() {
        ReleaseSnapshot s = read();
        return s.desired().colour() == null ? Optional.empty()
                : Optional.of(resumePlan(s, s.desiredAction()));
    }

    /**
     * The contract a promotion would publish now: the contract stored with the audit trail grown by the contract
     * file (the schema gate checks a candidate against it).
     */
    public Contract effectiveContract() {
        return EffectiveContract.merge(read().storedContract(), file, false).contract();
    }

    /** The gate reports in the audit ledger (chain verified), oldest first. */
    public List<AuditRecord> gateReports() {
        return read().reports();
    }

    /**
     * What the views serve now and what they should serve, read without creating anything; a broken audit chain
     * is reported in it rather than refused (status shows it).
     */
    public Publication publication() {
        Optional<String> auditProblem = Optional.empty();
        ReleaseSnapshot s;
        try {
            s = read(true);
        } catch (ReleaseRefusedException broken) {
            auditProblem = Optional.of(broken.getMessage());
            s = read(false);
        }
        Contract contract = EffectiveContract.merge(s.storedContract(), file, false).contract();
        return new Publication(s.desired(), s.recordOf(s.desired().epoch()), s.lastRecordedEpoch(),
                PublishedViews.read(catalog, layouts, contract.views().keySet()), auditProblem);
    }

    /**
     * The publication as found.
     *
     * @param desired           the control table's desired state (epoch 0 before the first promotion)
     * @param record            the audit record of the desired epoch; empty while an action is in progress
     * @param lastRecordedEpoch the highest epoch the audit ledger records
     * @param views             each view of the effective contract and what it serves
     * @param auditProblem      why the audit chain does not verify, if it does not
     */
    public record Publication(DesiredState desired, Optional<AuditRecord> record, long lastRecordedEpoch,
                              Map<String, PublishedViews.Serving> views, Optional<String> auditProblem) {
    }

    // ---- planning ----

    private ReleasePlan newEpochPlan(String action, ReleaseSnapshot s, Colour colour, String releaseId,
                                     EffectiveContract contract, Map<String, String> admitted) {
        Map<String, String> selects = check(colour, contract.contract(), releaseId);
        Map<String, Long> versions = ColourTables.versions(catalog, layouts.colour(colour), contract.contract());
        return new ReleasePlan(action, false, s, colour, releaseId, s.desired().epoch() + 1, contract, selects,
                ownViews(selects), versions, admitted, unrecorded(s));
    }

    /** Completing the desired state's own action, which an earlier run proposed (and maybe recorded). */
    private ReleasePlan resumePlan(ReleaseSnapshot s, String action) {
        DesiredState desired = s.desired();
        Optional<AuditRecord> record = s.recordOf(desired.epoch());
        boolean strict = action.equals(ReleaseSnapshot.PROMOTE) && record.isEmpty();
        EffectiveContract contract = EffectiveContract.merge(s.storedContract(), file, strict);
        Contract published = record.flatMap(r -> ContractJson.fromDetails(r.details())).orElse(contract.contract());
        Map<String, String> selects = ColourTables.selects(catalog, layouts.colour(desired.colour()), published,
                desired.releaseId());
        return new ReleasePlan(action, true, s, desired.colour(), desired.releaseId(), desired.epoch(), contract,
                selects, ownViews(selects), Map.of(), Map.of(), unrecorded(s));
    }

    /**
     * What the views of {@code selects} serve now, refusing ({@link com.retailer.bluegreen.errors.ErrorCode#NOT_OWNER})
     * if any belongs to another control table: before anything is proposed or recorded.
     */
    private Map<String, PublishedViews.Serving> ownViews(Map<String, String> selects) {
        Map<String, PublishedViews.Serving> views = PublishedViews.read(catalog, layouts, selects.keySet());
        views.values().forEach(v -> v.owner().ifPresent(o -> PublishErrors.requireOwnView(v.name(), o,
                control.location())));
        return views;
    }

    /** The epochs up to the desired state's that the ledger does not record. */
    private static List<Long> unrecorded(ReleaseSnapshot s) {
        return LongStream.rangeClosed(s.lastRecordedEpoch() + 1, s.desired().epoch()).boxed().toList();
    }

    // ---- steps (package-private so tests can stop between them, as a crash would) ----

    ReleaseSnapshot read() {
        return read(true);
    }

    private ReleaseSnapshot read(boolean verify) {
        DesiredState desired = control.desired();
        return new ReleaseSnapshot(desired, ledger.records(verify, desired.epoch(), this::anyViewPublished));
    }

    /** Whether any view of the contract file already serves a colour (asked only when the ledger is missing). */
    private boolean anyViewPublished() {
        return PublishedViews.read(catalog, layouts, file.views().keySet()).values().stream()
                .anyMatch(s -> s.colour().isPresent());
    }

    /** Step 2: {@code colour}'s tables satisfy {@code contract}; returns the query of each view serving it. */
    Map<String, String> check(Colour colour, Contract contract, String releaseId) {
        return ColourTables.selects(catalog, layouts.colour(colour), contract, releaseId);
    }

    /** Step 3: the new desired state, one epoch after {@code before}'s. */
    DesiredState propose(DesiredState before, Colour colour, String releaseId, String actor) {
        control.createIfAbsent();
        return control.propose(before.epoch(), colour, releaseId, actor);
    }

    /** Step 4: the audit record of {@code now}; {@code recovered}, when not null, says who recorded it and why. */
    AuditDraft draft(String action, DesiredState now, DesiredState before, Map<String, Long> versions,
                     EffectiveContract contract, String gitSha, ObjectNode recovered) {
        return draft(action, now, before, versions, contract, gitSha, recovered, null);
    }

    private AuditDraft draft(String action, DesiredState now, DesiredState before, Map<String, Long> versions,
                             EffectiveContract contract, String gitSha, ObjectNode recovered, ObjectNode admitted) {
        ObjectNode details = JSON.createObjectNode();
        details.set(ContractJson.FIELD, ContractJson.write(contract.contract()));
        ObjectNode views = details.putObject("views");
        ColourTables.sources(layouts.colour(now.colour()), contract.contract()).forEach(views::put);
        details.put("previousRelease", before.releaseId());
        details.put("actorSource", Actor.parse(now.actor()).map(Actor::source).orElse("unstated"));
        if (!contract.kept().isEmpty()) {
            contract.kept().forEach(details.putArray("keptFromEarlierContracts")::add);
        }
        if (!contract.conflicts().isEmpty()) {
            contract.conflicts().forEach(details.putArray("contractFileConflicts")::add);
        }
        if (recovered != null) {
            details.set("recovered", recovered);
        }
        if (admitted != null) {
            details.set("admission", admitted);
        }
        return new AuditDraft(action, now.actor(), now.updatedAt(), before.colour() == null ? null
                : before.colour().id(), now.colour().id(), now.epoch(), now.releaseId(), gitSha, versions,
                details.toString());
    }

    /** Step 4 for record-keeping: {@link Ledger#appendOnce}. */
    AuditRecord record(AuditDraft draft) {
        return ledger.appendOnce(draft, List.of());
    }

    /** Step 5: every view serves {@code desired}; see {@link #converge(DesiredState, Contract, Map, Map)}. */
    Map<String, String> converge(DesiredState desired, Contract contract) {
        return converge(desired, contract, ColourTables.selects(catalog, layouts.colour(desired.colour()), contract,
                desired.releaseId()), null);
    }

    /**
     * Step 5: every view serves {@code desired}, each holding its query of {@code expected}. Reconciles the views
     * found to differ, then reads them all again, since a superseded run may have repointed a view between its epoch
     * check and its ALTER.
     *
     * @param found what the views served when the action was planned, used instead of a first read; null to read
     * @return the statement run per view that had to change
     */
    private Map<String, String> converge(DesiredState desired, Contract contract, Map<String, String> expected,
                                         Map<String, PublishedViews.Serving> found) {
        Map<String, String> switched = new LinkedHashMap<>();
        for (int round = 1; ; round++) {
            Map<String, PublishedViews.Serving> now = round == 1 && found != null ? found
                    : PublishedViews.read(catalog, layouts, expected.keySet());
            List<String> stale = new ArrayList<>();
            expected.forEach((view, select) -> {
                if (!now.get(view).text().map(select::equals).orElse(false)) {
                    stale.add(view);
                }
            });
            if (stale.isEmpty()) {
                return switched;
            }
            if (round > CONVERGE_ROUNDS) {
                throw PublishErrors.notConverging(layouts.release().publishedSchema(), stale, desired,
                        CONVERGE_ROUNDS);
            }
            Map<String, String> ran = new Publisher(catalog, contract, control, layouts, parallelism,
                    beforeViewSwitch).reconcile(desired, stale);
            stale.forEach(v -> switched.put(v, ran.get(v)));
            requireStillCurrent(desired, contract);
        }
    }

    /**
     * After switching views: the desired state is still {@code desired}. An ALTER can land after the epoch check
     * that admitted it, even after a newer action has converged every view and finished; so whoever switched views
     * looks once more, and if it was superseded it converges the views to the newer state (repairing any view its
     * late ALTER moved) before reporting that it lost.
     */
    private void requireStillCurrent(DesiredState desired, Contract contract) {
        DesiredState current = control.desired();
        if (current.epoch() == desired.epoch()) {
            return;
        }
        LOG.info("[{}] epoch {} was superseded by epoch {} ({} release {}) while its views switched; converging"
                + " the views to epoch {}", layouts.pipeline(), desired.epoch(), current.epoch(),
                current.colour().id(), current.releaseId(), current.epoch());
        try {
            Contract newer = read().recordOf(current.epoch()).flatMap(r -> ContractJson.fromDetails(r.details()))
                    .orElse(contract);
            converge(current, newer);
        } catch (RuntimeException e) {
            LOG.warn("[{}] could not converge the views to epoch {} (its own run will): {}", layouts.pipeline(),
                    current.epoch(), e.toString());
        }
        throw PublishErrors.superseded("(after the last view)", desired, current);
    }

    // ---- helpers ----

    /**
     * Records every unrecorded epoch up to the desired state's (normally just that one, when an earlier run died
     * between proposing and recording), then converges the views: a re-run's way of finishing the work.
     */
    private ReleaseOutcome complete(ReleasePlan plan, String actor, String gitSha, Timings t) {
        ReleaseSnapshot s = plan.snapshot();
        DesiredState desired = s.desired();
        List<AuditRecord> known = settle(s, desired, plan.action(), plan.contract(), actor, gitSha);
        boolean resumed = known.size() > s.records().size();
        AuditRecord record = new ReleaseSnapshot(desired, known).recordOf(desired.epoch()).orElseThrow(
                () -> new IllegalStateException("epoch " + desired.epoch() + " has no audit record although it"
                        + " was just recorded in " + ledger.location() + "; run audit verify"));
        t.mark("record");
        Contract published = ContractJson.fromDetails(record.details()).orElse(plan.contract().contract());
        // The plan's queries are of this contract: the record's, or, for an epoch recorded just now, the plan's own.
        Map<String, String> switched = converge(desired, published, plan.selects(), plan.current());
        t.mark("views");
        LOG.info("[{}] {} of epoch {} ({} release {}): {}", layouts.pipeline(), plan.action(), desired.epoch(),
                desired.colour().id(), desired.releaseId(), resumed || !switched.isEmpty()
                        ? "completed what an earlier run left unfinished" : "already done, nothing changed");
        ReleaseOutcome.Kind kind = plan.action().equals(ReleaseSnapshot.PROMOTE)
                ? ReleaseOutcome.Kind.ALREADY_PROMOTED : ReleaseOutcome.Kind.ALREADY_ROLLED_BACK;
        return outcome(kind, desired, desired, record, switched, published, plan.contract().kept(),
                resumed || !switched.isEmpty(), t);
    }

    /**
     * Records the epochs after the last recorded one, up to {@code upTo}'s, and returns every record then known.
     * The action of {@code upTo}'s epoch is {@code upToAction} when known (a re-run knows what it re-runs), else
     * inferred, as it is for any epoch before it.
     */
    private List<AuditRecord> settle(ReleaseSnapshot s, DesiredState upTo, String upToAction,
                                     EffectiveContract contract, String actor, String gitSha) {
        long last = s.lastRecordedEpoch();
        if (upTo.epoch() <= last) {
            return s.records();
        }
        if (upTo.epoch() > last + 1) {
            // Several epochs to record from the control store's history: only if the ledger did not lose them.
            ledger.requireRebuildable(upTo, last);
        }
        Map<Long, DesiredState> states = upTo.epoch() == last + 1 ? Map.of(upTo.epoch(), upTo)
                : control.statesAfter(last);
        List<AuditRecord> known = new ArrayList<>(s.records());
        for (long epoch = last + 1; epoch <= upTo.epoch(); epoch++) {
            DesiredState state = states.get(epoch);
            if (state == null) {
                continue; // beyond the control store's retained history: nothing left to record it from
            }
            ReleaseSnapshot sofar = new ReleaseSnapshot(upTo, known);
            DesiredState before = sofar.latestBefore(epoch).map(r -> new DesiredState(
                    r.toColour() == null ? null : Colour.parse(r.toColour()), r.epoch(), r.releaseId(), r.at(),
                    r.actor())).orElse(DesiredState.NONE);
            ObjectNode recovered = JSON.createObjectNode().put("recordedBy", actor)
                    .put("reason", "the run that proposed this epoch did not record it (it died, or had not got"
                            + " there yet); the action is inferred and tableVersions are as of recording");
            Map<String, Long> versions = ColourTables.versions(catalog, layouts.colour(state.colour()),
                    contract.contract());
            String action = epoch == upTo.epoch() && upToAction != null ? upToAction : sofar.inferredAction(state);
            known.add(ledger.appendOnce(draft(action, state, before, versions, contract, gitSha, recovered), known));
        }
        return known;
    }

    private ReleaseOutcome outcome(ReleaseOutcome.Kind kind, DesiredState before, DesiredState now,
                                   AuditRecord record, Map<String, String> switched, Contract published,
                                   List<String> kept, boolean resumed, Timings t) {
        Map<String, String> views = ColourTables.sources(layouts.colour(now.colour()), published);
        LOG.info("[{}] {}: {} release {} at epoch {} by {}; {} view(s) switched; audit record {}; {}",
                layouts.pipeline(), kind, now.colour().id(), now.releaseId(), now.epoch(), now.actor(),
                switched.size(), record.sequence(), t);
        return new ReleaseOutcome(kind, before, now, record, switched, views, kept, resumed);
    }

    /** Refuses a release id that is not 1 to 100 of letters, digits and {@code . _ : + / -}. */
    public static void requireReleaseId(String releaseId) {
        if (releaseId == null || !RELEASE_ID.matcher(releaseId).matches()) {
            throw PublishErrors.invalidInput("release id", releaseId, "1 to 100 letters, digits or . _ : + / -,"
                    + " starting with a letter or digit, e.g. r-2026-06-01 or green-g1-3f2a9c1");
        }
    }

    private void requireTrusted(String actor) {
        if (trustedIdentityRequired && !Actor.parse(actor).map(Actor::trusted).orElse(false)) {
            throw PublishErrors.untrustedIdentity(actor, "publish.requireTrustedIdentity");
        }
    }

    private static void requireActorAndSha(String actor, String gitSha) {
        if (actor == null || actor.isBlank()) {
            throw PublishErrors.invalidInput("actor", actor, "the identity acting (see Actor)");
        }
        if (gitSha == null || gitSha.isBlank()) {
            throw PublishErrors.invalidInput("git SHA", gitSha, "the git SHA of the running artifact");
        }
    }

    /** Milliseconds per step of one action, for its closing log line. */
    private static final class Timings {
        private final long start = System.nanoTime();
        private final Map<String, Long> millis = new LinkedHashMap<>();
        private long last = start;

        void mark(String step) {
            long now = System.nanoTime();
            millis.merge(step, (now - last) / 1_000_000, Long::sum);
            last = now;
        }

        @Override
        public String toString() {
            return "took " + (last - start) / 1_000_000 + " ms " + millis;
        }
    }
}

package com.retailer.bluegreen.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promotion and rollback of one pipeline's published views: the control table ({@link ControlTable}), the views
 * ({@link Publisher}) and the audit ledger ({@link AuditLedger}) moved together, safely re-runnable.
 *
 * <h2>Steps, and what a re-run after a crash at any point does</h2>
 * A promotion (1) reads the state and refuses to start on a broken audit chain; (2) grows the contract and checks
 * the target colour's tables against it, reading their Delta versions; (3) proposes the new desired state
 * (epoch + 1; of two concurrent proposals exactly one commits, the other changes nothing); (4) records the epoch in
 * the audit ledger; (5) switches the views. The record is written before the views switch: it is what a re-run reads
 * to know what an epoch was (its action and the contract it publishes). Every step converges when repeated:
 * <ul>
 *   <li>died before (3): nothing was written; run again;</li>
 *   <li>died between (3) and (4): the desired state already is the one asked for, so a re-run of the same promote
 *       records the epoch (once, see {@link ReleaseLedger#appendOnce}) and switches the views; any other promotion
 *       is refused until then ({@link ReleaseRefusedException.Reason#IN_PROGRESS}), a rollback is not;</li>
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

    private final SparkSession spark;
    private final ReleaseLayout release;
    private final Map<Colour, ColourLayout> layouts;
    private final Contract file;
    private final int parallelism;
    private final Runnable beforeProposeCommit;
    private final Consumer<String> beforeViewSwitch;
    private final Admission admission;
    private final ReleaseLedger ledger;

    Release(SparkSession spark, ReleaseLayout release, Map<Colour, ColourLayout> layouts, Contract file,
            int parallelism, Runnable beforeProposeCommit, Consumer<String> beforeViewSwitch, Admission admission) {
        for (Colour c : Colour.values()) {
            ColourLayout l = layouts.get(c);
            if (l == null || l.colour() != c || !release.publishes(l)) {
                throw new IllegalArgumentException("Release needs both colours' layouts of pipeline "
                        + release.pipeline() + " in catalog " + release.catalog() + "; got " + l + " for " + c.id());
            }
        }
        this.spark = spark;
        this.release = release;
        this.layouts = Map.copyOf(layouts);
        this.file = file;
        this.parallelism = parallelism;
        this.beforeProposeCommit = beforeProposeCommit;
        this.beforeViewSwitch = beforeViewSwitch;
        this.admission = admission;
        this.ledger = new ReleaseLedger(spark, release.auditLedgerLocation());
    }

    /**
     * Promotion and rollback of the views of {@code release} between {@code blue} and {@code green}.
     *
     * @param contractFile the consumer contract as the contract file has it ({@link ContractFile})
     * @param parallelism  views switched at once
     * @param admission    what admits a promotion (the gates, on the command line)
     */
    public static Release create(SparkSession spark, ReleaseLayout release, ColourLayout blue, ColourLayout green,
                                 Contract contractFile, int parallelism, Admission admission) {
        Map<Colour, ColourLayout> layouts = new EnumMap<>(Colour.class);
        layouts.put(Colour.BLUE, blue);
        layouts.put(Colour.GREEN, green);
        return new Release(spark, release, layouts, contractFile, parallelism, () -> { }, view -> { }, admission);
    }

    /**
     * This release with {@code hook} called with a view's name just before that view's epoch check and switch. For
     * fault injection: a crash test pauses the publisher there to kill it between two view switches.
     */
    public Release withViewSwitchHook(Consumer<String> hook) {
        return new Release(spark, release, layouts, file, parallelism, beforeProposeCommit, hook, admission);
    }

    /**
     * Points the published views at {@code to}, serving {@code releaseId}, and records it; or completes that same
     * promotion if an earlier run of it did not finish.
     *
     * @param actor  who promotes ({@link Actor}), recorded
     * @param gitSha the git SHA of the running artifact, recorded
     * @throws ContractViolationException   {@code to}'s tables do not satisfy the contract; nothing changed
     * @throws ContractException            the contract file changes the type of a published column; nothing changed
     * @throws ConcurrentPromotionException another promotion or rollback committed first; nothing changed
     * @throws ReleaseRefusedException      another action is in progress, or the audit chain is broken; nothing
     *                                      changed
     * @throws SupersededException          a rollback (or newer promotion) took over while the views were switching;
     *                                      it wins
     */
    public ReleaseOutcome promote(Colour to, String releaseId, String actor, String gitSha) {
        requireReleaseId(releaseId);
        requireActorAndSha(actor, gitSha);
        Timings t = new Timings();
        ReleaseState s = read();
        t.mark("read");
        DesiredState before = s.desired();
        if (to == before.colour() && releaseId.equals(before.releaseId())) {
            return complete(s, ReleaseState.PROMOTE, ReleaseOutcome.Kind.ALREADY_PROMOTED, actor, gitSha, t);
        }
        if (!s.settled()) {
            throw PublishErrors.inProgress(before, s.lastRecordedEpoch());
        }
        Map<String, String> admitted = admission.admit(to, releaseId, s.reports(), Instant.now());
        EffectiveContract contract = EffectiveContract.merge(s.storedContract(), file, true);
        Map<String, Long> versions = check(to, contract.contract());
        t.mark("check");
        DesiredState now = propose(before, to, releaseId, actor);
        t.mark("propose");
        ObjectNode admissionNode = JSON.createObjectNode();
        admitted.forEach(admissionNode::put);
        AuditRecord record = ledger.appendOnce(draft(ReleaseState.PROMOTE, now, before, versions, contract, gitSha,
                null, admissionNode), s.records());
        t.mark("record");
        Map<String, String> switched = converge(now, contract.contract());
        t.mark("views");
        return outcome(ReleaseOutcome.Kind.PROMOTED, before, now, record, switched, contract.contract(),
                contract.kept(), false, t);
    }

    /**
     * Undoes the latest promotion: the views serve the other colour again, with the release it last served; or
     * completes that rollback if an earlier run of it did not finish.
     *
     * @throws ReleaseRefusedException      nothing to roll back to, or the audit chain is broken; nothing changed
     * @throws ConcurrentPromotionException other actions kept committing first ({@value #ROLLBACK_ATTEMPTS} tries)
     * @throws SupersededException          a newer action took over while the views were switching; it wins
     */
    public ReleaseOutcome rollback(String actor, String gitSha) {
        requireActorAndSha(actor, gitSha);
        ConcurrentPromotionException lost = null;
        Timings t = new Timings();
        for (int attempt = 1; attempt <= ROLLBACK_ATTEMPTS; attempt++) {
            ReleaseState s = read();
            t.mark("read");
            DesiredState before = s.desired();
            if (before.colour() == null) {
                throw PublishErrors.nothingPromoted(release.controlTableLocation());
            }
            if (s.desiredAction().equals(ReleaseState.ROLLBACK)) {
                return complete(s, ReleaseState.ROLLBACK, ReleaseOutcome.Kind.ALREADY_ROLLED_BACK, actor, gitSha, t);
            }
            Colour target = before.colour().other();
            AuditRecord previous = s.latestServing(target, before.epoch())
                    .orElseThrow(() -> PublishErrors.neverServed(before, target));
            EffectiveContract contract = EffectiveContract.merge(s.storedContract(), file, false);
            Map<String, Long> versions = check(target, contract.contract());
            t.mark("check");
            DesiredState now;
            try {
                now = propose(before, target, previous.releaseId(), actor);
                t.mark("propose");
            } catch (ConcurrentPromotionException e) {
                LOG.info("[{}] rollback: another action committed first; re-reading (attempt {})",
                        release.pipeline(), attempt);
                lost = e;
                continue;
            }
            List<AuditRecord> known = settle(s, before, null, contract, actor, gitSha);
            boolean resumed = known.size() > s.records().size();
            AuditRecord record = ledger.appendOnce(draft(ReleaseState.ROLLBACK, now, before, versions, contract,
                    gitSha, null), known);
            t.mark("record");
            Map<String, String> switched = converge(now, contract.contract());
            t.mark("views");
            return outcome(ReleaseOutcome.Kind.ROLLED_BACK, before, now, record, switched, contract.contract(),
                    contract.kept(), resumed, t);
        }
        throw lost;
    }

    /**
     * Records a gate report ({@code validate}) in the audit ledger: a {@value ReleaseState#VALIDATE} record of the
     * current epoch, from the live colour to the candidate, whose details are the report. It changes nothing else;
     * a later {@link #promote} is admitted by it ({@link Admission}).
     *
     * @param reportJson the report, a JSON object
     */
    public AuditRecord recordGateReport(Colour candidate, String releaseId, String actor, String gitSha,
                                        Map<String, Long> tableVersions, String reportJson, Instant at) {
        requireActorAndSha(actor, gitSha);
        ReleaseState s = read();
        DesiredState d = s.desired();
        return ledger.append(new AuditDraft(ReleaseState.VALIDATE, actor, at,
                d.colour() == null ? null : d.colour().id(), candidate.id(), d.epoch(), releaseId, gitSha,
                tableVersions, reportJson));
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
        ReleaseState s;
        try {
            s = read(true);
        } catch (ReleaseRefusedException broken) {
            auditProblem = Optional.of(broken.getMessage());
            s = read(false);
        }
        Contract contract = EffectiveContract.merge(s.storedContract(), file, false).contract();
        return new Publication(s.desired(), s.recordOf(s.desired().epoch()), s.lastRecordedEpoch(),
                PublishedViews.read(spark, release, layouts, contract.views().keySet()), auditProblem);
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

    // ---- steps (package-private so tests can stop between them, as a crash would) ----

    ReleaseState read() {
        return read(true);
    }

    private ReleaseState read(boolean verify) {
        DesiredState desired = DeltaTable.isDeltaTable(spark, release.controlTableLocation())
                ? ControlTable.open(spark, release.controlTableLocation()).desired() : ReleaseState.NONE;
        return new ReleaseState(desired, ledger.records(verify));
    }

    /** Step 2: {@code colour}'s tables satisfy {@code contract}; returns their Delta versions. */
    Map<String, Long> check(Colour colour, Contract contract) {
        ColourTables.selects(spark, layouts.get(colour), contract, "check");
        return ColourTables.versions(spark, layouts.get(colour), contract);
    }

    /** Step 3: the new desired state, one epoch after {@code before}'s. */
    DesiredState propose(DesiredState before, Colour colour, String releaseId, String actor) {
        ReleaseLedger.openOrCreate(() -> ControlTable.openOrCreate(spark, release.controlTableLocation()));
        return new ControlTable(spark, release.controlTableLocation(), beforeProposeCommit)
                .propose(before.epoch(), colour, releaseId, actor);
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
        ColourTables.sources(layouts.get(now.colour()), contract.contract()).forEach(views::put);
        details.put("previousRelease", before.releaseId());
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

    /** Step 4 for record-keeping: {@link ReleaseLedger#appendOnce}. */
    AuditRecord record(AuditDraft draft) {
        return ledger.appendOnce(draft, List.of());
    }

    /**
     * Step 5: every view serves {@code desired}. Reads each view and reconciles when any differs, then reads them
     * again, since a superseded run may have repointed a view between its epoch check and its ALTER.
     *
     * @return the statement run per view that had to change
     */
    Map<String, String> converge(DesiredState desired, Contract contract) {
        Map<String, String> switched = new LinkedHashMap<>();
        Map<String, String> expected = ColourTables.selects(spark, layouts.get(desired.colour()), contract,
                desired.releaseId());
        for (int round = 1; ; round++) {
            Map<String, PublishedViews.Serving> found =
                    PublishedViews.read(spark, release, layouts, expected.keySet());
            List<String> stale = new ArrayList<>();
            expected.forEach((view, select) -> {
                if (!found.get(view).text().map(select::equals).orElse(false)) {
                    stale.add(view);
                }
            });
            if (stale.isEmpty()) {
                return switched;
            }
            if (round > CONVERGE_ROUNDS) {
                throw PublishErrors.notConverging(release.publishedSchema(), stale, desired, CONVERGE_ROUNDS);
            }
            Map<String, String> ran = new Publisher(spark, contract, controlTable(), layouts, parallelism,
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
        DesiredState current = controlTable().desired();
        if (current.epoch() == desired.epoch()) {
            return;
        }
        LOG.info("[{}] epoch {} was superseded by epoch {} ({} release {}) while its views switched; converging"
                + " the views to epoch {}", release.pipeline(), desired.epoch(), current.epoch(),
                current.colour().id(), current.releaseId(), current.epoch());
        try {
            Contract newer = read().recordOf(current.epoch()).flatMap(r -> ContractJson.fromDetails(r.details()))
                    .orElse(contract);
            converge(current, newer);
        } catch (RuntimeException e) {
            LOG.warn("[{}] could not converge the views to epoch {} (its own run will): {}", release.pipeline(),
                    current.epoch(), e.toString());
        }
        throw PublishErrors.superseded("(after the last view)", desired, current);
    }

    // ---- helpers ----

    /**
     * Records every unrecorded epoch up to the desired state's (normally just that one, when an earlier run died
     * between proposing and recording), then converges the views: a re-run's way of finishing the work.
     */
    private ReleaseOutcome complete(ReleaseState s, String action, ReleaseOutcome.Kind kind, String actor,
                                    String gitSha, Timings t) {
        DesiredState desired = s.desired();
        boolean strict = action.equals(ReleaseState.PROMOTE) && s.recordOf(desired.epoch()).isEmpty();
        EffectiveContract contract = EffectiveContract.merge(s.storedContract(), file, strict);
        List<AuditRecord> known = settle(s, desired, action, contract, actor, gitSha);
        boolean resumed = known.size() > s.records().size();
        AuditRecord record = new ReleaseState(desired, known).recordOf(desired.epoch()).orElseThrow(
                () -> new IllegalStateException("epoch " + desired.epoch() + " has no audit record although it"
                        + " was just recorded in " + ledger.location() + "; run audit verify"));
        t.mark("record");
        Contract published = ContractJson.fromDetails(record.details()).orElse(contract.contract());
        Map<String, String> switched = converge(desired, published);
        t.mark("views");
        LOG.info("[{}] {} of epoch {} ({} release {}): {}", release.pipeline(), action, desired.epoch(),
                desired.colour().id(), desired.releaseId(), resumed || !switched.isEmpty()
                        ? "completed what an earlier run left unfinished" : "already done, nothing changed");
        return outcome(kind, desired, desired, record, switched, published, contract.kept(),
                resumed || !switched.isEmpty(), t);
    }

    /**
     * Records the epochs after the last recorded one, up to {@code upTo}'s, and returns every record then known.
     * The action of {@code upTo}'s epoch is {@code upToAction} when known (a re-run knows what it re-runs), else
     * inferred, as it is for any epoch before it.
     */
    private List<AuditRecord> settle(ReleaseState s, DesiredState upTo, String upToAction, EffectiveContract contract,
                           String actor, String gitSha) {
        long last = s.lastRecordedEpoch();
        if (upTo.epoch() <= last) {
            return s.records();
        }
        Map<Long, DesiredState> states = upTo.epoch() == last + 1 ? Map.of(upTo.epoch(), upTo)
                : ControlHistory.statesAfter(spark, release.controlTableLocation(), last);
        List<AuditRecord> known = new ArrayList<>(s.records());
        for (long epoch = last + 1; epoch <= upTo.epoch(); epoch++) {
            DesiredState state = states.get(epoch);
            if (state == null) {
                continue; // beyond the control table's retained history: nothing left to record it from
            }
            ReleaseState sofar = new ReleaseState(upTo, known);
            DesiredState before = sofar.latestBefore(epoch).map(r -> new DesiredState(
                    r.toColour() == null ? null : Colour.parse(r.toColour()), r.epoch(), r.releaseId(), r.at(),
                    r.actor())).orElse(ReleaseState.NONE);
            ObjectNode recovered = JSON.createObjectNode().put("recordedBy", actor)
                    .put("reason", "the run that proposed this epoch did not record it (it died, or had not got"
                            + " there yet); the action is inferred and tableVersions are as of recording");
            Map<String, Long> versions = ColourTables.versions(spark, layouts.get(state.colour()),
                    contract.contract());
            String action = epoch == upTo.epoch() && upToAction != null ? upToAction : sofar.inferredAction(state);
            known.add(ledger.appendOnce(draft(action, state, before, versions, contract, gitSha, recovered), known));
        }
        return known;
    }

    private ControlTable controlTable() {
        return ControlTable.open(spark, release.controlTableLocation());
    }

    private ReleaseOutcome outcome(ReleaseOutcome.Kind kind, DesiredState before, DesiredState now,
                                   AuditRecord record, Map<String, String> switched, Contract published,
                                   List<String> kept, boolean resumed, Timings t) {
        Map<String, String> views = ColourTables.sources(layouts.get(now.colour()), published);
        LOG.info("[{}] {}: {} release {} at epoch {} by {}; {} view(s) switched; audit record {}; {}",
                release.pipeline(), kind, now.colour().id(), now.releaseId(), now.epoch(), now.actor(),
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

package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.GatesConfig;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.config.ReleaseConfig;
import com.retailer.bluegreen.gates.Colours;
import com.retailer.bluegreen.gates.FreshnessGate;
import com.retailer.bluegreen.gates.FreshnessSample;
import com.retailer.bluegreen.gates.GateReport;
import com.retailer.bluegreen.gates.GateResult;
import com.retailer.bluegreen.gates.KafkaRecordTimestamps;
import com.retailer.bluegreen.gates.QualityGate;
import com.retailer.bluegreen.gates.ReconciliationGate;
import com.retailer.bluegreen.gates.Verdict;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.KafkaLag;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.storage.HadoopStorage;
import com.retailer.bluegreen.publish.ColourJobs;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.release.AlertSink;
import com.retailer.bluegreen.publish.release.BakeProbe;
import com.retailer.bluegreen.publish.release.CandidateDeployer;
import com.retailer.bluegreen.publish.release.CatchUpProbe;
import com.retailer.bluegreen.publish.release.GateRunner;
import com.retailer.bluegreen.publish.release.ReleasePolicy;
import com.retailer.bluegreen.publish.release.WebhookAlertSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.sql.SparkSession;

/**
 * The release state machine's ports on this stack ({@code publish.release}), over the same code the commands run:
 * the deployer bootstraps (as {@code bootstrap}) and starts the candidate through {@link ColourJobs}; the catch-up
 * probe reads checkpoints and end offsets (as {@code inspect}); the gate runner is {@code validate}; the bake probe
 * samples the gates' own measures of the live candidate against the warm old colour. Every adapter is built from the
 * release's configuration: the new artifact's, which names both colours.
 */
public final class ReleasePorts {
    /** A heartbeat older than this, with beats every 1 to 10 s, means the job is not alive. */
    static final Duration HEARTBEAT_STALE = Duration.ofSeconds(30);

    private ReleasePorts() {
    }

    /**
     * Promotion and rollback of {@code config}'s views on {@code spark}, admitted by the gates, as the command line
     * builds them ({@code promote}, {@code rollback}).
     */
    public static com.retailer.bluegreen.publish.Release release(SparkSession spark, PipelineConfig config,
                                                                 Contract contract) {
        return com.retailer.bluegreen.publish.spark.SparkReleases.create(spark, config.layouts(), contract,
                        config.publish().parallelism(), Publishers.gateAdmission(config))
                .requireTrustedIdentity(config.publish().requireTrustedIdentity());
    }

    /**
     * Where the release raises alerts: {@code also} (the console, say), and the webhook of {@code alerts.webhook.*}
     * when one is configured, posting in the background (close the returned sink at the end, to flush it).
     */
    public static ClosableAlertSink alerts(PipelineConfig config, AlertSink also) {
        if (!config.alerts().hasWebhook()) {
            return new ClosableAlertSink(also, null);
        }
        WebhookAlertSink webhook = new WebhookAlertSink(java.net.URI.create(config.alerts().resolvedWebhookUrl()),
                WebhookAlertSink.Format.of(config.alerts().webhookFormat()));
        return new ClosableAlertSink(also, webhook);
    }

    /** An alert sink that also posts to a webhook, if any; {@link #close} flushes the webhook's queue. */
    public static final class ClosableAlertSink implements AlertSink, AutoCloseable {
        private final AlertSink also;
        private final WebhookAlertSink webhook;

        ClosableAlertSink(AlertSink also, WebhookAlertSink webhook) {
            this.also = also;
            this.webhook = webhook;
        }

        @Override
        public void raise(Alert alert) {
            also.raise(alert);
            if (webhook != null) {
                webhook.raise(alert);
            }
        }

        /** Waits up to 30 s for the webhook to take the alerts still waiting. */
        @Override
        public void close() {
            if (webhook != null) {
                webhook.close(Duration.ofSeconds(30));
            }
        }
    }

    /** The release policy {@code release.*} and the gates' names and limits, as a release records them. */
    public static ReleasePolicy policy(PipelineConfig config) {
        ReleaseConfig r = config.releasePolicy();
        Map<String, Integer> named = new java.util.TreeMap<>(r.breaches());
        int fallback = named.getOrDefault("*", 3);
        named.remove("*");
        return new ReleasePolicy(r.catchUpTimeout(), r.pollInterval(), r.maxRecordsBehind(), r.bakeWindow(),
                r.sampleInterval(), named, fallback, r.autoApprove(), r.approvers(), r.kafkaRetention());
    }

    /** The gates a release's plan states, with their limits from {@code gates.*}. */
    public static List<String> gates(PipelineConfig config) {
        GatesConfig g = config.gates();
        return List.of("schema: no published column removed or retyped, every writer schema readable",
                "reconciliation: Silver row for row against the live colour at an offset cut"
                        + (g.intendedDifferences().isEmpty() ? "" : " (intended differences: "
                        + g.intendedDifferences().keySet() + ")"),
                "freshness: every partition and Gold within " + g.maxLag().toSeconds() + " s for "
                        + g.window().toSeconds() + " s",
                "quality: failure rates within " + g.maxFailureRate() + " and at most " + g.margin()
                        + " above the live colour's");
    }

    /** How a release bootstraps its candidate, from {@code release.bootstrap}. */
    public static CandidateDeployer.Bootstrap bootstrap(PipelineConfig config) {
        return config.releasePolicy().bootstrap().equals("scratch") ? CandidateDeployer.Bootstrap.SCRATCH
                : CandidateDeployer.Bootstrap.CUT;
    }

    /**
     * Stops the idle colour's earlier generation, bootstraps the new one ({@link Bootstrap#fromCut} from the live
     * colour, or {@link Bootstrap#fromScratch}), then starts its job. The generation is the configuration's
     * ({@code colours.<colour>.generation}): a release deploys what its commit configures.
     */
    public static CandidateDeployer deployer(SparkSession spark, PipelineConfig config, ColourJobs jobs) {
        return (candidate, generation, bootstrap, gitSha) -> {
            ColourLayout layout = config.layout(candidate);
            if (layout.generation() != generation) {
                throw new IllegalStateException("the release plans " + candidate.id() + " generation " + generation
                        + " but this configuration has colours." + candidate.id() + ".generation = "
                        + layout.generation() + ": resume the release with the configuration it was planned with");
            }
            if (LiveColourGuard.isLive(spark, config, candidate, LiveColourGuard.live(spark, config))) {
                throw new com.retailer.bluegreen.errors.BlueGreenException(
                        com.retailer.bluegreen.errors.ErrorCode.LIVE_COLOUR, "Release deployment of "
                        + layout.jobName() + " refused, nothing was changed: " + candidate.id() + " serves the"
                        + " published views now (a promotion or rollback happened since the release was planned)."
                        + " Abort the release and plan it again.");
            }
            jobs.stop(candidate);
            ObjectNode done = Renderer.JSON.createObjectNode().put("generation", generation)
                    .put("bootstrap", bootstrap.name().toLowerCase(Locale.ROOT));
            if (bootstrap == CandidateDeployer.Bootstrap.CUT) {
                ConsistentCut cut = Bootstrap.fromCut(spark, config, candidate.other(), candidate, gitSha,
                        Clock.systemUTC());
                done.put("cutGoldBatch", cut.goldBatch()).put("clonedTables", cut.tableVersions().size());
                ObjectNode offsets = done.putObject("cutOffsets");
                cut.domains().forEach((d, c) -> offsets.put(c.topic(), c.offsets().toString()));
            } else {
                Bootstrap.fromScratch(spark, config, candidate, gitSha);
            }
            jobs.start(candidate);
            return done.toString();
        };
    }

    /**
     * How far the candidate is behind the live colour: its total Kafka lag minus the live colour's (both read the
     * same topics), measured once its Gold query has committed a batch; the rate averaged since its first measure.
     */
    public static CatchUpProbe catchUp(SparkSession spark, PipelineConfig config) {
        Storage storage = HadoopStorage.of(spark);
        // The rate is averaged since the first measurement: both colours commit a batch at a time, so the gap
        // moves in steps and a rate between two polls is mostly 0 or a spike.
        long[] first = {-1, 0};
        return candidate -> {
            boolean gold = CheckpointInspector.inspect(storage, config.layout(candidate)
                    .checkpointLocation(Query.GOLD)).lastCommittedBatch().isPresent();
            if (!gold) {
                return CatchUpProbe.Progress.unknown("no Gold batch committed yet");
            }
            long behind = Math.max(0, lag(storage, config, candidate) - lag(storage, config, candidate.other()));
            long now = System.nanoTime();
            if (first[0] < 0) {
                first[0] = behind;
                first[1] = now;
            }
            double rate = now == first[1] ? 0 : Math.max(0, (first[0] - behind) / ((now - first[1]) / 1e9));
            return CatchUpProbe.Progress.behind(behind, rate);
        };
    }

    static long lag(Storage storage, PipelineConfig config, Colour colour) {
        return Inspect.statuses(storage, config, colour).stream().mapToLong(s -> s.lag().map(KafkaLag::totalLag).orElse(0L))
                .sum();
    }

    /** {@code validate}: the four gates, the report recorded in the audit ledger. */
    public static GateRunner gates(SparkSession spark, PipelineConfig config, Contract contract,
                                   Consumer<String> progress) {
        return (candidate, releaseId, gitSha, actor) -> {
            Validate.Recorded r = new Validate(spark, config, candidate, Clock.systemUTC(), StatusCommand.KAFKA_TIMEOUT,
                    progress).run(contract, releaseId, actor, gitSha);
            return new GateRunner.Verdict(r.report().passed(), summary(r.report()), r.report().toJson());
        };
    }

    static String summary(GateReport report) {
        return report.results().stream().map(g -> g.gate() + " " + g.verdict() + (g.failures().isEmpty() ? ""
                : " (" + g.failures().get(0) + ")")).collect(Collectors.joining("; "));
    }

    /**
     * One bake sample of the live candidate against the warm old colour, by the gates' own measures and limits:
     * freshness (the oldest unprocessed record of every partition, and Gold behind Silver, against
     * {@code gates.freshness.maxLag}); quality (failure rates since the bake began against the old colour's plus
     * {@code gates.quality.margin}); reconciliation (Silver row for row at the two colours' common offsets); alive
     * (the candidate's heartbeat). A check that cannot be measured is INCONCLUSIVE, never a pass.
     */
    public static BakeProbe bake(SparkSession spark, PipelineConfig config) {
        Storage storage = HadoopStorage.of(spark);
        return (candidate, old, since) -> {
            Instant now = Instant.now();
            ColourLayout cand = config.layout(candidate);
            ColourLayout live = config.layout(old);
            GatesConfig g = config.gates();
            Colours colours = new Colours(candidate, old);
            Validate.GateInputs inputs = new Validate.GateInputs(spark, config);
            List<BakeProbe.Check> checks = new ArrayList<>();
            checks.add(measure("freshness", "every partition and Gold within " + g.maxLag().toSeconds() + " s",
                    () -> result(FreshnessGate.evaluate(List.of(freshness(storage, config, cand, now)), g.maxLag(),
                            Duration.ZERO, Duration.ofDays(1)))));
            checks.add(measure("quality", "failure rates within the limits and " + g.margin() + " above " + old.id(),
                    () -> {
                        var counts = inputs.expectationCounts(cand, since);
                        var oldCounts = inputs.expectationCounts(live, since);
                        if (counts.isEmpty()) {
                            // Batches are judged by their records' Kafka time: none since the bake began.
                            return oldCounts.isEmpty()
                                    ? new Object[] {BakeProbe.Verdict.PASS, "no batch of records newer than the bake"
                                    + " in either colour yet"}
                                    : new Object[] {BakeProbe.Verdict.INCONCLUSIVE, candidate.id() + " committed no"
                                    + " batch of records newer than the bake, " + old.id() + " did"};
                        }
                        return result(QualityGate.evaluate(colours, counts, oldCounts, g.maxFailureRate(),
                                g.margin()));
                    }));
            checks.add(measure("reconciliation", "Silver equal to " + old.id() + "'s at the common offsets",
                    () -> result(ReconciliationGate.evaluate(colours, inputs.reconcile(live, cand)))));
            checks.add(measure("alive", "a heartbeat within " + HEARTBEAT_STALE.toSeconds() + " s", () -> {
                var beat = Heartbeat.read(storage, cand);
                if (beat.isEmpty()) {
                    return new Object[] {BakeProbe.Verdict.BREACH, "no heartbeat"};
                }
                long age = Duration.between(beat.get().at(), Instant.now()).toSeconds();
                return new Object[] {beat.get().fresh(Instant.now(), HEARTBEAT_STALE) ? BakeProbe.Verdict.PASS
                        : BakeProbe.Verdict.BREACH, "last beat " + age + " s ago"};
            }));
            return checks;
        };
    }

    /** A gate's verdict as a bake check's: PASS, FAIL a breach, NOT_APPLICABLE inconclusive (never a pass). */
    private static Object[] result(GateResult r) {
        BakeProbe.Verdict v = switch (r.verdict()) {
            case PASS -> BakeProbe.Verdict.PASS;
            case FAIL -> BakeProbe.Verdict.BREACH;
            default -> BakeProbe.Verdict.INCONCLUSIVE;
        };
        return new Object[] {v, r.failures().isEmpty() ? r.summary() : r.failures().get(0)};
    }

    private static BakeProbe.Check measure(String check, String limit, java.util.function.Supplier<Object[]> m) {
        try {
            Object[] v = m.get();
            return new BakeProbe.Check(check, (BakeProbe.Verdict) v[0], (String) v[1], limit);
        } catch (RuntimeException e) {
            return new BakeProbe.Check(check, BakeProbe.Verdict.INCONCLUSIVE, "could not measure: " + e.getMessage(),
                    limit);
        }
    }

    /** One freshness sample of {@code cand}: each partition's oldest unprocessed record, and Gold behind Silver. */
    private static FreshnessSample freshness(Storage storage, PipelineConfig config, ColourLayout cand, Instant at) {
        try (Admin admin = KafkaAdmins.create(config);
             KafkaRecordTimestamps timestamps = KafkaRecordTimestamps.connect(config.kafka().clientProperties(),
                     StatusCommand.KAFKA_TIMEOUT)) {
            return Validate.freshnessSample(storage, config, cand, at, KafkaLag.offsetsFrom(admin,
                    StatusCommand.KAFKA_TIMEOUT), timestamps);
        }
    }
}

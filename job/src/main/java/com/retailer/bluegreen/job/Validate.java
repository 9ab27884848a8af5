package com.retailer.bluegreen.job;

import com.retailer.bluegreen.publish.spark.SparkReleases;

import com.retailer.bluegreen.config.GatesConfig;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.gates.Colours;
import com.retailer.bluegreen.gates.FreshnessGate;
import com.retailer.bluegreen.gates.FreshnessSample;
import com.retailer.bluegreen.gates.GateReport;
import com.retailer.bluegreen.gates.GateResult;
import com.retailer.bluegreen.gates.GateThresholds;
import com.retailer.bluegreen.gates.KafkaRecordTimestamps;
import com.retailer.bluegreen.gates.PartitionAges;
import com.retailer.bluegreen.gates.PartitionSample;
import com.retailer.bluegreen.gates.QualityGate;
import com.retailer.bluegreen.gates.ReconciliationGate;
import com.retailer.bluegreen.gates.SchemaGate;
import com.retailer.bluegreen.gates.TableColumn;
import com.retailer.bluegreen.gates.WriterSchemaCheck;
import com.retailer.bluegreen.gates.WriterSchemaFindings;
import com.retailer.bluegreen.ingest.ConfluentRegistryClient;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.DeltaLogTxns;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.KafkaLag;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.storage.HadoopStorage;
import com.retailer.bluegreen.publish.Admission;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.transforms.Tables;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * {@code validate --candidate <colour>}: runs the four gates on the candidate against the live colour (the one the
 * published views serve), and records the report in the audit ledger, where {@code promote} looks for it. Reads
 * only, apart from that one record. The inputs:
 * <ul>
 *   <li>schema: the effective consumer contract, both colours' table schemas from the catalog, and every Avro writer
 *       schema id in both colours' quality metrics plus the Kafka records no colour has processed yet;</li>
 *   <li>reconciliation: per Silver table, the offset cut from both colours' checkpoints and the candidate's bootstrap
 *       cut ({@link GateInputs#reconcile});</li>
 *   <li>freshness: samples over {@code gates.freshness.window}, taken while the other gates run;</li>
 *   <li>quality: both colours' per-batch expectation counts ({@code quality_metrics}) since the candidate's first
 *       batch.</li>
 * </ul>
 */
final class Validate {
    /** Records read per partition when scanning the unprocessed end of a topic for writer schema ids. */
    private static final int TAIL_LIMIT = 1_000_000;
    /** How long that scan may take per topic; a scan cut short fails validation rather than passing unread ids. */
    private static final Duration TAIL_TIMEOUT = Duration.ofSeconds(120);

    private final SparkSession spark;
    private final Storage storage;
    private final PipelineConfig config;
    private final Colour candidate;
    private final Clock clock;
    private final Duration kafkaTimeout;
    private final Consumer<String> progress;

    Validate(SparkSession spark, PipelineConfig config, Colour candidate, Clock clock, Duration kafkaTimeout,
             Consumer<String> progress) {
        this.spark = spark;
        this.storage = HadoopStorage.of(spark);
        this.config = config;
        this.candidate = candidate;
        this.clock = clock;
        this.kafkaTimeout = kafkaTimeout;
        this.progress = progress;
    }

    /** Runs every gate, records the report (actor, git SHA) and returns it with its audit record. */
    Recorded run(Contract contractFile, String releaseId, String actor, String gitSha) {
        Instant started = clock.instant();
        ColourLayout cand = config.layout(candidate);
        Release release = SparkReleases.create(spark, config.layouts(), contractFile,
                config.publish().parallelism(), Admission.none("record a gate report"));
        Colour active = release.publication().desired().colour();
        Colour live = active == null || active == candidate ? null : active;
        Colours colours = live == null ? Colours.withoutLive(candidate) : new Colours(candidate, live);
        progress.accept("Validating " + cand.jobName() + " generation " + cand.generation() + (live == null
                ? " (no live colour: reconciliation does not apply)" : " against the live colour " + live.id()));

        GatesConfig g = config.gates();
        // Sampled while the other gates run; told to stop if one of them throws, so its Kafka clients do not
        // outlive this command (in-process callers such as the demo go on running).
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<GateResult> freshness = CompletableFuture.supplyAsync(() -> FreshnessGate.evaluate(
                samples(cand, g, abandoned), g.maxLag(), g.window(),
                g.sampleInterval().multipliedBy(2).plusSeconds(10)));
        try {
            return runGates(release, colours, live, cand, freshness, started, releaseId, actor, gitSha);
        } catch (RuntimeException | Error e) {
            abandoned.set(true);
            throw e;
        }
    }

    private Recorded runGates(Release release, Colours colours, Colour live, ColourLayout cand,
                              CompletableFuture<GateResult> freshness, Instant started, String releaseId,
                              String actor, String gitSha) {
        GatesConfig g = config.gates();
        GateInputs inputs = new GateInputs(spark, config);
        Contract contract = release.effectiveContract();
        GateResult schema = SchemaGate.evaluate(colours, contract, inputs.columns(cand, contract),
                live == null ? Map.of() : inputs.columns(config.layout(live), contract), writerSchemas(cand, live));
        progress.accept("  schema:         " + schema.verdict() + " " + schema.summary());
        GateResult reconciliation = live == null
                ? ReconciliationGate.notApplicable("no live colour to reconcile against: this is the first"
                + " publication")
                : ReconciliationGate.evaluate(colours, inputs.reconcile(config.layout(live), cand));
        progress.accept("  reconciliation: " + reconciliation.verdict() + " " + reconciliation.summary());
        Instant since = inputs.firstBatchTime(cand).orElse(started);
        GateResult quality = QualityGate.evaluate(colours, inputs.expectationCounts(cand, null),
                live == null ? List.of() : inputs.expectationCounts(config.layout(live), since),
                g.maxFailureRate(), g.margin());
        progress.accept("  quality:        " + quality.verdict() + " " + quality.summary());
        GateResult fresh = freshness.join();
        progress.accept("  freshness:      " + fresh.verdict() + " " + fresh.summary());

        GateReport report = new GateReport(candidate.id(), cand.generation(), live == null ? null : live.id(),
                releaseId, started, clock.instant(), List.of(schema, reconciliation, fresh, quality),
                GateThresholds.of(g));
        AuditRecord record = release.recordGateReport(candidate, releaseId, actor, gitSha,
                inputs.versions(cand, contract), report.toJson(), clock.instant());
        return new Recorded(report, record);
    }

    /** The report and the audit record that keeps it. */
    record Recorded(GateReport report, AuditRecord record) {
    }

    private WriterSchemaFindings writerSchemas(ColourLayout cand, Colour live) {
        Map<Domain, Set<Integer>> ids = new EnumMap<>(Domain.class);
        GateInputs inputs = new GateInputs(spark, config);
        List<ColourLayout> colours = new ArrayList<>(List.of(cand));
        if (live != null) {
            colours.add(config.layout(live));
        }
        for (ColourLayout l : colours) {
            inputs.writerSchemaIds(l).forEach((d, s) -> ids.computeIfAbsent(d, k -> new TreeSet<>()).addAll(s));
        }
        for (Domain d : Domain.values()) {
            Map<Integer, Long> from = new TreeMap<>();
            for (ColourLayout l : colours) {
                committed(l, d).forEach((p, o) -> from.merge(p, o, Math::min));
            }
            String topic = config.kafka().topics().get(d);
            KafkaTail.Tail tail = KafkaTail.schemaIds(config, topic, from, TAIL_LIMIT, TAIL_TIMEOUT);
            if (!tail.complete()) {
                throw new IllegalStateException("validate could not read the writer schema ids of every retained"
                        + " record of " + topic + ": scanning from the colours' committed offsets it stopped at "
                        + TAIL_LIMIT + " records per partition or after " + TAIL_TIMEOUT.toSeconds() + " s, with"
                        + " records unread per partition " + tail.unread() + ". The schema gate cannot vouch for"
                        + " records it has not read, so nothing was recorded. Let the colours catch up (status"
                        + " shows their lag) and run validate again.");
            }
            ids.computeIfAbsent(d, k -> new TreeSet<>()).addAll(tail.ids());
        }
        try (SchemaRegistry registry = new ConfluentRegistryClient(URI.create(config.schemaRegistry().url()),
                config.schemaRegistry().timeout(), config.schemaRegistry().authorization())) {
            return WriterSchemaCheck.check(ids, registry);
        }
    }

    private Map<Integer, Long> committed(ColourLayout layout, Domain d) {
        return CheckpointInspector.inspect(storage, layout.checkpointLocation(d.query())).kafkaOffsets()
                .getOrDefault(config.kafka().topics().get(d), Map.of());
    }

    /** Freshness samples of the candidate over the configured window (at least one). */
    private List<FreshnessSample> samples(ColourLayout cand, GatesConfig g, AtomicBoolean abandoned) {
        List<FreshnessSample> samples = new ArrayList<>();
        Map<String, Object> props = config.kafka().clientProperties();
        Instant start = clock.instant();
        try (Admin admin = KafkaAdmins.create(config);
             KafkaRecordTimestamps timestamps = KafkaRecordTimestamps.connect(props, kafkaTimeout)) {
            KafkaLag.OffsetSource offsets = KafkaLag.offsetsFrom(admin, kafkaTimeout);
            while (true) {
                Instant at = clock.instant();
                samples.add(freshnessSample(storage, config, cand, at, offsets, timestamps));
                if (Duration.between(start, at).compareTo(g.window()) >= 0 || abandoned.get()) {
                    return samples;
                }
                Thread.sleep(g.sampleInterval().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return samples;
        }
    }

    /** One freshness sample of {@code cand} at {@code at}: each partition's oldest unprocessed record, and Gold. */
    static FreshnessSample freshnessSample(Storage storage, PipelineConfig config, ColourLayout cand, Instant at,
                                           KafkaLag.OffsetSource offsets, KafkaRecordTimestamps timestamps) {
        List<PartitionSample> partitions = new ArrayList<>();
        for (Domain d : Domain.values()) {
            String topic = config.kafka().topics().get(d);
            KafkaLag lag = KafkaLag.compute(Set.of(topic), CheckpointInspector.inspect(storage,
                    cand.checkpointLocation(d.query())).kafkaOffsets(), offsets);
            partitions.addAll(PartitionAges.measure(at, lag.partitions(), timestamps));
        }
        return new FreshnessSample(at, partitions, goldLag(storage, cand, at));
    }

    /**
     * How far Gold lags behind Silver: the age of the oldest Silver commit the Gold query has not consumed, zero when
     * it has consumed everything; before Gold's first batch, the age of the oldest Silver commit of this generation.
     */
    static Duration goldLag(Storage storage, ColourLayout cand, Instant at) {
        Map<Domain, Long> pending = com.retailer.bluegreen.layout.CutTaker.goldFirstPending(storage, cand).orElse(null);
        Duration worst = Duration.ZERO;
        for (Domain d : Domain.values()) {
            DeltaLogTxns silver = DeltaLogTxns.open(storage, cand.tableLocation(d.silverTable()));
            long first = pending == null ? Math.max(silver.oldestContiguousVersion(),
                    BootstrapState.cutOf(storage, cand).isPresent() ? BootstrapState.FIRST_OWN_VERSION + 1 : 1) : pending.get(d);
            if (first > silver.latestVersion()) {
                continue;
            }
            Duration age = silver.commitTime(first).map(t -> Duration.between(t, at)).orElse(Duration.ZERO);
            if (age.compareTo(worst) > 0) {
                worst = age;
            }
        }
        return worst.isNegative() ? Duration.ZERO : worst;
    }

    /** Reads what the gates need from the colours' tables and checkpoints. */
    static final class GateInputs {
        private final SparkSession spark;
        private final Storage storage;
        private final PipelineConfig config;

        GateInputs(SparkSession spark, PipelineConfig config) {
            this.spark = spark;
            this.storage = HadoopStorage.of(spark);
            this.config = config;
        }

        /** Each contract source table of the colour that exists → its columns, as the catalog has them. */
        Map<String, List<TableColumn>> columns(ColourLayout layout, Contract contract) {
            Map<String, List<TableColumn>> out = new LinkedHashMap<>();
            for (Contract.View v : contract.views().values()) {
                String name = layout.qualifiedTable(v.sourceTable());
                if (out.containsKey(v.sourceTable()) || !spark.catalog().tableExists(name)) {
                    continue;
                }
                List<TableColumn> columns = new ArrayList<>();
                for (StructField f : spark.table(name).schema().fields()) {
                    columns.add(new TableColumn(f.name(), f.dataType().sql(), f.nullable()));
                }
                out.put(v.sourceTable(), columns);
            }
            return out;
        }

        /** Each contract source table → its latest Delta version (recorded with the report). */
        Map<String, Long> versions(ColourLayout layout, Contract contract) {
            Map<String, Long> out = new TreeMap<>();
            for (Contract.View v : contract.views().values()) {
                String table = layout.tableLocation(v.sourceTable());
                if (io.delta.tables.DeltaTable.isDeltaTable(spark, table)) {
                    out.put(layout.qualifiedTable(v.sourceTable()), io.delta.tables.DeltaTable.forPath(spark, table)
                            .history(1).first().<Long>getAs("version"));
                }
            }
            return out;
        }

        /** Per domain, the writer schema ids the colour's batches recorded. */
        Map<Domain, Set<Integer>> writerSchemaIds(ColourLayout layout) {
            Map<Domain, Set<Integer>> out = new EnumMap<>(Domain.class);
            if (!metricsExist(layout)) {
                return out;
            }
            for (Row r : metrics(layout).where("action = 'observed'").selectExpr("query", "metric").distinct()
                    .collectAsList()) {
                for (Domain d : Domain.values()) {
                    if (d.query().id().equals(r.getString(0))) {
                        out.computeIfAbsent(d, k -> new TreeSet<>())
                                .add(Integer.parseInt(r.getString(1).substring(r.getString(1).indexOf('.') + 1)));
                    }
                }
            }
            return out;
        }

        /** The Kafka time of the colour's first recorded batch, if it has one. */
        java.util.Optional<Instant> firstBatchTime(ColourLayout layout) {
            if (!metricsExist(layout)) {
                return java.util.Optional.empty();
            }
            Row r = metrics(layout).selectExpr("min(batch_kafka_ts)").first();
            return r.isNullAt(0) ? java.util.Optional.empty() : java.util.Optional.of(instant(r.get(0)));
        }

        /** Sums of the colour's expectation and decode counts, from batches at or after {@code since} (or all). */
        List<com.retailer.bluegreen.gates.ExpectationCounts> expectationCounts(ColourLayout layout, Instant since) {
            List<com.retailer.bluegreen.gates.ExpectationCounts> out = new ArrayList<>();
            if (!metricsExist(layout)) {
                return out;
            }
            var rows = metrics(layout).where("action <> 'observed'");
            if (since != null) {
                rows = rows.where(org.apache.spark.sql.functions.col("batch_kafka_ts")
                        .geq(org.apache.spark.sql.functions.lit(java.sql.Timestamp.from(since))));
            }
            for (Row r : rows.groupBy("metric", "action").agg(org.apache.spark.sql.functions.sum("evaluated"),
                    org.apache.spark.sql.functions.sum("failed")).collectAsList()) {
                String metric = r.getString(0);
                int dot = metric.indexOf('.');
                out.add(new com.retailer.bluegreen.gates.ExpectationCounts(metric.substring(0, dot),
                        metric.substring(dot + 1), r.getString(1), r.getLong(2), r.getLong(3)));
            }
            return out;
        }

        /** Each Silver table of the two colours at their offset cut. */
        List<com.retailer.bluegreen.gates.TableReconciliation> reconcile(ColourLayout live, ColourLayout cand) {
            List<com.retailer.bluegreen.gates.TableReconciliation> out = new ArrayList<>();
            for (Domain d : Domain.values()) {
                String topic = config.kafka().topics().get(d);
                Map<Integer, Long> l = CheckpointInspector.inspect(storage, live.checkpointLocation(d.query()))
                        .kafkaOffsets().getOrDefault(topic, Map.of());
                Map<Integer, Long> c = CheckpointInspector.inspect(storage, cand.checkpointLocation(d.query()))
                        .kafkaOffsets().getOrDefault(topic, Map.of());
                Map<Integer, Long> cut = new TreeMap<>();
                Set<Integer> partitions = new TreeSet<>(l.keySet());
                partitions.addAll(c.keySet());
                for (int p : partitions) {
                    cut.put(p, Math.max(0, Math.min(l.getOrDefault(p, 0L), c.getOrDefault(p, 0L))));
                }
                if (cut.isEmpty()) {
                    cut.put(0, 0L);
                }
                Map<Integer, Long> lower = BootstrapState.cutOf(storage, cand).map(x -> x.domains().get(d).offsets())
                        .orElse(Map.of());
                String reason = config.gates().intendedDifferences().get(d.silverTable());
                var intended = java.util.Optional.ofNullable(reason)
                        .map(r -> new com.retailer.bluegreen.gates.IntendedDifference(d.silverTable(), r, 0));
                var spec = com.retailer.bluegreen.gates.ReconciliationSpec.silver(d, lower, cut, intended);
                out.add(com.retailer.bluegreen.gates.spark.Reconciler.reconcile(spark,
                        live.tableLocation(d.silverTable()), cand.tableLocation(d.silverTable()), spec,
                        com.retailer.bluegreen.gates.BronzeKeys.forDomain(d, live.tableLocation(d.bronzeTable()),
                                cand.tableLocation(d.bronzeTable()))));
            }
            return out;
        }

        private boolean metricsExist(ColourLayout layout) {
            return io.delta.tables.DeltaTable.isDeltaTable(spark, layout.tableLocation(Tables.QUALITY_METRICS));
        }

        private org.apache.spark.sql.Dataset<Row> metrics(ColourLayout layout) {
            return spark.read().format("delta").load(layout.tableLocation(Tables.QUALITY_METRICS));
        }

        private static Instant instant(Object value) {
            return value instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) value;
        }
    }
}

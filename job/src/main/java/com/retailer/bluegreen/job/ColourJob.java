package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.ingest.bronze.Bronze;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.DomainCut;
import com.retailer.bluegreen.layout.KafkaRetention;
import com.retailer.bluegreen.layout.OwnerMarker;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.config.ConfigException;
import com.retailer.bluegreen.config.Expectation;
import com.retailer.bluegreen.transforms.Expectations;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.QualityMetrics;
import com.retailer.bluegreen.transforms.Gold;
import com.retailer.bluegreen.transforms.GoldFeed;
import com.retailer.bluegreen.transforms.ReferenceLoader;
import com.retailer.bluegreen.transforms.Silver;
import com.retailer.bluegreen.transforms.Tables;
import com.retailer.bluegreen.storage.HadoopStorage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of one colour: one streaming query per source domain (Kafka → Bronze + Silver in its
 * {@code foreachBatch}), one Gold query over the Silver change feeds, and the daily reference flow. Every name it
 * uses comes from {@link ColourLayout}; every table write carries (txnAppId, txnVersion = batch id).
 *
 * <p>The same class runs on Databricks (a JAR job per colour) and locally; only configuration differs.
 */
public final class ColourJob {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final ColourLayout layout;
    private final String gitSha;
    private final FaultPoints faults;
    private final Consumer<BatchReport> listener;
    private final Features features;
    private final Storage storage;
    private final Logger log;
    /** The marker of this run's claim on the checkpoint root, once claimed: one claim per run. */
    private OwnerMarker claimed;

    public ColourJob(SparkSession spark, PipelineConfig config, Colour colour, String gitSha,
                     Consumer<BatchReport> listener) {
        this.spark = spark;
        this.config = config;
        this.layout = config.layout(colour);
        this.gitSha = gitSha;
        this.faults = FaultPoints.fromSystemProperties();
        this.listener = listener;
        this.features = Features.of(config.transforms());
        this.storage = HadoopStorage.of(spark);
        this.log = LoggerFactory.getLogger(ColourJob.class.getName() + "." + layout.jobName());
    }

    /** The job of {@code colour} as its command runs it, on the session its configuration describes. */
    public static ColourJob create(PipelineConfig config, Colour colour, String gitSha,
                                   Consumer<BatchReport> listener) {
        SparkSession spark = Sessions.builder(config, config.layout(colour).jobName()).getOrCreate();
        return new ColourJob(spark, config, colour, gitSha, listener);
    }

    public ColourLayout layout() {
        return layout;
    }

    /**
     * Refuses expectations that are not allowed or do not fit their tables and a new generation of the live colour
     * ({@link LiveColourGuard}), claims the checkpoint root (refusing one owned by another colour or generation),
     * refuses a generation whose bootstrap did not finish, and creates the colour's schema and tables. Nothing is
     * written before the expectations pass, the guard admits and the claim succeeds; the claim is made once per run.
     */
    public void prepare() {
        List<String> problems = new ArrayList<>();
        for (Domain d : Domain.values()) {
            problems.addAll(Expectations.problems(spark, d, config.quality().of(d.silverTable())));
        }
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        LiveColourGuard.requireNotRepointingLive(spark, config, layout, "start");
        if (claimed == null) {
            claimed = OwnerMarker.claim(storage, layout, gitSha);
        }
        // Every MERGE source here is a persisted batch: deterministic, so Delta need not materialize it once more
        // (its default does, because the decode UDF is marked non-deterministic), which costs a job per MERGE.
        spark.conf().set("spark.databricks.delta.merge.materializeSource", "none");
        BootstrapState.requireFinished(storage, layout);
        Tables.ensure(spark, layout, features);
        log.info("[{}] prepared schema {} (generation {}, git {})", layout.jobName(), layout.qualifiedSchema(),
                layout.generation(), gitSha);
    }

    /** Loads reference files not yet loaded; returns how many. */
    public int loadReference() {
        return ReferenceLoader.loadNew(spark, storage, config.reference().inbox(), layout::tableLocation);
    }

    /** Runs until one query fails (rethrown) or the JVM stops; reference files are loaded on the side. */
    public void runContinuous() throws StreamingQueryException, TimeoutException {
        prepare();
        Heartbeat.start(spark, layout, gitSha, config.trigger().interval());
        Trigger trigger = Trigger.ProcessingTime(config.trigger().interval().toMillis());
        // awaitAnyTermination returns at once if any earlier query of this session has terminated.
        spark.streams().resetTerminated();
        List<StreamingQuery> queries = new ArrayList<>();
        for (Domain d : Domain.values()) {
            queries.add(startDomain(d, trigger));
        }
        queries.add(startGold(trigger));
        Thread reference = referencePoller();
        try {
            spark.streams().awaitAnyTermination();
        } finally {
            reference.interrupt();
            stopAll(queries);
        }
    }

    /**
     * Processes everything available now and stops: the domain queries concurrently, then the Gold query over
     * everything they committed.
     */
    public void runAvailableNow() throws StreamingQueryException, TimeoutException {
        prepare();
        loadReference();
        List<StreamingQuery> started = new ArrayList<>();
        try {
            for (Domain d : Domain.values()) {
                started.add(startDomain(d, Trigger.AvailableNow()));
            }
            for (StreamingQuery q : List.copyOf(started)) {
                q.awaitTermination();
            }
            StreamingQuery gold = startGold(Trigger.AvailableNow());
            started.add(gold);
            gold.awaitTermination();
        } finally {
            stopAll(started);   // a failed query must not leave its siblings running
        }
    }

    private static void stopAll(List<StreamingQuery> queries) throws TimeoutException {
        for (StreamingQuery q : queries) {
            if (q.isActive()) {
                q.stop();
            }
        }
    }

    /** Starts the Kafka → Bronze + Silver query of one domain. */
    public StreamingQuery startDomain(Domain domain, Trigger trigger) throws TimeoutException {
        Query query = domain.query();
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", config.kafka().bootstrapServers())
                .option("subscribe", config.kafka().topics().get(domain))
                .option("startingOffsets", startingOffsets(domain))
                .option("maxOffsetsPerTrigger", Long.toString(config.kafka().maxOffsetsPerTrigger()))
                .option("failOnDataLoss", "true")
                .option("groupIdPrefix", layout.groupIdPrefix(query));
        config.kafka().options().forEach(reader::option);   // keys are already kafka.-prefixed
        return reader.load().writeStream()
                .queryName(layout.queryName(query))
                .option("checkpointLocation", layout.checkpointLocation(query))
                .trigger(trigger)
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) ->
                        domainBatch(domain, batch, batchId))
                .start();
    }

    /**
     * Where a new checkpoint of the domain query starts: the bootstrap cut's offsets (partitions created after the
     * cut from earliest) when this generation was bootstrapped from a cut, else the configured starting offsets.
     * Specific offsets that Kafka no longer retains are refused here, before the query starts, instead of failing
     * its first batch. Once the checkpoint has a batch, Spark ignores this option.
     */
    private String startingOffsets(Domain domain) {
        Optional<ConsistentCut> cut = BootstrapState.cutOf(storage, layout);
        boolean fresh = CheckpointInspector.inspect(storage, layout.checkpointLocation(domain.query()))
                .lastPlannedBatch().isEmpty();
        if (cut.isEmpty() || !fresh) {
            return config.kafka().startingOffsetsFor(domain);
        }
        try (Admin admin = KafkaAdmins.create(config)) {
            Map<String, Set<Integer>> partitions = KafkaRetention.check(admin, cut.get());
            DomainCut d = cut.get().domains().get(domain);
            String json = d.startingOffsetsJson(partitions.getOrDefault(d.topic(), Set.of()));
            log.info("[{}] {} starts from the bootstrap cut: {}", layout.jobName(), domain.id(), json);
            return json;
        }
    }

    private void domainBatch(Domain domain, Dataset<Row> kafka, long batchId) {
        BatchReport.Clock clock = new BatchReport.Clock();
        Query query = domain.query();
        Dataset<Row> decoded = Bronze.decode(kafka, domain, config.schemaRegistry().url(),
                config.schemaRegistry().timeout(), config.schemaRegistry().authorization().orElse(""), batchId)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Expectation> expectations = config.quality().of(domain.silverTable());
            Expectations.Outcome checked = Expectations.evaluate(domain, faults.mutate(domain, decoded),
                    expectations, batchId);
            Dataset<Row> bronze = checked.bronze();
            Bronze.append(bronze, layout.tableLocation(domain.bronzeTable()),
                    layout.txnAppId(query, domain.bronzeTable()), batchId);
            faults.reached(query.id() + ":bronze-committed", batchId);
            clock.lap("decode+bronze");
            Silver.merge(domain, checked.silverInput(), layout.tableLocation(domain.silverTable()),
                    layout.txnAppId(query, domain.silverTable()), batchId);
            faults.reached(query.id() + ":silver-committed", batchId);
            clock.lap("silver");
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, Map<Integer, Long>> bySchema = new LinkedHashMap<>();
            java.time.Instant newest = null;
            for (Row r : bronze.groupBy("decode_status", "schema_id")
                    .agg(org.apache.spark.sql.functions.count("*"), org.apache.spark.sql.functions.max("kafka_ts"))
                    .collectAsList()) {
                counts.merge(r.getString(0), r.getLong(2), Long::sum);
                bySchema.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>())
                        .put(r.isNullAt(1) ? null : r.getInt(1), r.getLong(2));
                java.time.Instant ts = instant(r.get(3));
                newest = newest == null || (ts != null && ts.isAfter(newest)) ? ts : newest;
            }
            clock.lap("counts");
            Map<String, String> actions = new LinkedHashMap<>();
            expectations.forEach(e -> actions.put(e.qualifiedName(), e.action().id()));
            // The batch's own session: the txn settings must not reach the other queries' concurrent writes.
            QualityMetrics.append(decoded.sparkSession(), layout.tableLocation(Tables.QUALITY_METRICS),
                    layout.txnAppId(query, Tables.QUALITY_METRICS), query.id(), domain.bronzeTable(), batchId,
                    newest, bySchema,
                    checked.counts(), actions);
            clock.lap("metrics");
            report(clock.report(query, batchId, counts));
        } finally {
            decoded.unpersist();
        }
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return (java.time.Instant) value;
    }

    /** Starts the Gold query over the three Silver change feeds. */
    public StreamingQuery startGold(Trigger trigger) throws TimeoutException {
        Dataset<Row> feed = GoldFeed.stream(spark, layout.tableLocation(Tables.ORDERS),
                layout.tableLocation(Tables.MOVEMENTS), layout.tableLocation(Tables.SHIPMENTS), 1000,
                BootstrapState.cutOf(storage, layout).isPresent() ? BootstrapState.FIRST_OWN_VERSION : 0);
        return feed.writeStream()
                .queryName(layout.queryName(Query.GOLD))
                .option("checkpointLocation", layout.checkpointLocation(Query.GOLD))
                .trigger(trigger)
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) this::goldBatch)
                .start();
    }

    private void goldBatch(Dataset<Row> feed, long batchId) {
        BatchReport.Clock clock = new BatchReport.Clock();
        Dataset<Row> cached = feed.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Gold.apply(cached, batchId, features, layout::tableLocation, t -> layout.txnAppId(Query.GOLD, t),
                    t -> {
                        faults.reached("gold:" + t + "-committed", batchId);
                        clock.lap(t);
                    });
            long changes = cached.count();
            clock.lap("count");
            report(clock.report(Query.GOLD, batchId, Map.of("changes", changes)));
        } finally {
            cached.unpersist();
        }
    }

    private void report(BatchReport r) {
        log.info("[{}] {} batch {}: {} in {} ms {}", layout.jobName(), r.query().id(), r.batchId(), r.counts(),
                r.millis(), r.steps());
        listener.accept(r);
    }

    /** Loads reference files now and then every poll interval, beside the streams (never delaying ingest). */
    private Thread referencePoller() {
        long everyMs = config.reference().pollInterval().toMillis();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    loadReference();
                } catch (RuntimeException e) {
                    log.warn("[{}] reference load failed; will retry in {} ms", layout.jobName(), everyMs, e);
                }
                try {
                    Thread.sleep(everyMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, layout.jobName() + "-reference");
        t.setDaemon(true);
        t.start();
        return t;
    }
}

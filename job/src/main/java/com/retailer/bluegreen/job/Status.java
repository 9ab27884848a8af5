package com.retailer.bluegreen.job;

import com.retailer.bluegreen.publish.spark.SparkReleases;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.StatusReport.ColourStatus;
import com.retailer.bluegreen.job.StatusReport.QueryStatus;
import com.retailer.bluegreen.job.StatusReport.Running;
import com.retailer.bluegreen.job.StatusReport.TableFreshness;
import com.retailer.bluegreen.job.StatusReport.ViewStatus;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.CheckpointState;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.KafkaLag;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.storage.HadoopStorage;
import com.retailer.bluegreen.publish.Admission;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.DesiredState;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.transforms.Tables;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Gathers {@code status}: the release state and what each view serves ({@link Release#publication}), and per
 * colour its heartbeat ({@link Heartbeat}), each query's last committed batch and Kafka lag (checkpoint files and
 * the topics' end offsets, as {@code inspect}), and the newest event time in its Silver and Gold tables. Reads only;
 * creates nothing. Kafka is asked only about colours that have committed a batch, and an unreachable broker makes
 * the lag unknown rather than failing the status.
 */
public final class Status {
    /** Table → the column holding its event time (Silver) or day (Gold), per docs/semantics.md. */
    private static final Map<String, String> EVENT_TIME = eventTimes();
    private static final Set<String> SILVER = Set.of(Tables.ORDERS, Tables.MOVEMENTS, Tables.SHIPMENTS);
    private static final Duration MIN_STALE_AFTER = Duration.ofSeconds(30);

    private Status() {
    }

    /** The status at {@code now}; Kafka calls give up after {@code kafkaTimeout}. */
    public static StatusReport collect(SparkSession spark, PipelineConfig config, Contract contractFile,
                                       Instant now, Duration kafkaTimeout) {
        Release release = SparkReleases.create(spark, config.layouts(), contractFile,
                config.publish().parallelism(), Admission.none("read the release state"));
        Storage storage = HadoopStorage.of(spark);
        Map<Colour, Map<Query, CheckpointState>> checkpoints = new LinkedHashMap<>();
        for (Colour c : Colour.values()) {
            checkpoints.put(c, checkpoints(storage, config.layout(c)));
        }
        Lags lags = lags(config, checkpoints, kafkaTimeout);
        List<ColourStatus> colours = new ArrayList<>();
        for (Colour c : Colour.values()) {
            colours.add(colour(spark, storage, config, c, checkpoints.get(c), lags, now));
        }
        return new StatusReport(now, config.pipeline(), publication(release.publication()), colours);
    }

    /** How old a heartbeat may be for a colour to count as running: three trigger intervals, at least 30 s. */
    static Duration staleAfter(PipelineConfig config) {
        Duration three = config.trigger().interval().multipliedBy(3);
        return three.compareTo(MIN_STALE_AFTER) < 0 ? MIN_STALE_AFTER : three;
    }

    private static StatusReport.Publication publication(Release.Publication p) {
        DesiredState d = p.desired();
        List<ViewStatus> views = new ArrayList<>();
        p.views().values().forEach(v -> views.add(new ViewStatus(v.view(), v.name(), v.exists(),
                v.colour().map(Colour::id), v.releaseId(), v.sourceTable())));
        return new StatusReport.Publication(Optional.ofNullable(d.colour()).map(Colour::id), d.epoch(),
                Optional.ofNullable(d.releaseId()), Optional.ofNullable(d.actor()), Optional.ofNullable(d.updatedAt()),
                p.record().isPresent() || d.epoch() == 0, p.lastRecordedEpoch(), views, p.auditProblem());
    }

    private static ColourStatus colour(SparkSession spark, Storage storage, PipelineConfig config, Colour colour,
                                       Map<Query, CheckpointState> checkpoints, Lags lags, Instant now) {
        ColourLayout layout = config.layout(colour);
        Duration staleAfter = staleAfter(config);
        Running running = Heartbeat.read(storage, layout)
                .map(b -> new Running(b.fresh(now, staleAfter), Optional.of(b.at()), staleAfter,
                        Optional.of(b.gitSha()), Optional.of(b.host()), b.queries()))
                .orElseGet(() -> new Running(false, Optional.empty(), staleAfter, Optional.empty(),
                        Optional.empty(), List.of()));
        List<QueryStatus> queries = new ArrayList<>();
        checkpoints.forEach((q, state) -> {
            Optional<KafkaLag> lag = Optional.ofNullable(lags.byColour().get(colour)).map(m -> m.get(q));
            queries.add(new QueryStatus(q.id(), state.lastCommittedBatch(), lag.map(KafkaLag::maxLag),
                    lag.map(KafkaLag::totalLag)));
        });
        return new ColourStatus(colour.id(), layout.generation(), running, queries,
                Optional.ofNullable(lags.problems().get(colour)), freshness(spark, layout, now));
    }

    private static Map<Query, CheckpointState> checkpoints(Storage storage, ColourLayout layout) {
        Map<Query, CheckpointState> out = new LinkedHashMap<>();
        for (Query q : List.of(Query.ORDERS, Query.INVENTORY, Query.FULFILLMENT, Query.GOLD)) {
            out.put(q, CheckpointInspector.inspect(storage, layout.checkpointLocation(q)));
        }
        return out;
    }

    /** Lag per colour and domain query, and why it is unknown for a colour where it is. */
    private record Lags(Map<Colour, Map<Query, KafkaLag>> byColour, Map<Colour, String> problems) {
    }

    private static Lags lags(PipelineConfig config, Map<Colour, Map<Query, CheckpointState>> checkpoints,
                             Duration timeout) {
        Map<Colour, Map<Query, KafkaLag>> byColour = new HashMap<>();
        Map<Colour, String> problems = new HashMap<>();
        List<Colour> started = new ArrayList<>();
        for (Colour c : Colour.values()) {
            boolean committed = checkpoints.get(c).values().stream()
                    .anyMatch(s -> s.lastCommittedBatch().isPresent());
            if (committed) {
                started.add(c);
            } else {
                problems.put(c, "not measured: the colour has committed no batch yet");
            }
        }
        if (started.isEmpty()) {
            return new Lags(byColour, problems);
        }
        Admin admin = KafkaAdmins.create(config, timeout);
        try {
            KafkaLag.OffsetSource offsets = KafkaLag.offsetsFrom(admin, timeout);
            for (Colour c : started) {
                Map<Query, KafkaLag> perQuery = new LinkedHashMap<>();
                for (Domain d : Domain.values()) {
                    perQuery.put(d.query(), KafkaLag.compute(Set.of(config.kafka().topics().get(d)),
                            checkpoints.get(c).get(d.query()).kafkaOffsets(), offsets));
                }
                byColour.put(c, perQuery);
            }
        } catch (RuntimeException e) {
            String why = "unknown: Kafka at " + config.kafka().bootstrapServers() + " did not answer ("
                    + e.getMessage() + ")";
            started.forEach(c -> problems.put(c, why));
            byColour.clear();
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
        return new Lags(byColour, problems);
    }

    private static List<TableFreshness> freshness(SparkSession spark, ColourLayout layout, Instant now) {
        List<TableFreshness> out = new ArrayList<>();
        EVENT_TIME.forEach((table, column) -> {
            String name = layout.qualifiedTable(table);
            boolean silver = SILVER.contains(table);
            if (!spark.catalog().tableExists(name)) {
                out.add(new TableFreshness(table, column, silver, false, Optional.empty(), Optional.empty()));
                return;
            }
            Row r = spark.sql("SELECT max(" + column + ") FROM " + name).first();
            Optional<Instant> newest = Optional.ofNullable(r.get(0)).map(Status::instant);
            out.add(new TableFreshness(table, column, silver, true, newest,
                    newest.map(n -> Duration.between(n, now))));
        });
        return out;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof Date d) {
            return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        throw new IllegalStateException("not a time: " + value);
    }

    private static Map<String, String> eventTimes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Tables.ORDERS, "source_ts");
        m.put(Tables.MOVEMENTS, "event_ts");
        m.put(Tables.SHIPMENTS, "last_event_ts");
        m.put(Tables.REVENUE, "order_date");
        m.put(Tables.SLA, "ship_date");
        return m;
    }
}

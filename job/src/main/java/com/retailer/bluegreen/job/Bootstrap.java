package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.CutTaker;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.KafkaRetention;
import com.retailer.bluegreen.layout.OwnerMarker;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.layout.SqlNames;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.Tables;
import io.delta.tables.DeltaTable;
import com.retailer.bluegreen.layout.Locations;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.storage.HadoopStorage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a fresh generation of a colour from another colour's consistent cut (ARCHITECTURE.md, "Consistent cut"):
 * shallow clones of the source's tables at the cut's versions, then the colour's queries start in new checkpoints
 * from exactly the cut's Kafka offsets, and its Gold query reads the cloned Silver change feeds from just after the
 * clone. No gap, no overlap.
 *
 * <p>One bootstrap of a target runs at a time ({@link BootstrapLease}); a second is refused. The cut is chosen once and
 * written, atomically and only once, into the target's checkpoint root ({@link ColourLayout#bootstrapCutFile()}) before the
 * first clone, so a bootstrap interrupted at any point resumes with the same cut and converges; a table already
 * cloned is checked (source and version), never re-cloned. A column the target's release adds is backfilled into
 * its clone from the cloned Silver tables ({@link UnitsSoldBackfill}). {@link ColourLayout#bootstrapDoneFile()} is
 * written last; the colour's job refuses to start without it ({@link BootstrapState#requireFinished}).
 */
public final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
    private static final int CLONE_THREADS = 4;

    private Bootstrap() {
    }

    /** Tables cloned at the latest version rather than at the cut: their loads are idempotent by content. */
    static List<String> latestTables() {
        return List.of(Tables.REF_PRODUCTS, Tables.REF_WAREHOUSES, Tables.REF_CARRIERS);
    }

    static List<String> goldTables() {
        return List.of(Tables.REVENUE, Tables.ON_HAND, Tables.SLA);
    }

    /**
     * Bootstraps {@code target} from {@code source}'s consistent cut: claims the target's checkpoint root, takes (or
     * resumes) the cut, refuses a cut whose offsets Kafka no longer retains, clones every table at its cut version
     * and registers the target's schema. Returns the cut; the colour's job then starts from it.
     */
    public static ConsistentCut fromCut(SparkSession spark, PipelineConfig config, Colour source, Colour target,
                                        String gitSha, Clock clock) {
        if (source == target) {
            throw new BootstrapException("Cannot bootstrap " + target.id() + " from itself: the source of a"
                    + " consistent cut must be the other colour. Pass --from " + target.other().id() + ".");
        }
        ColourLayout from = config.layout(source);
        ColourLayout to = config.layout(target);
        LiveColourGuard.requireNotRepointingLive(spark, config, to, "bootstrap");
        Storage storage = HadoopStorage.of(spark);
        OwnerMarker.claim(storage, to, gitSha);
        try (BootstrapLease lease = BootstrapLease.acquire(storage, to, Clock.systemUTC())) {
            Optional<ConsistentCut> resumed = BootstrapState.cutOf(storage, to);
            ConsistentCut cut;
            if (resumed.isPresent()) {
                cut = resumed.get();
                if (cut.colour() != source || cut.generation() != from.generation()) {
                    throw new BootstrapException(to.jobName() + " was already bootstrapped from " + cut.colour().id()
                            + " generation " + cut.generation() + " (" + to.bootstrapCutFile() + "), not from " + from.jobName()
                            + ". A generation is bootstrapped once: raise colours." + target.id()
                            + ".generation to bootstrap again.");
                }
                LOG.info("[{}] resuming the bootstrap from {}'s cut at Gold batch {}", to.jobName(), from.jobName(),
                        cut.goldBatch());
            } else {
                refuseStarted(storage, to, target);
                cut = CutTaker.take(storage, from, config.kafka().topics(), goldTables(), latestTables(), clock);
            }
            checkTopics(config, cut, target);
            try (Admin admin = KafkaAdmins.create(config)) {
                KafkaRetention.check(admin, cut);
            }
            if (resumed.isEmpty() && !cut.writeOnce(storage, to.bootstrapCutFile()).equals(cut)) {
                throw new BootstrapException("Another bootstrap of " + to.jobName() + " wrote its cut first ("
                        + to.bootstrapCutFile() + "); this one changed nothing. Re-run the bootstrap to resume that"
                        + " cut.");
            }
            long t0 = System.nanoTime();
            cloneAll(spark, from, to, cut);
            long t1 = System.nanoTime();
            Features features = Features.of(config.transforms());
            if (features.unitsSold()) {
                UnitsSoldBackfill.apply(spark, to);
            }
            long t2 = System.nanoTime();
            Tables.ensure(spark, to, features);
            writeDone(storage, to, cut);
            LOG.info("[{}] bootstrapped from {} at Gold batch {}: {} tables cloned in {} ms, backfill {} ms, catalog"
                    + " registration {} ms", to.jobName(), from.jobName(), cut.goldBatch(), cut.tableVersions().size(),
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            return cut;
        }
    }

    /**
     * Starts a fresh generation from scratch: the colour's queries read from the configured starting offsets
     * (earliest retained by default) and rebuild every table.
     */
    public static void fromScratch(SparkSession spark, PipelineConfig config, Colour target, String gitSha) {
        ColourLayout to = config.layout(target);
        LiveColourGuard.requireNotRepointingLive(spark, config, to, "bootstrap");
        Storage storage = HadoopStorage.of(spark);
        OwnerMarker.claim(storage, to, gitSha);
        try (BootstrapLease lease = BootstrapLease.acquire(storage, to, Clock.systemUTC())) {
            if (BootstrapState.cutOf(storage, to).isPresent()) {
                throw new BootstrapException(to.jobName() + " was bootstrapped from a consistent cut ("
                        + to.bootstrapCutFile() + "); it cannot also start from scratch. Raise colours." + target.id()
                        + ".generation for a from-scratch generation.");
            }
            refuseStarted(storage, to, target);
            Tables.ensure(spark, to, Features.of(config.transforms()));
        }
    }

    private static void writeDone(Storage storage, ColourLayout to, ConsistentCut cut) {
        String done = to.bootstrapDoneFile();
        try {
            if (storage.isFile(done)) {
                return;
            }
            storage.write(done, (new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("pipeline", cut.pipeline()).put("from", cut.colour().id())
                    .put("fromGeneration", cut.generation()).put("goldBatch", cut.goldBatch()) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + done + "; run the bootstrap again", e);
        }
    }

    private static void refuseStarted(Storage storage, ColourLayout to, Colour target) {
        List<String> started = new ArrayList<>();
        for (Query q : Query.values()) {
            if (CheckpointInspector.inspect(storage, to.checkpointLocation(q)).lastPlannedBatch().isPresent()) {
                started.add(q.id());
            }
        }
        if (!started.isEmpty()) {
            throw new BootstrapException(to.jobName() + " has already processed data (queries " + started
                    + " under " + to.checkpointRoot() + "): a bootstrap starts a new generation. Raise colours."
                    + target.id() + ".generation to " + (to.generation() + 1) + " and run it again.");
        }
    }

    private static void checkTopics(PipelineConfig config, ConsistentCut cut, Colour target) {
        for (Domain d : Domain.values()) {
            String configured = config.kafka().topics().get(d);
            String cutTopic = cut.domains().get(d).topic();
            if (!configured.equals(cutTopic)) {
                throw new BootstrapException("The cut's " + d.id() + " offsets are for topic " + cutTopic + " but "
                        + target.id() + " is configured to read " + configured + " (kafka.topics." + d.id()
                        + "). A cut can only seed the same topic: bootstrap from scratch instead.");
            }
        }
    }

    /** Clones every table of the cut, a few at a time: each clone is an independent Delta commit. */
    private static void cloneAll(SparkSession spark, ColourLayout from, ColourLayout to, ConsistentCut cut) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(CLONE_THREADS);
        try {
            List<java.util.concurrent.Future<?>> clones = new ArrayList<>();
            for (Map.Entry<String, Long> t : cut.tableVersions().entrySet()) {
                clones.add(pool.submit(() -> cloneTable(spark, from.tableLocation(t.getKey()),
                        to.tableLocation(t.getKey()), t.getValue(), cut)));
            }
            for (java.util.concurrent.Future<?> f : clones) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BootstrapException("Interrupted while cloning " + from.jobName() + "'s tables; run the"
                    + " bootstrap again to resume the same cut.");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("cloning a table of " + from.jobName() + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Clones one table at the cut version, or checks that an earlier attempt already did exactly that. */
    private static void cloneTable(SparkSession spark, String source, String target, long version,
                                   ConsistentCut cut) {
        if (!DeltaTable.isDeltaTable(spark, target)) {
            spark.sql("CREATE TABLE " + SqlNames.pathIdentifier(target) + " SHALLOW CLONE "
                    + SqlNames.pathIdentifier(source) + " VERSION AS OF " + version);
        } else {
            checkIsClone(spark, source, target, version);
        }
        long latest = DeltaTable.forPath(spark, target).history(1).head().getLong(0);
        if (latest < BootstrapState.FIRST_OWN_VERSION) {
            // An empty commit after the clone: the Gold query's change feed starts here (a stream cannot start
            // at a version that does not exist yet), and the table's history says where it came from.
            spark.sql("ALTER TABLE " + SqlNames.pathIdentifier(target) + " SET TBLPROPERTIES ("
                    + SqlNames.stringLiteral(BootstrapState.MARKER_PROPERTY) + " = " + SqlNames.stringLiteral(
                    cut.pipeline() + " " + cut.colour().id() + " g" + cut.generation() + " gold batch "
                    + cut.goldBatch() + " version " + version) + ")");
        }
    }

    private static void checkIsClone(SparkSession spark, String source, String target, long version) {
        Row first = DeltaTable.forPath(spark, target).history().where("version = 0")
                .select("operation", "operationParameters").head();
        Map<String, String> params = first.getJavaMap(1);
        String op = first.getString(0);
        String clonedFrom = params.getOrDefault("source", "");
        String clonedVersion = params.getOrDefault("sourceVersion", "");
        if (!"CLONE".equals(op) || !clonedFromPath(clonedFrom, source)
                || !clonedVersion.equals(Long.toString(version))) {
            throw new BootstrapException(target + " already exists and is not the clone of " + source
                    + " at version " + version + " (its version 0 is " + op + " " + params + "). Bootstrap"
                    + " writes only into a new generation: raise the colour's generation.");
        }
    }

    /** Whether a CLONE's {@code source} parameter ({@code delta.`<location>`}) names the table at {@code source}. */
    static boolean clonedFromPath(String clonedFrom, String source) {
        int open = clonedFrom.indexOf('`');
        if (open < 0 || !clonedFrom.endsWith("`") || open == clonedFrom.length() - 1) {
            return false;
        }
        try {
            return Locations.same(clonedFrom.substring(open + 1, clonedFrom.length() - 1), source);
        } catch (RuntimeException unparsable) {
            return false;
        }
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.publish.PublishedViews;
import com.retailer.bluegreen.publish.spark.SparkCatalog;
import com.retailer.bluegreen.storage.HadoopStorage;
import java.nio.file.Path;
import com.retailer.bluegreen.publish.DesiredState;
import com.retailer.bluegreen.publish.spark.ControlTable;
import com.retailer.bluegreen.transforms.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The interlocks that keep what consumers read from changing outside a release step: the colour the published views
 * serve (the live colour) never starts a new generation in place — its table names would be re-pointed at empty
 * tables under the consumers, with no gate and no audit record — and is never vacuumed, and neither is a colour whose
 * job is running. Replaying or backfilling live data goes through a release: a new generation of the idle colour,
 * the gates, a promotion. Each check reads only; a refusal is {@link ErrorCode#LIVE_COLOUR} with nothing written.
 */
final class LiveColourGuard {

    private LiveColourGuard() {
    }

    /** The desired state of the published views, as the control table says; NONE before the first promotion. */
    static DesiredState live(SparkSession spark, PipelineConfig config) {
        return new ControlTable(spark, config.release().controlTableLocation()).desired();
    }

    /**
     * Whether {@code colour} is live: the control table's desired colour, or the colour any published view reads
     * right now, as the catalog has it. Asking the views too means a configuration pointing at another control
     * table (an overridden {@code publish.storageBase}) cannot make a live colour look idle.
     */
    static boolean isLive(SparkSession spark, PipelineConfig config, Colour colour, DesiredState desired) {
        if (desired.colour() == colour) {
            return true;
        }
        return PublishedViews.read(new SparkCatalog(spark), config.layouts(), viewNames(config)).values()
                .stream().anyMatch(v -> v.colour().filter(colour::equals).isPresent());
    }

    /**
     * The names a published view may have: every table name of the pipeline (a view is named after the table it reads
     * unless the contract says otherwise) and every view of the contract file, when the file can be read. A colour
     * job needs no contract file of its own (the publisher's commands do), so a missing or unreadable one only
     * narrows the names asked to the table names; the control table's desired state is asked first in any case.
     */
    static java.util.Set<String> viewNames(PipelineConfig config) {
        java.util.Set<String> names = new java.util.TreeSet<>(Tables.names());
        try {
            Contract contract = ContractFile.load(Path.of(config.publish().contract()), "publish.contract");
            names.addAll(contract.views().keySet());
        } catch (com.retailer.bluegreen.publish.ContractFileException unreadable) {
            org.slf4j.LoggerFactory.getLogger(LiveColourGuard.class).debug("live colour guard without the contract"
                    + " file ({}): asking the views named after the tables", unreadable.getMessage());
        }
        return names;
    }

    /**
     * Refuses to {@code action} {@code layout}'s generation when its colour is live and its table names are
     * registered at another generation's tables (what starting this generation would re-point).
     */
    static void requireNotRepointingLive(SparkSession spark, PipelineConfig config, ColourLayout layout,
                                         String action) {
        DesiredState live = live(spark, config);
        if (!isLive(spark, config, layout.colour(), live)) {
            return;
        }
        List<String> repointed = Tables.registeredElsewhere(spark, layout);
        if (!repointed.isEmpty()) {
            throw new BlueGreenException(ErrorCode.LIVE_COLOUR, "Refused to " + action + " " + layout.jobName()
                    + " generation " + layout.generation() + ", nothing was changed: " + layout.colour().id()
                    + " serves the published views (" + describe(live, layout.colour()) + ") from another"
                    + " generation's tables, and starting this generation would re-point "
                    + repointed + " at new, empty tables under the consumers, with no gate and no audit record."
                    + " Start the new generation on the idle colour, " + layout.colour().other().id() + " (raise"
                    + " colours." + layout.colour().other().id() + ".generation, bootstrap it), validate it and"
                    + " promote it; or put colours." + layout.colour().id() + ".generation back.");
        }
    }

    private static String describe(DesiredState live, Colour colour) {
        return live.colour() == colour ? "release " + live.releaseId() + ", epoch " + live.epoch()
                : "a published view reads it";
    }

    /**
     * Refuses to vacuum {@code layout}'s colour while it is live, or while its job is running (its heartbeat is
     * younger than {@code staleAfter}): a running job's and the consumers' reads need the files VACUUM deletes.
     */
    static void requireNotLiveOrRunning(SparkSession spark, PipelineConfig config, ColourLayout layout,
                                        Duration staleAfter, Instant now) {
        DesiredState live = live(spark, config);
        if (isLive(spark, config, layout.colour(), live)) {
            throw new BlueGreenException(ErrorCode.LIVE_COLOUR, "VACUUM of " + layout.jobName() + " refused,"
                    + " nothing was deleted: it serves the published views (" + describe(live, layout.colour())
                    + "). Vacuum only a retired colour: promote the other colour first, let it bake,"
                    + " stop this colour's job, then vacuum.");
        }
        Heartbeat.read(HadoopStorage.of(spark), layout).filter(b -> b.fresh(now, staleAfter)).ifPresent(beat -> {
            throw new BlueGreenException(ErrorCode.LIVE_COLOUR, "VACUUM of " + layout.jobName() + " refused,"
                    + " nothing was deleted: its job is running (heartbeat from " + beat.host() + " at " + beat.at()
                    + "). Stop the job first; VACUUM deletes files its queries may still read.");
        });
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.SqlNames;
import com.retailer.bluegreen.layout.Locations;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.storage.HadoopStorage;
import java.time.Instant;
import com.retailer.bluegreen.transforms.Tables;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clone lineage (ARCHITECTURE.md, "Consistent cut"): a shallow clone reads its source's files, so VACUUM of the
 * source must never delete a file a live clone still references. Before vacuuming a colour's table this computes
 * the reference index — the files of the other colour's current table that lie under this table's location — and
 * intersects it with what VACUUM would delete ({@code DRY RUN}). A non-empty intersection is refused, or, with
 * {@code detach}, first resolved by rewriting the referencing table's files into its own location
 * (a rewrite with {@code dataChange = false}, invisible to its change feed and to streams).
 */
public final class CloneGuard {
    private static final Logger LOG = LoggerFactory.getLogger(CloneGuard.class);

    private CloneGuard() {
    }

    /** What vacuuming one table did. */
    public record TableVacuum(String table, int filesDeleted, int referencedByOther, boolean detached) {
    }

    /**
     * Vacuums every table of {@code colour} with the given retention, never deleting a file the other colour's
     * current tables reference. Returns per-table figures; throws {@link CloneLineageException} if a referenced
     * file would be deleted and {@code detach} is false (or detaching did not remove the reference), or while the
     * other colour's bootstrap from this colour's cut has not finished cloning (the clones it has yet to make will
     * read files no current table references), and a {@link ErrorCode#LIVE_COLOUR} refusal while {@code colour}
     * serves the published views or its job is running. The retention is the caller's: the command line asks for
     * {@code --force}, recorded in the audit ledger, below Delta's default.
     */
    public static List<TableVacuum> vacuum(SparkSession spark, PipelineConfig config, Colour colour,
                                           double retainHours, boolean detach) {
        ColourLayout mine = config.layout(colour);
        ColourLayout other = config.layout(colour.other());
        LiveColourGuard.requireNotLiveOrRunning(spark, config, mine, Status.staleAfter(config), Instant.now());
        Storage storage = HadoopStorage.of(spark);
        BootstrapState.cutOf(storage, other).filter(cut -> cut.colour() == colour
                && cut.generation() == mine.generation() && !BootstrapState.finished(storage, other)).ifPresent(cut -> {
                    throw new CloneLineageException("VACUUM of " + mine.jobName() + " refused, nothing was deleted: "
                            + other.jobName() + " generation " + other.generation() + " is being bootstrapped from"
                            + " its consistent cut at Gold batch " + cut.goldBatch() + " and has not finished"
                            + " cloning (" + other.bootstrapDoneFile() + " is not written yet); the clones it has yet"
                            + " to make read files of " + mine.jobName() + " that no current table references."
                            + " Let the bootstrap finish (re-run it if it died), then vacuum.");
                });
        // First every table's check, so a refusal deletes nothing at all.
        Map<String, Set<String>> wouldDelete = new LinkedHashMap<>();
        Map<String, Set<String>> conflicts = new LinkedHashMap<>();
        for (String table : Tables.names()) {
            String location = mine.tableLocation(table);
            if (!DeltaTable.isDeltaTable(spark, location)) {
                continue;
            }
            Set<String> deleted = dryRun(spark, location, retainHours);
            wouldDelete.put(table, deleted);
            Set<String> conflict = intersect(deleted, references(spark, other.tableLocation(table), location));
            if (!conflict.isEmpty()) {
                conflicts.put(table, conflict);
            }
        }
        if (!conflicts.isEmpty() && !detach) {
            Map.Entry<String, Set<String>> first = conflicts.entrySet().iterator().next();
            throw new CloneLineageException("VACUUM of " + mine.jobName() + " would delete files that "
                    + other.jobName() + "'s shallow clones still read: " + counts(conflicts) + ", e.g. "
                    + first.getValue().iterator().next() + ". Nothing was deleted. Rewrite the clones' files first"
                    + " (vacuum with detach), or keep " + mine.jobName() + "'s storage.");
        }
        for (String table : conflicts.keySet()) {
            String location = mine.tableLocation(table);
            String referencing = other.tableLocation(table);
            detach(spark, referencing);
            Set<String> left = intersect(dryRun(spark, location, retainHours), references(spark, referencing,
                    location));
            if (!left.isEmpty()) {
                throw new CloneLineageException("After rewriting " + referencing + ", it still references "
                        + left.size() + " file(s) under " + location + " that VACUUM would delete. Nothing of "
                        + mine.jobName() + " was deleted; keep its storage and report this.");
            }
        }
        List<TableVacuum> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> t : wouldDelete.entrySet()) {
            String location = mine.tableLocation(t.getKey());
            spark.sql("VACUUM " + SqlNames.pathIdentifier(location) + " RETAIN " + retainHours + " HOURS");
            boolean detached = conflicts.containsKey(t.getKey());
            out.add(new TableVacuum(t.getKey(), t.getValue().size(),
                    references(spark, other.tableLocation(t.getKey()), location).size(), detached));
            LOG.info("vacuumed {} ({} files deleted{})", location, t.getValue().size(),
                    detached ? ", after detaching " + other.tableLocation(t.getKey()) : "");
        }
        return out;
    }

    private static String counts(Map<String, Set<String>> conflicts) {
        StringBuilder b = new StringBuilder();
        conflicts.forEach((t, files) -> b.append(b.length() == 0 ? "" : ", ").append(t).append(' ')
                .append(files.size()).append(" file(s)"));
        return b.toString();
    }

    /**
     * The reference index of one table: the files of {@code table}'s current snapshot — data files and deletion
     * vector files — that lie under {@code sourceLocation}. A shallow clone records its source's files (and their
     * deletion vectors) by absolute path; the table's own files are relative and never match.
     */
    public static Set<String> references(SparkSession spark, String table, String sourceLocation) {
        Set<String> out = new TreeSet<>();
        if (!DeltaTable.isDeltaTable(spark, table)) {
            return out;
        }
        String prefix = Locations.comparable(sourceLocation) + "/";
        DeltaLog log = DeltaLog.forTable(spark, table);
        Snapshot snapshot = log.update(log.update$default$1(), log.update$default$2(), log.update$default$3());
        List<Row> files = snapshot.allFiles().toDF()
                .selectExpr("path", "deletionVector.storageType", "deletionVector.pathOrInlineDv").collectAsList();
        for (Row f : files) {
            String path = absolute(f.getString(0));
            if (path != null && path.startsWith(prefix)) {
                out.add(path);
            }
            // 'p': a deletion vector stored at an absolute path (how a clone points at its source's vectors).
            if (!f.isNullAt(1) && "p".equals(f.getString(1))) {
                String dv = absolute(f.getString(2));
                if (dv != null && dv.startsWith(prefix)) {
                    out.add(dv);
                }
            }
        }
        return out;
    }

    /** An absolute file location from a Delta log path, bucket included; null for a path relative to the table. */
    private static String absolute(String logPath) {
        return Locations.ofDeltaLogPath(logPath);
    }

    /** How many files of each of {@code colour}'s tables lie under the other colour's storage. */
    public static Map<String, Integer> referencesToOther(SparkSession spark, PipelineConfig config, Colour colour) {
        ColourLayout mine = config.layout(colour);
        ColourLayout other = config.layout(colour.other());
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String table : Tables.names()) {
            out.put(table, references(spark, mine.tableLocation(table), other.tableLocation(table)).size());
        }
        return out;
    }

    private static Set<String> dryRun(SparkSession spark, String location, double retainHours) {
        Set<String> out = new TreeSet<>();
        String sql = "VACUUM " + SqlNames.pathIdentifier(location) + " RETAIN " + retainHours + " HOURS DRY RUN";
        for (Row r : spark.sql(sql).collectAsList()) {
            out.add(Locations.comparable(r.getString(0)));
        }
        return out;
    }

    /**
     * Rewrites every file of {@code table} into its own location without changing its data: Delta's documented
     * compaction by overwrite with {@code dataChange = false}, so streams and the change feed ignore the commit. A
     * concurrent write to the table makes one of the two commits fail; the colour job retries its batch.
     */
    private static void detach(SparkSession spark, String table) {
        LOG.info("rewriting {} into its own location (overwrite with dataChange = false)", table);
        spark.read().format("delta").load(table).write().format("delta").mode("overwrite")
                .option("dataChange", "false").save(table);
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.retainAll(b);
        return out;
    }
}

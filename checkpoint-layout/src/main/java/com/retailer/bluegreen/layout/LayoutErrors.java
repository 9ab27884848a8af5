package com.retailer.bluegreen.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Every user-facing error of this package, worded once: the problem, why, and what to do. */
final class LayoutErrors {

    private LayoutErrors() {
    }

    static CheckpointOwnershipException notOwner(String root, OwnerMarker owner, OwnerMarker claimant) {
        return new CheckpointOwnershipException("Checkpoint root '" + root + "' is owned by " + owner.describe()
                + ", so " + claimant.describe() + " may not run on it. A colour job runs only on a checkpoint it owns"
                + " (sharing one would interleave two jobs' batches). Run with your own colour and generation, whose"
                + " checkpoint root is separate, or start a new generation (increase colours." + claimant.colour().id()
                + ".generation) to get a fresh checkpoint root. Do not edit or delete '" + OwnerMarker.FILE_NAME
                + "' to take over a checkpoint another job may still be using.", root, owner, claimant);
    }

    static CheckpointFormatException unreadable(String file, String problem, Throwable cause) {
        return new CheckpointFormatException("Cannot read checkpoint file '" + file + "': " + problem
                + ". The file is not in the format Spark Structured Streaming writes (or was damaged); inspect it,"
                + " and if the checkpoint is corrupt start a new generation rather than editing it.", file, cause);
    }

    static CheckpointFormatException unreadableMarker(String file, String problem, Throwable cause) {
        return new CheckpointFormatException("Cannot read owner marker '" + file + "': " + problem
                + ". It should hold {\"pipeline\":…,\"colour\":…,\"generation\":…,\"gitSha\":…}; find out which job"
                + " wrote it before changing it.", file, cause);
    }

    static UncheckedIOException io(String action, String path, IOException e) {
        return new UncheckedIOException("Could not " + action + " '" + path + "': " + e, e);
    }

    private static final String RETAKE = "Take the cut again once the colour has committed another Gold batch";
    private static final int SHOWN = 5;


    static CutException noGoldBatch(ColourLayout layout, String gold) {
        return new CutException("No consistent cut of " + layout.jobName() + " (generation " + layout.generation()
                + "): its Gold query has no committed batch in '" + gold + "'. The cut is anchored at a committed Gold"
                + " batch, the only point where Gold and Silver are known to agree. Let the colour run until Gold has"
                + " committed a batch, or bootstrap from scratch.");
    }

    static CutException noBoundaryBatch(String gold, int examined, List<String> rejected) {
        String shown = rejected.stream().limit(SHOWN).collect(Collectors.joining("; "))
                + (rejected.size() > SHOWN ? "; …" : "");
        return new CutException("No consistent cut: none of the " + examined + " committed Gold batches still in '"
                + gold + "' ends at a version boundary of all three Silver change feeds (" + shown + "). A batch that"
                + " stopped inside a Silver version has applied part of that version's changes to Gold, so neither the"
                + " version before nor the version itself matches Gold. " + RETAKE + " (a batch that is not split by"
                + " maxFilesPerTrigger), e.g. after a quiet moment or an --available-now run.");
    }

    static CutException goldSourceCount(String file, int sources) {
        return new CutException("Gold checkpoint file '" + file + "' has " + sources + " sources; the cut expects the"
                + " three Silver change feeds (orders, inventory_movements, shipments). The Gold query's sources have"
                + " changed, so this checkpoint does not say what the cut needs; run a Gold query of this release"
                + " (a new generation) before taking a cut.");
    }

    static CutException goldSourceWithoutOffset(String file, int source, String silverTable) {
        return new CutException("Gold checkpoint file '" + file + "' has no offset for source " + source + " ("
                + silverTable + "), so what Gold has consumed of it is unknown. " + RETAKE + ".");
    }

    static CutException unknownGoldSource(String file, int source, String reservoirId,
                                          Map<Domain, DeltaLogTxns> silver) {
        return new CutException("Gold checkpoint file '" + file + "' source " + source + " reads Delta table id "
                + reservoirId + ", which is none of this colour's Silver tables (" + silver.entrySet().stream()
                .map(e -> e.getKey().silverTable() + " = " + e.getValue().tableId().orElse("?"))
                .collect(Collectors.joining(", ")) + "). A Silver table was recreated under the Gold query, or the"
                + " checkpoint belongs to another colour or generation; the cut cannot tell what Gold consumed. Do not"
                + " bootstrap from this colour; rebuild it in a new generation.");
    }

    static CutException goldSourceTwice(String file, String silverTable) {
        return new CutException("Gold checkpoint file '" + file + "' reads " + silverTable + " twice; the cut expects"
                + " each Silver change feed once. Check the Gold query's sources (GoldFeed).");
    }

    static CutException sharedTableId(String id, Map<Domain, DeltaLogTxns> silver) {
        return new CutException("Two Silver tables of the colour have the same Delta table id " + id + " ("
                + silver.values().stream().map(t -> t.table().toString()).collect(Collectors.joining(", "))
                + "): one was copied over another, so the Gold checkpoint's sources cannot be told apart. Rebuild the"
                + " colour in a new generation.");
    }

    static CutException silverNotEvenCreated(ColourLayout layout, String silverTable) {
        return new CutException("No consistent cut of " + layout.jobName() + ": its Gold query has not consumed even"
                + " the creation of " + silverTable + ", so there is no Silver version to clone that matches Gold. "
                + RETAKE + ".");
    }

    static CutException offsetBeyondTable(String file, ChangeFeedOffset o, DeltaLogTxns table) {
        return new CutException("Gold checkpoint file '" + file + "' has consumed " + table.table() + " up to "
                + o.describe() + " but the table's log ends at version " + table.latestVersion() + ". The table is"
                + " not the one the Gold query read (restored, replaced or copied), so the cut cannot be defined. Do"
                + " not bootstrap from this colour; rebuild it in a new generation.");
    }

    static CutException offsetBeyondVersion(String file, ChangeFeedOffset o, DeltaLogTxns table, int files) {
        return new CutException("Gold checkpoint file '" + file + "' has consumed " + table.table() + " up to "
                + o.describe() + " but that version has " + files + " change file(s) (index 0.." + (files - 1) + ")."
                + " The table's log does not match what the Gold query read, so the cut cannot be defined. Do not"
                + " bootstrap from this colour; rebuild it in a new generation.");
    }

    static CutException domainBatchGone(String checkpoint, long batch, String silverTable, long silverVersion,
                                        List<Long> committed) {
        String kept = committed.isEmpty() ? "none" : committed.get(committed.size() - 1) + ".." + committed.get(0);
        return new CutException("No consistent cut: Gold has consumed " + silverTable + " version " + silverVersion
                + ", written by batch " + batch + " of the domain query, but '" + checkpoint + "' no longer has"
                + " offsets/" + batch + " (committed batches kept: " + kept + "), so the Kafka offsets at the end of that"
                + " batch are unknown. Spark keeps only the last spark.sql.streaming.minBatchesToRetain (default 100)"
                + " batches, and the domain query has run that far ahead of Gold. Let the Gold query catch up, then"
                + " take the cut again; or raise spark.sql.streaming.minBatchesToRetain on the colour.");
    }

    static CutException topicNotInCheckpoint(String file, String topic, Set<String> found) {
        return new CutException("Checkpoint file '" + file + "' has offsets for topics " + found + ", not for '"
                + topic + "': the colour is configured with another topic than the one its checkpoint reads. Take the"
                + " cut with the colour's own configuration (kafka.topics.*).");
    }

    static CutException noInitialOffsets(String checkpoint, String file, String silverTable, long through) {
        return new CutException("No consistent cut: Gold has consumed " + silverTable + " only up to version "
                + through + ", before the domain query's first batch, so the cut must start where that query started;"
                + " but '" + file + "' (the Kafka offsets the query started from) does not exist: the query in '"
                + checkpoint + "' has never started. " + RETAKE + ", or bootstrap from scratch.");
    }

    static CutException noVersionBeforeFirstWrite(String table, String appId) {
        return new CutException("No consistent cut: the cut is before " + appId + "'s first write to " + table
                + ", but that write is version 0, so no version of the table predates it. Bootstrap from scratch.");
    }

    static CutException notADeltaTable(String table) {
        return new CutException("'" + table + "' is not a Delta table (no JSON commit in " + DeltaLogTxns.LOG_DIR
                + "), so its version at the cut cannot be read. The colour's tables are created when its job first"
                + " starts: run the colour once, or check that the layout (storage base, generation) is the colour's.");
    }

    static CutException missingCommit(String table, long version, long oldestContiguous) {
        return new CutException("The cut needs commit " + version + " of " + table + " but "
                + DeltaLogTxns.LOG_DIR + "/" + String.format("%020d.json", version) + " is not there (the log holds"
                + " every JSON commit from version " + oldestContiguous + "). Delta removes JSON commits older than"
                + " delta.logRetentionDuration once a checkpoint covers them, and the cut reads only JSON commits. The"
                + " colour's Gold query is that far behind: let it catch up and take the cut again, or bootstrap from"
                + " scratch.");
    }

    static CutException unreadableCommit(String file, String problem, Throwable cause) {
        return new CutException("Cannot read Delta commit '" + file + "': " + problem + ". Delta writes one JSON"
                + " action per line; the file is damaged or not a Delta commit. Inspect it before using this colour"
                + " as a source.", cause);
    }

    static CutException partitionsGone(String topic, Set<Integer> missing, Set<Integer> current) {
        return new CutException("The cut reads partitions " + missing + " of topic " + topic + " but the topic now has"
                + " partitions " + current + ". Kafka never removes partitions, so the topic was recreated (or the"
                + " partitions given are another topic's) and the cut's offsets mean nothing in it. Bootstrap from"
                + " scratch.");
    }

    static CutException unreadableCut(String problem, Throwable cause) {
        return new CutException("Not a consistent cut: " + problem + ". A cut is the JSON written by"
                + " ConsistentCut.toJson (format " + ConsistentCut.FORMAT + ").", cause);
    }

    static CutException noCutFile(String file, Throwable cause) {
        return new CutException("No consistent cut at '" + file + "': the file does not exist. It is written when a"
                + " colour is bootstrapped from the other colour's cut.", cause);
    }

    static CutException unreadableCutFile(String file, CutException e) {
        return new CutException("Cannot read the consistent cut '" + file + "': " + e.getMessage() + " Do not edit"
                + " it; a bootstrap reads its cut back to resume with exactly the same offsets and versions.", e);
    }
}

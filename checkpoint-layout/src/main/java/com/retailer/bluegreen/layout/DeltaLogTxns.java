package com.retailer.bluegreen.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Delta table's {@code _delta_log} JSON commits say about idempotent writers, read through the {@link Storage} port
 * only (no Spark, no Parquet): per version the {@code txn} actions (appId → txnVersion, the batch id of the writing
 * query), and the file counts a change-data-feed stream source indexes a version by.
 *
 * <p>The listing is taken once, when opened: versions committed afterwards are not seen, so open a table only after
 * reading the checkpoint that refers to it. Each commit file is parsed at most once, on demand, and scans run from
 * the newest version down, stopping as soon as the question is answered, so older commits are read only when needed.
 * A commit needed to answer that is not there (Delta removes JSON commits older than
 * {@code delta.logRetentionDuration} once a later checkpoint covers them) fails with {@link CutException}: the
 * Parquet checkpoints that replace them are not read here.
 *
 * <p>Reads backfilled commits ({@code <version>.json}) only; tables with coordinated commits are not supported.
 * Not thread-safe: one instance per cut.
 */
public final class DeltaLogTxns {

    static final String LOG_DIR = "_delta_log";
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKSUM = Pattern.compile("(\\d{20})\\.crc");

    private final Storage storage;
    private final String table;
    private final String log;
    private final TreeSet<Long> commits;
    private final Map<Long, Instant> listedCommitTimes;
    private final TreeSet<Long> checksums;
    private final long oldestContiguous;
    private final Map<Long, Commit> parsed = new HashMap<>();

    /**
     * What one JSON commit holds that matters here.
     *
     * @param txns            appId → txn version set by this commit
     * @param dataChangeFiles {@code add} and {@code remove} actions with {@code dataChange} true
     * @param cdcFiles        {@code cdc} actions (change data files)
     * @param metadataId      the table id of a {@code metaData} action in this commit
     */
    public record Commit(long version, Map<String, Long> txns, int dataChangeFiles, int cdcFiles,
                         Optional<String> metadataId) {

        public Commit {
            txns = Collections.unmodifiableMap(new TreeMap<>(txns));
        }

        /**
         * How many files a change-data-feed stream source indexes this version by (Delta 4.0
         * {@code DeltaSourceCDCSupport}): the {@code cdc} files when the commit has any, otherwise its data-changing
         * {@code add}/{@code remove} files. A source offset {@code (version, index)} with {@code index} the last of
         * them has consumed the whole version.
         */
        public int changeFeedFiles() {
            return cdcFiles > 0 ? cdcFiles : dataChangeFiles;
        }
    }

    /** A txn recorded for an appId: the table version that recorded it and its txn version (a batch id). */
    public record TxnAt(long tableVersion, long txn) {
    }

    private DeltaLogTxns(Storage storage, String table, Map<Long, Instant> commitTimes, TreeSet<Long> checksums) {
        this.storage = storage;
        this.table = table;
        this.log = Storage.resolve(table, LOG_DIR);
        this.commits = new TreeSet<>(commitTimes.keySet());
        this.listedCommitTimes = commitTimes;
        this.checksums = checksums;
        long v = this.commits.last();
        while (this.commits.contains(v - 1)) {
            v--;
        }
        this.oldestContiguous = v;
    }

    /** As {@link #open(Storage, String)} for a table on the local filesystem. */
    public static DeltaLogTxns open(Path table) {
        return open(Storage.local(), table.toString());
    }

    /**
     * Lists the table's log.
     *
     * @throws CutException if {@code table} has no {@code _delta_log} with at least one JSON commit
     */
    public static DeltaLogTxns open(Storage storage, String table) {
        String log = Storage.resolve(table, LOG_DIR);
        Map<Long, Instant> commits = new HashMap<>();
        TreeSet<Long> checksums = new TreeSet<>();
        try {
            for (Storage.Entry entry : storage.list(log)) {
                Matcher m = COMMIT.matcher(entry.name());
                if (m.matches()) {
                    commits.put(Long.parseLong(m.group(1)), entry.modified());
                } else if ((m = CHECKSUM.matcher(entry.name())).matches()) {
                    checksums.add(Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw LayoutErrors.io("list Delta log", log, e);
        }
        if (commits.isEmpty()) {
            throw LayoutErrors.notADeltaTable(table);
        }
        return new DeltaLogTxns(storage, table, commits, checksums);
    }

    /** The table's location. */
    public String table() {
        return table;
    }

    /** The newest version in the listing. */
    public long latestVersion() {
        return commits.last();
    }

    /** The oldest version from which every JSON commit up to {@link #latestVersion()} is present. */
    public long oldestContiguousVersion() {
        return oldestContiguous;
    }

    /**
     * The commit at {@code version}.
     *
     * @throws CutException if its JSON file is not there (or not in the listing)
     */
    public Commit commit(long version) {
        if (version < 0 || version > latestVersion()) {
            throw new IllegalArgumentException(table + " has versions up to " + latestVersion() + ", not " + version);
        }
        Commit c = parsed.get(version);
        if (c == null) {
            if (!commits.contains(version)) {
                throw LayoutErrors.missingCommit(table, version, oldestContiguous);
            }
            c = parse(version);
            parsed.put(version, c);
        }
        return c;
    }

    /** appId → txn version recorded by the commit at {@code version}. */
    public Map<String, Long> txns(long version) {
        return commit(version).txns();
    }

    /** See {@link Commit#changeFeedFiles()}. */
    public int changeFeedFiles(long version) {
        return commit(version).changeFeedFiles();
    }

    /**
     * The last version of this table a change-data-feed streaming source has consumed entirely when its end offset is
     * {@code sourceOffset} (a Delta source offset as in a checkpoint's {@code offsets/<batch>}; -1: none yet), or
     * empty when the offset lies inside a version (split by {@code maxFilesPerTrigger}, or inside an initial
     * snapshot). See {@code ChangeFeedOffset} for Delta's offset semantics.
     *
     * @param checkpointFile where the offset was read, for messages
     * @throws CheckpointFormatException if {@code sourceOffset} is not a Delta source offset
     * @throws CutException if it names a version or file this table does not have
     */
    public OptionalLong consumedThrough(JsonNode sourceOffset, String checkpointFile) {
        return ChangeFeedOffset.parse(sourceOffset, checkpointFile, 0).consumedThrough(this, checkpointFile);
    }

    /** The latest txn {@code appId} recorded at or before {@code version}; empty if none down to version 0. */
    public Optional<TxnAt> lastTxn(String appId, long version) {
        for (long v = Math.min(version, latestVersion()); v >= 0; v--) {
            Long txn = txns(v).get(appId);
            if (txn != null) {
                return Optional.of(new TxnAt(v, txn));
            }
        }
        return Optional.empty();
    }

    /**
     * The latest version recording a txn of {@code appId} that is {@code <= maxTxn} (the version that recorded
     * exactly {@code maxTxn} when there is one: txn versions only grow along the log); empty if none.
     */
    public Optional<TxnAt> lastTxnAtMost(String appId, long maxTxn) {
        for (long v = latestVersion(); v >= 0; v--) {
            Long txn = txns(v).get(appId);
            if (txn != null && txn <= maxTxn) {
                return Optional.of(new TxnAt(v, txn));
            }
        }
        return Optional.empty();
    }

    /**
     * The version of this table as of batch {@code batchId} of the query writing it as {@code appId}: the version
     * that recorded {@code (appId, batchId)}; else (no commit in that batch) the latest version recording a txn
     * {@code <= batchId}; else (nothing written by then) the version before the appId's first commit, or the latest
     * version if the appId never wrote the table.
     *
     * @throws CutException if a commit the answer depends on is gone, or the appId's first write is version 0
     */
    public long versionAtBatch(String appId, long batchId) {
        long firstByApp = -1;
        for (long v = latestVersion(); v >= 0; v--) {
            Long txn = txns(v).get(appId);
            if (txn != null) {
                if (txn <= batchId) {
                    return v;
                }
                firstByApp = v;
            }
        }
        if (firstByApp == 0) {
            throw LayoutErrors.noVersionBeforeFirstWrite(table, appId);
        }
        return firstByApp < 0 ? latestVersion() : firstByApp - 1;
    }

    /**
     * When {@code version} was committed: its commit file's modification time, which is Delta's commit timestamp
     * (without in-commit timestamps). Empty if the file is gone (cleaned up after log retention).
     */
    public Optional<Instant> commitTime(long version) {
        Instant listed = listedCommitTimes.get(version);
        if (listed != null) {
            return Optional.of(listed);
        }
        String file = Storage.resolve(log, String.format("%020d.json", version));
        try {
            return storage.status(file).map(Storage.Entry::modified);
        } catch (IOException e) {
            throw LayoutErrors.io("read the commit time of", file, e);
        }
    }

    /**
     * The table id ({@code metaData.id}, a Delta source offset's {@code reservoirId}): from the newest checksum file
     * ({@code <version>.crc}), else from a {@code metaData} action of the oldest listed commit when that is version
     * 0; empty when neither is there.
     */
    public Optional<String> tableId() {
        if (!checksums.isEmpty()) {
            String crc = Storage.resolve(log, String.format("%020d.crc", checksums.last()));
            try {
                JsonNode id = Json.MAPPER.readTree(storage.read(crc)).path("metadata").path("id");
                if (id.isTextual()) {
                    return Optional.of(id.asText());
                }
            } catch (IOException e) {
                // a checksum is optional; fall through to the commits
            }
        }
        return commits.contains(0L) ? commit(0).metadataId() : Optional.empty();
    }

    private Commit parse(long version) {
        String file = Storage.resolve(log, String.format("%020d.json", version));
        Map<String, Long> txns = new HashMap<>();
        int dataChange = 0;
        int cdc = 0;
        String metadataId = null;
        int lineNumber = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(storage.read(file)),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode action = Json.MAPPER.readTree(line);
                if (action.has("txn")) {
                    JsonNode t = action.get("txn");
                    if (!t.path("appId").isTextual() || !t.path("version").canConvertToLong()) {
                        throw LayoutErrors.unreadableCommit(file, "line " + lineNumber + " has a txn action without"
                                + " appId and version", null);
                    }
                    txns.put(t.get("appId").asText(), t.get("version").asLong());
                } else if (action.has("add") || action.has("remove")) {
                    JsonNode f = action.has("add") ? action.get("add") : action.get("remove");
                    if (f.path("dataChange").asBoolean(true)) {
                        dataChange++;
                    }
                } else if (action.has("cdc")) {
                    cdc++;
                } else if (action.has("metaData") && action.get("metaData").path("id").isTextual()) {
                    metadataId = action.get("metaData").get("id").asText();
                }
            }
        } catch (NoSuchFileException e) {
            throw LayoutErrors.missingCommit(table, version, oldestContiguous);
        } catch (IOException e) {
            throw LayoutErrors.unreadableCommit(file, "line " + (lineNumber + 1) + " cannot be read as JSON (" + e + ")",
                    e);
        }
        return new Commit(version, txns, dataChange, cdc, Optional.ofNullable(metadataId));
    }
}

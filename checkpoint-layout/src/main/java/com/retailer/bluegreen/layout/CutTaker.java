package com.retailer.bluegreen.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a colour's consistent cut from its checkpoints and Delta logs, reading files only (no Spark), so it can run
 * beside the live colour. The cut is anchored at a committed Gold batch g (ARCHITECTURE.md, "Consistent cut"):
 * <ol>
 *   <li>g is the last committed Gold batch whose end offsets are at a version boundary of all three Silver change
 *       feeds; a batch that stopped inside a Silver version ({@code maxFilesPerTrigger}) cannot anchor a cut, so the
 *       search steps back through the committed batches the checkpoint still holds;</li>
 *   <li>per domain, S = the last Silver version Gold consumed entirely by g; the domain batch b is the last txn of the
 *       domain query's Silver appId at or before S. Kafka offsets are the end offsets of b ({@code offsets/b}: a
 *       batch whose Silver commit exists was planned, even if a crash kept {@code commits/b} from being written);
 *       Bronze is cloned at its version as of b; Silver at S itself, exactly what Gold has accounted for;</li>
 *   <li>each Gold table at its version as of g; the {@code latestTables} (reference data, loaded idempotently) at
 *       their latest version.</li>
 * </ol>
 * When Gold has consumed none of a domain's batches, the domain's cut is before its batch 0: Kafka from where the
 * domain query started ({@code sources/0/0}), Bronze before its first write. Any file the cut needs and cannot read
 * fails with {@link CutException}; nothing is guessed.
 *
 * <p>Order of reads matters while the colour runs: the Gold checkpoint is listed first, and each Delta log after,
 * so every version a checkpoint refers to is in the listing.
 */
public final class CutTaker {

    private static final Pattern BATCH_ID = Pattern.compile("\\d{1,18}");
    private static final Logger LOG = LoggerFactory.getLogger(CutTaker.class);

    private CutTaker() {
    }

    /**
     * Reads the colour's checkpoints and Delta logs through {@code storage} (files only, no Spark) and returns its consistent cut.
     *
     * @param topics       the Kafka topic of each domain, as the colour is configured
     * @param goldTables   the Gold tables, written by the Gold query under {@code txnAppId(GOLD, table)}
     * @param latestTables tables taken at their latest version (reference tables)
     * @throws CutException if the checkpoints and logs do not define a cut safely
     */
    public static ConsistentCut take(Storage storage, ColourLayout layout, Map<Domain, String> topics, List<String> goldTables,
                                     List<String> latestTables, Clock clock) {
        checkArguments(topics, goldTables, latestTables);
        String gold = layout.checkpointLocation(Query.GOLD);
        List<Long> committed = committedBatchesNewestFirst(storage, gold);
        if (committed.isEmpty()) {
            throw LayoutErrors.noGoldBatch(layout, gold);
        }
        Map<Domain, DeltaLogTxns> silver = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            silver.put(d, DeltaLogTxns.open(storage, layout.tableLocation(d.silverTable())));
        }
        Anchor anchor = anchor(storage, layout, gold, committed, silver);

        Map<Domain, DomainCut> domains = new EnumMap<>(Domain.class);
        Map<String, Long> versions = new LinkedHashMap<>();
        for (Domain d : Domain.values()) {
            long through = anchor.consumedThrough().get(d);
            domains.put(d, domain(storage, layout, d, topics.get(d), silver.get(d), through, versions));
        }
        for (String t : goldTables) {
            versions.put(t, DeltaLogTxns.open(storage, layout.tableLocation(t)).versionAtBatch(layout.txnAppId(Query.GOLD, t),
                    anchor.goldBatch()));
        }
        for (String t : latestTables) {
            versions.put(t, DeltaLogTxns.open(storage, layout.tableLocation(t)).latestVersion());
        }
        ConsistentCut cut = new ConsistentCut(layout.pipeline(), layout.colour(), layout.generation(),
                anchor.goldBatch(), domains, versions, clock.instant());
        LOG.info("[{}] consistent cut at Gold batch {}: domain batches {}, table versions {}", layout.jobName(),
                cut.goldBatch(), batches(cut), cut.tableVersions());
        return cut;
    }

    /**
     * How far the colour's Gold query has read each Silver table, as of its last committed batch: per domain the
     * first Silver version it has not consumed entirely (the latest version + 1 when it has consumed everything).
     * Empty when the Gold query has not committed a batch. For the freshness gate: the age of that version's commit
     * is how far Gold lags behind Silver.
     */
    public static Optional<Map<Domain, Long>> goldFirstPending(Storage storage, ColourLayout layout) {
        String gold = layout.checkpointLocation(Query.GOLD);
        List<Long> committed = committedBatchesNewestFirst(storage, gold);
        if (committed.isEmpty()) {
            return Optional.empty();
        }
        Map<Domain, DeltaLogTxns> silver = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            silver.put(d, DeltaLogTxns.open(storage, layout.tableLocation(d.silverTable())));
        }
        long g = committed.get(0);
        String file = Storage.resolve(gold, CheckpointInspector.OFFSETS, Long.toString(g));
        Map<Domain, ChangeFeedOffset> offsets = bySilverTable(CheckpointInspector.sourceOffsets(storage, gold, g), file,
                tableIds(layout, silver), silver);
        Map<Domain, Long> out = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            OptionalLong through = offsets.get(d).consumedThrough(silver.get(d), file);
            out.put(d, through.isPresent() ? through.getAsLong() + 1 : offsets.get(d).reservoirVersion());
        }
        return Optional.of(out);
    }

    /** The Gold batch the cut is anchored at, and per domain the last Silver version it consumed entirely. */
    private record Anchor(long goldBatch, Map<Domain, Long> consumedThrough) {
    }

    private static Anchor anchor(Storage storage, ColourLayout layout, String gold, List<Long> committedNewestFirst,
                                 Map<Domain, DeltaLogTxns> silver) {
        Map<String, Domain> byTableId = tableIds(layout, silver);
        List<String> rejected = new ArrayList<>();
        for (long g : committedNewestFirst) {
            String file = Storage.resolve(gold, CheckpointInspector.OFFSETS, Long.toString(g));
            Map<Domain, ChangeFeedOffset> offsets = bySilverTable(CheckpointInspector.sourceOffsets(storage, gold, g), file,
                    byTableId, silver);
            Map<Domain, Long> through = new EnumMap<>(Domain.class);
            List<String> inside = new ArrayList<>();
            for (Domain d : Domain.values()) {
                OptionalLong t = offsets.get(d).consumedThrough(silver.get(d), file);
                if (t.isPresent()) {
                    through.put(d, t.getAsLong());
                } else {
                    inside.add(d.silverTable() + " at " + offsets.get(d).describe());
                }
            }
            if (inside.isEmpty()) {
                if (!rejected.isEmpty()) {
                    LOG.info("[{}] Gold batches after {} stop inside a Silver version ({}); the cut is anchored at"
                            + " batch {}", layout.jobName(), g, rejected, g);
                }
                return new Anchor(g, through);
            }
            rejected.add("batch " + g + " stops inside " + String.join(" and ", inside));
        }
        throw LayoutErrors.noBoundaryBatch(gold, committedNewestFirst.size(), rejected);
    }

    /**
     * The Gold checkpoint's three Delta sources, matched to the Silver tables by table id where every Silver table's
     * id is known, else by position (the union order of the Gold feed: orders, inventory_movements, shipments).
     */
    private static Map<Domain, ChangeFeedOffset> bySilverTable(List<JsonNode> sources, String file,
                                                               Map<String, Domain> byTableId,
                                                               Map<Domain, DeltaLogTxns> silver) {
        Domain[] order = Domain.values();
        if (sources.size() != order.length) {
            throw LayoutErrors.goldSourceCount(file, sources.size());
        }
        Map<Domain, ChangeFeedOffset> out = new EnumMap<>(Domain.class);
        for (int i = 0; i < order.length; i++) {
            if (sources.get(i) == null || sources.get(i).isNull()) {
                throw LayoutErrors.goldSourceWithoutOffset(file, i, order[i].silverTable());
            }
            ChangeFeedOffset o = ChangeFeedOffset.parse(sources.get(i), file, i);
            Domain d = byTableId.isEmpty() ? order[i] : byTableId.get(o.reservoirId());
            if (d == null) {
                throw LayoutErrors.unknownGoldSource(file, i, o.reservoirId(), silver);
            }
            if (out.put(d, o) != null) {
                throw LayoutErrors.goldSourceTwice(file, d.silverTable());
            }
        }
        return out;
    }

    private static Map<String, Domain> tableIds(ColourLayout layout, Map<Domain, DeltaLogTxns> silver) {
        Map<String, Domain> ids = new HashMap<>();
        for (Map.Entry<Domain, DeltaLogTxns> e : silver.entrySet()) {
            Optional<String> id = e.getValue().tableId();
            if (id.isEmpty()) {
                LOG.warn("[{}] the table id of {} is unknown (no checksum file, no version 0 commit): matching the Gold"
                        + " checkpoint's sources to the Silver tables by position", layout.jobName(), e.getValue().table());
                return Map.of();
            }
            if (ids.put(id.get(), e.getKey()) != null) {
                throw LayoutErrors.sharedTableId(id.get(), silver);
            }
        }
        return ids;
    }

    private static DomainCut domain(Storage storage, ColourLayout layout, Domain d, String topic, DeltaLogTxns silver,
                                    long through, Map<String, Long> versions) {
        String checkpoint = layout.checkpointLocation(d.query());
        if (through < 0) {
            throw LayoutErrors.silverNotEvenCreated(layout, silver.table());
        }
        Optional<DeltaLogTxns.TxnAt> last = silver.lastTxn(layout.txnAppId(d.query(), d.silverTable()), through);
        long batch = last.map(DeltaLogTxns.TxnAt::txn).orElse(-1L);
        Map<Integer, Long> offsets = last.isPresent()
                ? batchEndOffsets(storage, checkpoint, last.get(), topic, silver)
                : initialOffsets(storage, checkpoint, topic, silver, through);
        DeltaLogTxns bronze = DeltaLogTxns.open(storage, layout.tableLocation(d.bronzeTable()));
        String bronzeAppId = layout.txnAppId(d.query(), d.bronzeTable());
        long bronzeVersion = bronze.versionAtBatch(bronzeAppId, batch);
        if (batch >= 0 && !Long.valueOf(batch).equals(bronze.txns(bronzeVersion).get(bronzeAppId))) {
            LOG.info("[{}] {} has no commit of {} batch {}; its cut version {} is the last written by then",
                    layout.jobName(), d.bronzeTable(), d.id(), batch, bronzeVersion);
        }
        versions.put(d.bronzeTable(), bronzeVersion);
        versions.put(d.silverTable(), through);
        return new DomainCut(batch, topic, offsets);
    }

    /** The Kafka end offsets of the domain batch that wrote {@code silverTxn}: {@code offsets/<batch>}. */
    private static Map<Integer, Long> batchEndOffsets(Storage storage, String checkpoint, DeltaLogTxns.TxnAt silverTxn,
                                                      String topic, DeltaLogTxns silver) {
        long batch = silverTxn.txn();
        String file = Storage.resolve(checkpoint, CheckpointInspector.OFFSETS, Long.toString(batch));
        if (!isFile(storage, file)) {
            throw LayoutErrors.domainBatchGone(checkpoint, batch, silver.table(), silverTxn.tableVersion(),
                    committedBatchesNewestFirst(storage, checkpoint));
        }
        Map<String, Map<Integer, Long>> kafka =
                CheckpointInspector.kafkaOffsets(CheckpointInspector.sourceOffsets(storage, checkpoint, batch));
        Map<Integer, Long> offsets = kafka.get(topic);
        if (offsets == null) {
            throw LayoutErrors.topicNotInCheckpoint(file, topic, kafka.keySet());
        }
        return offsets;
    }

    /**
     * Where the domain query started: the Kafka source's initial offsets, {@code sources/0/0} (a NUL byte,
     * {@code v1}, then the offsets JSON), resolved by Spark when the checkpoint was created.
     */
    static Map<Integer, Long> initialOffsets(Storage storage, String checkpoint, String topic, DeltaLogTxns silver,
                                             long through) {
        String file = Storage.resolve(checkpoint, "sources", "0", "0");
        if (!isFile(storage, file)) {
            throw LayoutErrors.noInitialOffsets(checkpoint, file, silver.table(), through);
        }
        String text;
        try {
            text = Storage.utf8(storage.read(file));
        } catch (IOException e) {
            throw LayoutErrors.io("read initial Kafka offsets", file, e);
        }
        String body = text.replaceFirst("^[\\x00\\s]+", "");
        int newline = body.indexOf('\n');
        if (newline < 0 || !body.substring(0, newline).trim().matches("v\\d+")) {
            throw LayoutErrors.unreadable(file, "expected a version line such as v1 followed by the offsets JSON", null);
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body.substring(newline + 1));
        } catch (IOException e) {
            throw LayoutErrors.unreadable(file, "the offsets are not JSON", e);
        }
        Map<String, Map<Integer, Long>> offsets = CheckpointInspector.asKafkaOffsets(json).orElseThrow(() ->
                LayoutErrors.unreadable(file, "the offsets are not {\"topic\":{\"partition\":offset}}", null));
        if (!offsets.containsKey(topic)) {
            throw LayoutErrors.topicNotInCheckpoint(file, topic, offsets.keySet());
        }
        return offsets.get(topic);
    }

    /** Batch ids with a {@code commits/} entry, newest first; empty if the checkpoint does not exist. */
    static List<Long> committedBatchesNewestFirst(Storage storage, String checkpoint) {
        String dir = Storage.resolve(checkpoint, CheckpointInspector.COMMITS);
        List<Long> ids = new ArrayList<>();
        try {
            for (Storage.Entry entry : storage.list(dir)) {
                if (BATCH_ID.matcher(entry.name()).matches() && entry.isFile()) {
                    ids.add(Long.parseLong(entry.name()));
                }
            }
        } catch (IOException e) {
            throw LayoutErrors.io("list checkpoint log", dir, e);
        }
        ids.sort(Comparator.reverseOrder());
        return ids;
    }

    private static boolean isFile(Storage storage, String location) {
        try {
            return storage.isFile(location);
        } catch (IOException e) {
            throw LayoutErrors.io("read", location, e);
        }
    }

    private static void checkArguments(Map<Domain, String> topics, List<String> goldTables, List<String> latestTables) {
        for (Domain d : Domain.values()) {
            if (topics.get(d) == null || topics.get(d).isEmpty()) {
                throw new IllegalArgumentException("no Kafka topic given for domain " + d.id());
            }
        }
        List<String> all = new ArrayList<>();
        for (Domain d : Domain.values()) {
            all.add(d.bronzeTable());
            all.add(d.silverTable());
        }
        all.addAll(goldTables);
        all.addAll(latestTables);
        if (all.stream().distinct().count() != all.size()) {
            throw new IllegalArgumentException("every table is cut once; Bronze, Silver, Gold " + goldTables
                    + " and latest " + latestTables + " tables overlap");
        }
    }

    private static Map<String, Long> batches(ConsistentCut cut) {
        Map<String, Long> out = new LinkedHashMap<>();
        cut.domains().forEach((d, c) -> out.put(d.id(), c.batchId()));
        return out;
    }
}

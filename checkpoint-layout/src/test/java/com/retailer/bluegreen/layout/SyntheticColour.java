package com.retailer.bluegreen.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A colour's checkpoints and Delta logs written file by file, in the shapes Spark 4.0.1 and Delta 4.0.1 write them
 * (copied from a real run of the pipeline), so the cut can be tested without Spark.
 */
final class SyntheticColour {

    static final List<String> GOLD_TABLES = List.of("daily_revenue", "inventory_on_hand", "fulfillment_sla");
    static final List<String> REFERENCE_TABLES = List.of("ref_products", "ref_warehouses", "ref_carriers");
    static final Map<Domain, String> TOPICS = Map.of(Domain.ORDERS, "orders.cdc", Domain.INVENTORY,
            "inventory.events", Domain.FULFILLMENT, "fulfillment.events");
    private static final String OFFSET_METADATA = "{\"batchWatermarkMs\":0,\"batchTimestampMs\":1795571242219,\"conf\":"
            + "{\"spark.sql.streaming.stateStore.providerClass\":\"org.apache.spark.sql.execution.streaming.state."
            + "HDFSBackedStateStoreProvider\",\"spark.sql.streaming.multipleWatermarkPolicy\":\"min\","
            + "\"spark.sql.shuffle.partitions\":\"4\"}}";

    final ColourLayout layout;
    private final Map<String, String> tableIds = new HashMap<>();
    private final Map<String, Long> latest = new HashMap<>();

    SyntheticColour(Path dir) {
        this.layout = new ColourLayout("retail_ops", Colour.BLUE, 1, "main", dir.resolve("ckpt").toString(),
                dir.resolve("lake").toString());
        for (Domain d : Domain.values()) {
            createTable(d.bronzeTable(), false);
            createTable(d.silverTable(), true);
        }
        GOLD_TABLES.forEach(t -> createTable(t, false));
        REFERENCE_TABLES.forEach(t -> createTable(t, false));
    }

    // ---- Delta logs -------------------------------------------------------------------------------------------

    Path table(String name) {
        return Path.of(layout.tableLocation(name));
    }

    String tableId(String name) {
        return tableIds.get(name);
    }

    long latest(String table) {
        return latest.get(table);
    }

    String appId(Query q, String table) {
        return layout.txnAppId(q, table);
    }

    private void createTable(String name, boolean cdf) {
        String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        tableIds.put(name, id);
        List<String> lines = List.of(
                "{\"commitInfo\":{\"timestamp\":1795571201474,\"operation\":\"CREATE TABLE\",\"operationParameters\":"
                        + "{\"partitionBy\":\"[]\",\"clusterBy\":\"[]\"},\"isolationLevel\":\"Serializable\","
                        + "\"isBlindAppend\":true,\"operationMetrics\":{},\"engineInfo\":\"Apache-Spark/4.0.1"
                        + " Delta-Lake/4.0.1\",\"txnId\":\"" + UUID.randomUUID() + "\"}}",
                "{\"metaData\":{\"id\":\"" + id + "\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                        + "\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[]}\",\"partitionColumns\":[],"
                        + "\"configuration\":{\"delta.enableDeletionVectors\":\"true\""
                        + (cdf ? ",\"delta.enableChangeDataFeed\":\"true\"" : "") + "},\"createdTime\":1795571201347}}",
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],"
                        + "\"writerFeatures\":[\"deletionVectors\",\"domainMetadata\",\"changeDataFeed\"]}}",
                "{\"domainMetadata\":{\"domain\":\"delta.clustering\",\"configuration\":"
                        + "\"{\\\"clusteringColumns\\\":[]}\",\"removed\":false}}");
        writeCommit(name, 0, lines);
    }

    /** A commit of {@code table} with an optional txn and the given file actions; returns its version. */
    long commit(String table, String appId, Long txn, int adds, int removes, int cdcs) {
        long v = latest.get(table) + 1;
        List<String> lines = new ArrayList<>();
        lines.add("{\"commitInfo\":{\"timestamp\":1795571241605,\"operation\":\"" + (cdcs > 0 ? "MERGE" : "WRITE")
                + "\",\"operationParameters\":{},\"readVersion\":" + (v - 1) + ",\"isolationLevel\":\"Serializable\","
                + "\"isBlindAppend\":false,\"operationMetrics\":{},\"engineInfo\":\"Apache-Spark/4.0.1"
                + " Delta-Lake/4.0.1\",\"txnId\":\"" + UUID.randomUUID() + "\"}}");
        if (appId != null) {
            lines.add("{\"txn\":{\"appId\":\"" + appId + "\",\"version\":" + txn + ",\"lastUpdated\":1795571241602}}");
        }
        for (int i = 0; i < adds; i++) {
            lines.add("{\"add\":{\"path\":\"part-0000" + i + "-" + UUID.randomUUID() + ".c000.snappy.parquet\","
                    + "\"partitionValues\":{},\"size\":84914,\"modificationTime\":1795571240410,\"dataChange\":true,"
                    + "\"stats\":\"{\\\"numRecords\\\":2145}\"}}");
        }
        for (int i = 0; i < cdcs; i++) {
            lines.add("{\"cdc\":{\"path\":\"_change_data/cdc-0000" + i + "-" + UUID.randomUUID()
                    + ".c000.snappy.parquet\",\"partitionValues\":{},\"size\":110418,\"dataChange\":false}}");
        }
        for (int i = 0; i < removes; i++) {
            lines.add("{\"remove\":{\"path\":\"part-0000" + i + "-" + UUID.randomUUID() + "-c000.snappy.parquet\","
                    + "\"deletionTimestamp\":1795571241198,\"dataChange\":true,\"extendedFileMetadata\":true,"
                    + "\"partitionValues\":{},\"size\":241531,\"stats\":\"{\\\"numRecords\\\":6160}\"}}");
        }
        writeCommit(table, v, lines);
        return v;
    }

    /** An OPTIMIZE-like commit: files rewritten with dataChange false, no txn. */
    long compaction(String table) {
        long v = latest.get(table) + 1;
        writeCommit(table, v, List.of(
                "{\"commitInfo\":{\"timestamp\":1795571241605,\"operation\":\"OPTIMIZE\",\"operationParameters\":{},"
                        + "\"readVersion\":" + (v - 1) + ",\"isolationLevel\":\"SnapshotIsolation\",\"isBlindAppend\":false,"
                        + "\"operationMetrics\":{},\"engineInfo\":\"Apache-Spark/4.0.1 Delta-Lake/4.0.1\",\"txnId\":\"x\"}}",
                "{\"add\":{\"path\":\"part-00000-c.parquet\",\"partitionValues\":{},\"size\":1,\"modificationTime\":1,"
                        + "\"dataChange\":false}}",
                "{\"remove\":{\"path\":\"part-00000-a.parquet\",\"deletionTimestamp\":1,\"dataChange\":false}}"));
        return v;
    }

    private void writeCommit(String table, long version, List<String> lines) {
        Path log = table(table).resolve("_delta_log");
        write(log.resolve(String.format("%020d.json", version)), String.join("\n", lines) + "\n");
        write(log.resolve(String.format("%020d.crc", version)), "{\"txnId\":\"x\",\"tableSizeBytes\":1,\"numFiles\":1,"
                + "\"numMetadata\":1,\"numProtocol\":1,\"setTransactions\":[],\"metadata\":{\"id\":\""
                + tableIds.get(table) + "\",\"format\":{\"provider\":\"parquet\",\"options\":{}}}}");
        latest.put(table, version);
    }

    /** Deletes the JSON commits (and checksums) of {@code table} before {@code version}, as log cleanup does. */
    void cleanLogBefore(String table, long version) {
        Path log = table(table).resolve("_delta_log");
        for (long v = 0; v < version; v++) {
            delete(log.resolve(String.format("%020d.json", v)));
            delete(log.resolve(String.format("%020d.crc", v)));
        }
    }

    void deleteChecksums(String table) {
        for (long v = 0; v <= latest.get(table); v++) {
            delete(table(table).resolve("_delta_log").resolve(String.format("%020d.crc", v)));
        }
    }

    // ---- domain queries ---------------------------------------------------------------------------------------

    Path checkpoint(Query q) {
        return Path.of(layout.checkpointLocation(q));
    }

    /** The Kafka source's initial offsets file, as Spark writes it: a NUL byte, v1, the offsets. */
    void domainStarted(Domain d, Map<Integer, Long> initial) {
        write(checkpoint(d.query()).resolve("sources/0/0"), "\u0000v1\n" + kafka(TOPICS.get(d), initial));
    }

    /** Plans batch b of a domain query (offsets/b holds its end offsets). */
    void domainPlanned(Domain d, long b, Map<Integer, Long> endOffsets) {
        write(checkpoint(d.query()).resolve("offsets/" + b), "v1\n" + OFFSET_METADATA + "\n"
                + kafka(TOPICS.get(d), endOffsets));
    }

    /** Writes batch b of a domain query: Bronze append, Silver MERGE (cdc files), commits/b. Returns Silver's version. */
    long domainBatch(Domain d, long b, Map<Integer, Long> endOffsets) {
        domainPlanned(d, b, endOffsets);
        commit(d.bronzeTable(), appId(d.query(), d.bronzeTable()), b, 4, 0, 0);
        long silver = silverWrite(d, b);
        committed(d.query(), b);
        return silver;
    }

    long silverWrite(Domain d, long b) {
        return d == Domain.INVENTORY
                ? commit(d.silverTable(), appId(d.query(), d.silverTable()), b, 4, 0, 0)
                : commit(d.silverTable(), appId(d.query(), d.silverTable()), b, 4, 2, 4);
    }

    void committed(Query q, long b) {
        write(checkpoint(q).resolve("commits/" + b), "v1\n{\"nextBatchWatermarkMs\":0}");
    }

    void deleteBatch(Query q, long b) {
        delete(checkpoint(q).resolve("offsets/" + b));
        delete(checkpoint(q).resolve("commits/" + b));
    }

    // ---- Gold -------------------------------------------------------------------------------------------------

    /** A Delta change-feed source offset of a Silver table, as Spark writes it. */
    String deltaOffset(Domain d, long version, long index) {
        return "{\"sourceVersion\":1,\"reservoirId\":\"" + tableIds.get(d.silverTable()) + "\",\"reservoirVersion\":"
                + version + ",\"index\":" + index + ",\"isStartingVersion\":false}";
    }

    /** Plans Gold batch g with one source line per Silver table, in the given order. */
    void goldPlanned(long g, String... sources) {
        write(checkpoint(Query.GOLD).resolve("offsets/" + g), "v1\n" + OFFSET_METADATA + "\n"
                + String.join("\n", sources));
    }

    /** Plans and commits Gold batch g, writing the given Gold tables under (goldAppId, g). */
    void goldBatch(long g, List<String> written, String... sources) {
        goldPlanned(g, sources);
        for (String t : written) {
            commit(t, appId(Query.GOLD, t), g, 1, 1, 0);
        }
        committed(Query.GOLD, g);
    }

    /** The usual Gold source lines: each Silver table consumed through {@code through} (boundary form). */
    String[] goldThrough(Map<Domain, Long> through) {
        return java.util.Arrays.stream(Domain.values()).map(d -> {
            long v = through.get(d);
            // a version with cdc files ends at its last index; otherwise the source bumps to (v+1, -1)
            int cdc = DeltaLogTxns.open(table(d.silverTable())).commit(v).cdcFiles();
            return cdc > 0 ? deltaOffset(d, v, cdc - 1) : deltaOffset(d, v + 1, -1);
        }).toArray(String[]::new);
    }

    static String kafka(String topic, Map<Integer, Long> offsets) {
        return "{\"" + topic + "\":{" + offsets.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(",")) + "}}";
    }

    static Map<Integer, Long> offsets(long... perPartition) {
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (int p = 0; p < perPartition.length; p++) {
            m.put(p, perPartition[p]);
        }
        return m;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

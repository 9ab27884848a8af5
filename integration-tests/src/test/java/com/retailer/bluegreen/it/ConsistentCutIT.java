package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.ColourJob;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.CutTaker;
import com.retailer.bluegreen.layout.DeltaLogTxns;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.DomainCut;
import com.retailer.bluegreen.layout.KafkaRetention;
import com.retailer.bluegreen.layout.OffsetsNotRetainedException;
import com.retailer.bluegreen.layout.OffsetsNotRetainedException.Gap;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.layout.Storage;
import com.retailer.bluegreen.testsupport.GeneratorConfig;
import com.retailer.bluegreen.testsupport.ProducedRecord;
import com.retailer.bluegreen.testsupport.Producing;
import com.retailer.bluegreen.testsupport.TrafficGenerator;
import com.retailer.bluegreen.transforms.Tables;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The consistent cut of a real blue run, checked against facts it does not compute itself: the records Kafka
 * acknowledged, Bronze at the cut version, Gold at the cut version recomputed from Silver at the cut version (from
 * docs/semantics.md, not from the Gold code); the Delta change-feed offset semantics the cut relies on; and the
 * retention check against a real broker whose log start is advanced with {@code deleteRecords}.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsistentCutIT {
    private static final long SEED = 20261201L;
    private static final List<String> GOLD = List.of(Tables.REVENUE, Tables.ON_HAND, Tables.SLA);
    private static final List<String> REFERENCE = List.of(Tables.REF_PRODUCTS, Tables.REF_WAREHOUSES,
            Tables.REF_CARRIERS);

    private ItStack.Run run;
    private final List<ProducedRecord> produced = new ArrayList<>();
    private ConsistentCut cut;

    @Test
    @Order(1)
    void theCutOfAColourWhoseBronzeIsAheadOfGoldAgreesWithKafkaBronzeSilverAndGold() throws Exception {
        run = ItStack.newRun("cut");
        produced.addAll(Fixture.produce(run, SEED, 2_000).produced());
        // one or two batches per domain and wave: batches cost seconds each, whatever their size
        PipelineConfig config = run.config(Map.of("kafka.maxOffsetsPerTrigger", "1000"));
        ColourJob job = new ColourJob(spark(), config, Colour.BLUE, "it", r -> { });
        ColourLayout layout = job.layout();
        job.runAvailableNow();
        produce(SEED + 1, 1_000);            // updates to the same orders and shipments, new movements
        job.runAvailableNow();               // Gold consumes them too
        produce(SEED + 2, 1_000);
        runDomainQueriesOnly(job);           // Bronze and Silver move on, Gold does not

        cut = CutTaker.take(Storage.local(), layout, config.kafka().topics(), GOLD, REFERENCE, Clock.systemUTC());

        assertEquals(CheckpointInspector.inspect(Path.of(layout.checkpointLocation(Query.GOLD)))
                .lastCommittedBatch().orElseThrow(), cut.goldBatch(), "Gold batches end at version boundaries here");
        for (Domain d : Domain.values()) {
            DomainCut dc = cut.domains().get(d);
            long bronzeVersion = cut.tableVersions().get(d.bronzeTable());
            long lastBatch = CheckpointInspector.inspect(Path.of(layout.checkpointLocation(d.query())))
                    .lastCommittedBatch().orElseThrow();
            assertTrue(dc.batchId() >= 0 && dc.batchId() < lastBatch,
                    d.id() + ": the cut's batch " + dc.batchId() + " is before the last batch " + lastBatch);
            assertTrue(cut.tableVersions().get(d.silverTable()) < latestVersion(layout, d.silverTable()),
                    d.id() + ": Silver is ahead of the cut");
            assertBronzeHoldsExactlyTheRecordsBeforeTheCutOffsets(layout, d, dc, bronzeVersion);
            assertSilverKeysAreBronzesKeys(layout, d, bronzeVersion, cut.tableVersions().get(d.silverTable()));
        }
        assertGoldIsSilverSummed(layout, cut);

        Path file = run.dir().resolve("_bootstrap").resolve("cut.json");
        cut.write(Storage.local(), file.toString());
        assertEquals(cut, ConsistentCut.read(Storage.local(), file.toString()));
        System.out.println("consistent cut of the run:\n" + cut.toJson());
    }

    @Test
    @Order(2)
    void kafkaRetentionRefusesACutWhoseRecordsAreGoneAndReadsNewPartitionsFromTheStart() throws Exception {
        Assumptions.assumeTrue(cut != null, "needs the cut of the run above");
        String orders = run.topics().get(Domain.ORDERS);
        String inventory = run.topics().get(Domain.INVENTORY);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ItStack.stack().bootstrapServers()))) {
            assertEquals(Set.of(0, 1, 2, 3), KafkaRetention.check(admin, cut).get(orders));

            ItStack.stack().kafka().increasePartitions(inventory, 5);
            Map<String, Set<Integer>> partitions = KafkaRetention.check(admin, cut);
            String json = cut.domains().get(Domain.INVENTORY).startingOffsetsJson(partitions.get(inventory));
            assertEquals(Set.of(0, 1, 2, 3, 4), partitions.get(inventory));
            assertTrue(json.endsWith(",\"4\":-2}}"), json);

            long offset = cut.domains().get(Domain.ORDERS).offsets().get(0);
            deleteBefore(admin, new TopicPartition(orders, 0), offset + 1);
            sendOneRecord(inventory, 4);
            deleteBefore(admin, new TopicPartition(inventory, 4), 1);
            OffsetsNotRetainedException e = assertThrows(OffsetsNotRetainedException.class,
                    () -> KafkaRetention.check(admin, cut));

            long ordersEnd = ItStack.stack().kafka().endOffsets(orders).get(new TopicPartition(orders, 0));
            assertEquals(List.of(new Gap(inventory, 4, KafkaRetention.EARLIEST, 1, 1),
                    new Gap(orders, 0, offset, offset + 1, ordersEnd)), e.gaps());
            assertTrue(e.getMessage().contains(orders + "-0: the cut's offset " + offset + " is below the earliest"
                    + " retained offset " + (offset + 1)), e.getMessage());
            System.out.println("refused: " + e.getMessage());
        }
    }

    /**
     * The cut reads a change-feed source offset as "consumed through version C" or "inside a version". Checked on a
     * real Delta 4.0.1 stream split by maxFilesPerTrigger 1 over appends, a MERGE, a deletion-vector DELETE and an
     * OPTIMIZE: wherever the cut says C, exactly the change rows of versions up to C were delivered; wherever it says
     * "inside", a version was delivered in part.
     */
    @Test
    @Order(3)
    void deltaChangeFeedOffsetsAreVersionBoundariesExactlyWhereTheCutSaysTheyAre() throws Exception {
        Path dir = ItStack.newRunOnTopics("cut-cdf", Map.of()).dir();
        String table = dir.resolve("t").toString();
        SparkSession spark = spark();
        spark.sql("CREATE TABLE delta.`" + table + "` (id BIGINT, v BIGINT) USING delta TBLPROPERTIES"
                + " ('delta.enableChangeDataFeed' = 'true', 'delta.enableDeletionVectors' = 'true')");
        spark.range(0, 300).selectExpr("id", "id AS v").repartition(3).write().format("delta").mode("append")
                .save(table);
        spark.range(300, 500).selectExpr("id", "id AS v").repartition(2).write().format("delta").mode("append")
                .save(table);
        DeltaTable.forPath(spark, table).as("t").merge(spark.range(0, 100).selectExpr("id", "id + 1000 AS v")
                .as("s"), "t.id = s.id").whenMatched().updateAll().execute();
        spark.sql("DELETE FROM delta.`" + table + "` WHERE id >= 450");
        spark.sql("OPTIMIZE delta.`" + table + "`");
        spark.range(500, 700).selectExpr("id", "id AS v").repartition(2).write().format("delta").mode("append")
                .save(table);

        Map<Long, Map<Long, Long>> deliveredByBatch = new ConcurrentHashMap<>();
        Path checkpoint = dir.resolve("ckpt");
        StreamingQuery q = spark.readStream().format("delta").option("readChangeFeed", "true")
                .option("startingVersion", "0").option("maxFilesPerTrigger", "1").load(table)
                .writeStream().option("checkpointLocation", checkpoint.toString()).trigger(Trigger.AvailableNow())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                    Map<Long, Long> perVersion = new TreeMap<>();
                    batch.groupBy("_commit_version").count().collectAsList()
                            .forEach(r -> perVersion.put(r.getLong(0), r.getLong(1)));
                    deliveredByBatch.put(id, perVersion);
                }).start();
        q.awaitTermination(TimeUnit.MINUTES.toMillis(5));

        Map<Long, Long> total = new TreeMap<>();
        spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", "0").load(table)
                .groupBy("_commit_version").count().collectAsList().forEach(r -> total.put(r.getLong(0), r.getLong(1)));
        DeltaLogTxns log = DeltaLogTxns.open(Path.of(table));
        Map<Long, Long> delivered = new TreeMap<>();
        int boundaries = 0;
        int inside = 0;
        List<String> seen = new ArrayList<>();
        long last = CheckpointInspector.inspect(checkpoint).lastCommittedBatch().orElseThrow();
        for (long b = 0; b <= last; b++) {
            deliveredByBatch.getOrDefault(b, Map.of()).forEach((v, n) -> delivered.merge(v, n, Long::sum));
            JsonNode offset = CheckpointInspector.sourceOffsets(Storage.local(), checkpoint.toString(), b).get(0);
            OptionalLong through = log.consumedThrough(offset, checkpoint.resolve("offsets/" + b).toString());
            seen.add(offset.get("reservoirVersion") + "/" + offset.get("index") + "->"
                    + (through.isPresent() ? "through " + through.getAsLong() : "inside"));
            if (through.isPresent()) {
                boundaries++;
                for (Map.Entry<Long, Long> v : total.entrySet()) {
                    long expected = v.getKey() <= through.getAsLong() ? v.getValue() : 0;
                    assertEquals(expected, delivered.getOrDefault(v.getKey(), 0L),
                            "batch " + b + " at " + offset + ": rows of version " + v.getKey() + "; offsets " + seen);
                }
            } else {
                inside++;
                long v = offset.get("reservoirVersion").asLong();
                long got = delivered.getOrDefault(v, 0L);
                assertTrue(got > 0 && got < total.get(v), "batch " + b + " at " + offset + " is inside version " + v
                        + " but " + got + " of its " + total.get(v) + " rows were delivered; offsets " + seen);
            }
        }
        System.out.println("change-feed offsets, maxFilesPerTrigger 1: " + seen);
        assertEquals(total, delivered, "everything delivered in the end");
        assertTrue(boundaries >= 3 && inside >= 3, "both kinds of offsets seen: " + seen);
    }

    // ---- facts about the cut --------------------------------------------------------------------------------

    /** Bronze at the cut = the records Kafka acknowledged below the cut offsets, once each, from batches <= b. */
    private void assertBronzeHoldsExactlyTheRecordsBeforeTheCutOffsets(ColourLayout layout, Domain d, DomainCut dc,
                                                                       long version) {
        Dataset<Row> bronze = at(layout, d.bronzeTable(), version);
        long acknowledged = produced.stream().filter(p -> p.record().topic().equals(dc.topic()))
                .filter(p -> p.offset() < dc.offsets().getOrDefault(p.partition(), 0L)).count();
        long sumOfOffsets = dc.offsets().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(sumOfOffsets, bronze.count(), d.id() + ": Bronze rows at the cut = sum of the cut offsets");
        assertEquals(acknowledged, bronze.count(), d.id() + ": Bronze rows at the cut = records acknowledged below it");
        for (Row r : bronze.groupBy("partition").agg(org.apache.spark.sql.functions.count("*"),
                org.apache.spark.sql.functions.min("offset"), org.apache.spark.sql.functions.max("offset"),
                org.apache.spark.sql.functions.max("batch_id")).collectAsList()) {
            long next = dc.offsets().get(r.getInt(0));
            assertEquals(List.of(next, 0L, next - 1), List.of(r.getLong(1), r.getLong(2), r.getLong(3)),
                    d.id() + " partition " + r.getInt(0) + ": count, min and max offset");
            assertTrue(r.getLong(4) <= dc.batchId(), d.id() + ": no Bronze row from a batch after the cut");
        }
        assertEquals(dc.batchId(), bronze.agg(org.apache.spark.sql.functions.max("batch_id")).first().getLong(0));
        assertTrue(at(layout, d.bronzeTable(), latestVersion(layout, d.bronzeTable())).count() > bronze.count(),
                d.id() + ": Bronze is ahead of the cut");
    }

    /** Every key decoded into Bronze up to the cut is in Silver at the cut, and nothing else. */
    private static void assertSilverKeysAreBronzesKeys(ColourLayout layout, Domain d, long bronzeVersion,
                                                       long silverVersion) {
        String key = switch (d) {
            case ORDERS -> "order_id";
            case INVENTORY -> "event_id";
            case FULFILLMENT -> "shipment_id";
        };
        Dataset<Row> fromBronze = at(layout, d.bronzeTable(), bronzeVersion).where("decode_status = 'OK'")
                .selectExpr("payload." + key + " AS k").distinct();
        Dataset<Row> inSilver = at(layout, d.silverTable(), silverVersion).selectExpr(key + " AS k");
        assertEquals(fromBronze.count(), inSilver.count(), d.id() + ": Silver keys at the cut");
        assertEquals(0, fromBronze.exceptAll(inSilver).count(), d.id() + ": Bronze keys missing from Silver");
    }

    /** Gold at its cut version = Silver at its cut version summed per docs/semantics.md; not so at Silver's latest. */
    private static void assertGoldIsSilverSummed(ColourLayout layout, ConsistentCut cut) {
        Map<String, Long> v = cut.tableVersions();
        String revenue = "SELECT order_date, region, category, SUM(amount_cents) AS revenue_cents,"
                + " COUNT(*) AS order_count FROM %s WHERE NOT is_deleted GROUP BY order_date, region, category";
        String onHand = "SELECT sku, warehouse_id, SUM(quantity_delta) AS on_hand, COUNT(*) AS movement_count"
                + " FROM %s GROUP BY sku, warehouse_id";
        String millis = "(unix_millis(delivered_ts) - unix_millis(shipped_ts))";
        String sla = "SELECT to_date(shipped_ts) AS ship_date, warehouse_id, carrier_id, COUNT(*) AS shipped_count,"
                + " COUNT(delivered_ts) AS delivered_count,"
                + " COUNT_IF(delivered_ts IS NOT NULL AND " + millis + " <= 48 * 3600 * 1000) AS on_time_count,"
                + " COALESCE(SUM(CAST(floor(" + millis + " / 1000D) AS BIGINT)), 0) AS delivery_seconds"
                + " FROM %s WHERE shipped_ts IS NOT NULL GROUP BY 1, 2, 3";
        assertSameRows(String.format(revenue, versioned(layout, Tables.ORDERS, v.get(Tables.ORDERS))),
                versioned(layout, Tables.REVENUE, v.get(Tables.REVENUE)), "daily_revenue");
        assertSameRows(String.format(onHand, versioned(layout, Tables.MOVEMENTS, v.get(Tables.MOVEMENTS))),
                versioned(layout, Tables.ON_HAND, v.get(Tables.ON_HAND)), "inventory_on_hand");
        assertSameRows(String.format(sla, versioned(layout, Tables.SHIPMENTS, v.get(Tables.SHIPMENTS))),
                versioned(layout, Tables.SLA, v.get(Tables.SLA)), "fulfillment_sla");

        List<String> atLatest = sorted(spark().sql(String.format(revenue, versioned(layout, Tables.ORDERS,
                latestVersion(layout, Tables.ORDERS)))));
        assertNotEquals(atLatest, sorted(spark().sql("SELECT * FROM " + versioned(layout, Tables.REVENUE,
                v.get(Tables.REVENUE)))), "Silver's latest orders are beyond what Gold accounts for");
    }

    private static void assertSameRows(String recomputedSql, String goldTable, String what) {
        List<String> expected = sorted(spark().sql(recomputedSql));
        List<String> actual = sorted(spark().sql("SELECT * FROM " + goldTable));
        assertTrue(expected.size() > 10, what + ": enough rows to mean something: " + expected.size());
        assertEquals(expected, actual, what + " at the cut = Silver at the cut, summed");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void produce(long seed, int approxEvents) {
        TrafficGenerator generator = new TrafficGenerator(ItStack.stack().registryClient(),
                GeneratorConfig.of(seed, run.name(), ItStack.NOW, approxEvents).withTopics(run.topics()));
        produced.addAll(Producing.produceAll(ItStack.stack().bootstrapServers(), generator.generate()));
    }

    private static void runDomainQueriesOnly(ColourJob job) throws Exception {
        job.prepare();
        List<StreamingQuery> queries = new ArrayList<>();
        for (Domain d : Domain.values()) {
            queries.add(job.startDomain(d, Trigger.AvailableNow()));
        }
        for (StreamingQuery q : queries) {
            q.awaitTermination();
        }
    }

    private static void deleteBefore(Admin admin, TopicPartition tp, long offset) throws Exception {
        admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(offset))).all().get(30, TimeUnit.SECONDS);
    }

    private static void sendOneRecord(String topic, int partition) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = Producing.newProducer(ItStack.stack().bootstrapServers())) {
            producer.send(new ProducerRecord<>(topic, partition, new byte[] {1}, new byte[] {0})).get(30,
                    TimeUnit.SECONDS);
        }
    }

    private static SparkSession spark() {
        return ItStack.spark();
    }

    private static Dataset<Row> at(ColourLayout layout, String table, long version) {
        return spark().read().format("delta").option("versionAsOf", version).load(layout.tableLocation(table));
    }

    private static String versioned(ColourLayout layout, String table, long version) {
        return "delta.`" + layout.tableLocation(table) + "` VERSION AS OF " + version;
    }

    private static long latestVersion(ColourLayout layout, String table) {
        return DeltaLogTxns.open(Path.of(layout.tableLocation(table))).latestVersion();
    }

    private static List<String> sorted(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }
}

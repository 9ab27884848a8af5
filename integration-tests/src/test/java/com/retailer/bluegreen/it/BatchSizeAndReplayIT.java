package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.ColourJob;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.testsupport.ActualTables;
import com.retailer.bluegreen.testsupport.Expected;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.TableDef;
import com.retailer.bluegreen.transforms.Tables;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Acceptance 3 and 4: the same events processed with very different batch sizes give identical Silver and Gold
 * (and equal the oracle); re-running an already committed batch id leaves every table version unchanged.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchSizeAndReplayIT {
    private ItStack.Run source;
    private Fixture fixture;
    private final Map<Integer, Expected> results = new LinkedHashMap<>();
    private final Map<Integer, ColourLayout> layouts = new LinkedHashMap<>();
    private PipelineConfig largest;

    @Test
    @Order(1)
    void batchesOfTwelveAndOfTenThousandRecordsGiveIdenticalSilverAndGold() throws Exception {
        source = ItStack.newRun("batches");
        fixture = Fixture.produce(source, 4242L, 240);
        for (int size : new int[] {12, 10_000}) {
            ItStack.Run run = ItStack.newRunOnTopics("batches-" + size, source.topics());
            fixture.copyReferenceTo(run, 4242L);
            PipelineConfig config = run.config(Map.of("kafka.maxOffsetsPerTrigger", Integer.toString(size)));
            new ColourJob(ItStack.spark(), config, Colour.BLUE, "it", r -> { }).runAvailableNow();
            Expected actual = ActualTables.read(ItStack.spark(), config.layout(Colour.BLUE));
            Compare.assertTablesEqual(fixture.expected(), actual);
            results.put(size, actual);
            layouts.put(size, config.layout(Colour.BLUE));
            largest = config;
        }
        long batchesAtTwelve = CheckpointInspector.inspect(Path.of(
                layouts.get(12).checkpointLocation(Query.ORDERS))).lastCommittedBatch().orElseThrow();
        assertTrue(batchesAtTwelve >= 5, "orders batches at size 12: " + (batchesAtTwelve + 1));
        Compare.assertSilverGoldEqual(results.get(12), results.get(10_000), "batch size 12 vs 10000");
    }

    @Test
    @Order(2)
    void rerunningTheLastCommittedBatchOfEveryQueryLeavesEveryTableVersionUnchanged() throws Exception {
        Assumptions.assumeTrue(largest != null, "needs the tables of the batch-size runs above");
        ColourLayout layout = largest.layout(Colour.BLUE);
        Map<String, Long> before = versions(layout);
        for (Query q : new Query[] {Query.ORDERS, Query.INVENTORY, Query.FULFILLMENT, Query.GOLD}) {
            Path checkpoint = Path.of(layout.checkpointLocation(q));
            long last = CheckpointInspector.inspect(checkpoint).lastCommittedBatch().orElseThrow();
            // As if the job died after its Delta commits but before Spark recorded the batch as committed.
            Files.delete(checkpoint.resolve("commits").resolve(Long.toString(last)));
            Files.deleteIfExists(checkpoint.resolve("commits").resolve("." + last + ".crc"));
            assertEquals(last - 1, CheckpointInspector.inspect(checkpoint).lastCommittedBatch().orElse(-1L));
        }

        new ColourJob(ItStack.spark(), largest, Colour.BLUE, "it", r -> { }).runAvailableNow();

        for (Query q : new Query[] {Query.ORDERS, Query.INVENTORY, Query.FULFILLMENT, Query.GOLD}) {
            assertTrue(CheckpointInspector.inspect(Path.of(layout.checkpointLocation(q))).lastCommittedBatch()
                    .isPresent(), q + " re-ran its batch");
        }
        assertEquals(before, versions(layout), "table versions after replaying committed batches");
        Compare.assertTablesEqual(fixture.expected(), ActualTables.read(ItStack.spark(), layout));
    }

    private static Map<String, Long> versions(ColourLayout layout) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (TableDef t : Tables.all(Features.NONE)) {
            v.put(t.name(), DeltaTable.forPath(ItStack.spark(), layout.tableLocation(t.name())).history(1)
                    .select("version").first().getLong(0));
        }
        return v;
    }
}

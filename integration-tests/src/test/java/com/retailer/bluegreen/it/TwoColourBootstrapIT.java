package com.retailer.bluegreen.it;

import com.retailer.bluegreen.config.ConfigKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.Bootstrap;
import com.retailer.bluegreen.job.BootstrapException;
import com.retailer.bluegreen.job.CloneGuard;
import com.retailer.bluegreen.job.CloneLineageException;
import com.retailer.bluegreen.job.ColourJob;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.testsupport.ActualTables;
import com.retailer.bluegreen.testsupport.Expected;
import com.retailer.bluegreen.testsupport.GeneratorConfig;
import com.retailer.bluegreen.testsupport.Oracle;
import com.retailer.bluegreen.testsupport.OracleDiff;
import com.retailer.bluegreen.testsupport.ProducedRecord;
import com.retailer.bluegreen.testsupport.Producing;
import com.retailer.bluegreen.testsupport.ReferenceFiles;
import com.retailer.bluegreen.testsupport.TrafficGenerator;
import com.retailer.bluegreen.transforms.Tables;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 2 and 7: green bootstrapped from blue's consistent cut, and from scratch, equals blue and the
 * plain-Java oracle after catch-up (no gap, no overlap); after green is promoted, blue is vacuumed and green stays
 * complete.
 *
 * <p>Green runs the next release ({@code transforms.unitsSold}): its Gold {@code daily_revenue} has {@code units_sold},
 * which the bootstrap backfills into the clone and the job then maintains, equal to the oracle's.
 *
 * <p>The cut is made non-trivial: blue's domain queries are ahead of its Gold query when the cut is taken, and a
 * topic gains partitions after the cut (those start at earliest).
 */
@Tag("integration")
class TwoColourBootstrapIT {
    private static final LocalDate REF_DAY = LocalDate.of(2026, 11, 18);

    @Test
    void greenFromBlueCutAndFromScratchEqualBlueAndTheOracleAndSurviveBlueBeingVacuumed() throws Exception {
        SparkSession spark = ItStack.spark();
        ItStack.Run run = ItStack.newRun("twocolour");
        List<ReferenceFiles.ReferenceFile> reference = ReferenceFiles.write(run.inbox(), REF_DAY, 3, 7L);
        List<ProducedRecord> produced = new ArrayList<>(produce(run, 31L, "a", 12_000));
        PipelineConfig config = run.config(Map.of());
        // Green runs the next release: Gold daily_revenue gains units_sold, backfilled into the clone at bootstrap.
        PipelineConfig greenConfig = run.config(Map.of("transforms.unitsSold", "true"));

        ColourJob blue = new ColourJob(spark, config, Colour.BLUE, "it-blue", r -> { });
        blue.runAvailableNow();

        // More data that blue's domain queries take into Bronze and Silver but its Gold query has not consumed.
        produced.addAll(produce(run, 32L, "b", 8_000));
        blue.prepare();
        for (Domain d : Domain.values()) {
            StreamingQuery q = blue.startDomain(d, Trigger.AvailableNow());
            q.awaitTermination();
        }
        ColourLayout blueLayout = blue.layout();
        long blueOrdersBronzeLatest = latestVersion(spark, blueLayout.tableLocation(Domain.ORDERS.bronzeTable()));

        ConsistentCut cut = Bootstrap.fromCut(spark, greenConfig, Colour.BLUE, Colour.GREEN, "it-green",
                Clock.systemUTC());
        assertTrue(cut.tableVersions().get(Domain.ORDERS.bronzeTable()) < blueOrdersBronzeLatest,
                "the cut is anchored at what Gold consumed, behind blue's latest Bronze: " + cut.toJson());
        // Re-running the bootstrap resumes the same cut and changes nothing.
        ConsistentCut again = Bootstrap.fromCut(spark, greenConfig, Colour.BLUE, Colour.GREEN, "it-green",
                Clock.systemUTC());
        assertEquals(cut.toJson(), again.toJson());

        // A partition created after the cut: green's orders query reads it from earliest.
        try (Admin admin = admin()) {
            admin.createPartitions(Map.of(run.topics().get(Domain.ORDERS), NewPartitions.increaseTo(6))).all().get();
        }
        produced.addAll(produce(run, 33L, "c", 6_000));
        assertTrue(produced.stream().anyMatch(p -> p.partition() >= 4), "some records land in the new partitions");

        ColourJob green = new ColourJob(spark, greenConfig, Colour.GREEN, "it-green", r -> { });
        green.runAvailableNow();
        blue.runAvailableNow();

        Expected expected = Oracle.compute(produced, reference);
        Expected greenTables = ActualTables.read(spark, green.layout());
        assertEquals(0, ActualTables.bronzeDuplicates(spark, green.layout()), "green Bronze overlaps the cut");
        assertEquals(produced.size(), greenTables.bronzeStatus().size(), "green Bronze rows = produced records");
        Compare.assertTablesEqual(expected, greenTables);
        Expected blueTables = ActualTables.read(spark, blueLayout);
        Compare.assertTablesEqual(expected, blueTables);
        Compare.assertSilverGoldEqual(blueTables, greenTables, "green from the cut vs blue");
        assertEquals(List.of(), OracleDiff.unitsSold(Oracle.unitsSold(expected),
                ActualTables.unitsSold(spark, green.layout())), "units_sold backfilled at the cut, then maintained");

        // From scratch: a new green generation over the same topics, from the earliest retained offsets.
        PipelineConfig scratchConfig = run.config(Map.of(ConfigKeys.generation(Colour.GREEN), "2",
                "transforms.unitsSold", "true"));
        BootstrapException reused = assertThrows(BootstrapException.class,
                () -> Bootstrap.fromScratch(spark, config, Colour.GREEN, "it-green"));
        assertTrue(reused.getMessage().contains("generation"), reused.getMessage());
        Bootstrap.fromScratch(spark, scratchConfig, Colour.GREEN, "it-green-2");
        ColourJob scratch = new ColourJob(spark, scratchConfig, Colour.GREEN, "it-green-2", r -> { });
        scratch.runAvailableNow();
        Compare.assertTablesEqual(expected, ActualTables.read(spark, scratch.layout()));
        assertEquals(List.of(), OracleDiff.unitsSold(Oracle.unitsSold(expected),
                ActualTables.unitsSold(spark, scratch.layout())), "units_sold from scratch");

        // Green (generation 1, the clone) is promoted; blue is retired. Blue's own maintenance compacted its Silver
        // orders after the cut, so files green still reads are no longer in blue's snapshot.
        spark.sql("OPTIMIZE delta.`" + blueLayout.tableLocation(Tables.ORDERS) + "`");
        spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        try {
            int referenced = CloneGuard.referencesToOther(spark, config, Colour.GREEN).values().stream()
                    .mapToInt(Integer::intValue).sum();
            assertTrue(referenced > 0, "green's clones reference blue's files");
            long blueFiles = fileCount(Path.of(blueLayout.storageRoot()));
            CloneLineageException refused = assertThrows(CloneLineageException.class,
                    () -> CloneGuard.vacuum(spark, config, Colour.BLUE, 0, false));
            assertTrue(refused.getMessage().contains("Nothing was deleted"), refused.getMessage());
            assertEquals(blueFiles, fileCount(Path.of(blueLayout.storageRoot())), "a refused vacuum deletes nothing");
            Compare.assertTablesEqual(expected, ActualTables.read(spark, green.layout()));

            List<CloneGuard.TableVacuum> vacuumed = CloneGuard.vacuum(spark, config, Colour.BLUE, 0, true);
            assertTrue(vacuumed.stream().anyMatch(CloneGuard.TableVacuum::detached), vacuumed.toString());
            assertTrue(vacuumed.stream().anyMatch(v -> v.filesDeleted() > 0), vacuumed.toString());
            assertFalse(vacuumed.stream().anyMatch(v -> v.referencedByOther() > 0 && v.detached()),
                    vacuumed.toString());
        } finally {
            spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "true");
        }
        Compare.assertTablesEqual(expected, ActualTables.read(spark, green.layout()));

        // Green goes on after blue is gone: its Gold ignores the rewrite (no data change) and stays exact.
        produced.addAll(produce(run, 34L, "d", 4_000));
        green.runAvailableNow();
        Expected finalExpected = Oracle.compute(produced, reference);
        Compare.assertTablesEqual(finalExpected, ActualTables.read(spark, green.layout()));
        assertEquals(List.of(), OracleDiff.unitsSold(Oracle.unitsSold(finalExpected),
                ActualTables.unitsSold(spark, green.layout())));
    }

    private static List<ProducedRecord> produce(ItStack.Run run, long seed, String phase, int approx) {
        TrafficGenerator generator = new TrafficGenerator(ItStack.stack().registryClient(),
                GeneratorConfig.of(seed, run.name() + phase, ItStack.NOW, approx).withTopics(run.topics()));
        return Producing.produceAll(ItStack.stack().bootstrapServers(), generator.generate());
    }

    private static long fileCount(Path root) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long latestVersion(SparkSession spark, String location) {
        return DeltaTable.forPath(spark, location).history(1).head().getLong(0);
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ItStack.stack().bootstrapServers());
        return Admin.create(p);
    }
}

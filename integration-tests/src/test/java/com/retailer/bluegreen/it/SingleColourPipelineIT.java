package com.retailer.bluegreen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.ColourJob;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.testsupport.ActualTables;
import com.retailer.bluegreen.testsupport.Expected;
import com.retailer.bluegreen.testsupport.ProducedRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Acceptance 1: one colour over ≥ 200,000 irregular events equals the oracle exactly. */
@Tag("integration")
class SingleColourPipelineIT {

    @Test
    void blueCatchesUpOnTwoHundredThousandIrregularEventsAndEveryTableEqualsTheOracle() throws Exception {
        ItStack.Run run = ItStack.newRun("full");
        Fixture fixture = Fixture.produce(run, 20261125L, 205_000);
        List<ProducedRecord> produced = fixture.produced();
        assertTrue(produced.size() >= 200_000, "produced " + produced.size());
        Expected expected = fixture.expected();

        PipelineConfig config = run.config(Map.of("kafka.maxOffsetsPerTrigger", "60000"));
        ColourJob job = new ColourJob(ItStack.spark(), config, Colour.BLUE, "it", r -> { });
        job.runAvailableNow();

        Expected actual = ActualTables.read(ItStack.spark(), job.layout());
        assertEquals(0, ActualTables.bronzeDuplicates(ItStack.spark(), job.layout()), "duplicate Bronze coordinates");
        assertEquals(produced.size(), actual.bronzeStatus().size(), "Bronze rows = produced records");
        Compare.assertTablesEqual(expected, actual);
    }
}

package com.retailer.bluegreen.it;

import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.testsupport.Expected;
import com.retailer.bluegreen.testsupport.GeneratorConfig;
import com.retailer.bluegreen.testsupport.Oracle;
import com.retailer.bluegreen.testsupport.ProducedRecord;
import com.retailer.bluegreen.testsupport.Producing;
import com.retailer.bluegreen.testsupport.ReferenceFiles;
import com.retailer.bluegreen.testsupport.TrafficGenerator;
import java.time.LocalDate;
import java.util.List;

/** Generated traffic produced to a run's topics, plus reference files, and what the oracle expects of them. */
record Fixture(List<ProducedRecord> produced, Expected expected) {

    static Fixture produce(ItStack.Run run, long seed, int approxEvents) {
        return produce(run, seed, approxEvents, ItStack.stack().registryClient());
    }

    /** As {@link #produce(ItStack.Run, long, int)}, registering writer schemas in the given registry. */
    static Fixture produce(ItStack.Run run, long seed, int approxEvents, SchemaRegistry registry) {
        TrafficGenerator generator = new TrafficGenerator(registry,
                GeneratorConfig.of(seed, run.name(), ItStack.NOW, approxEvents).withTopics(run.topics()));
        List<ProducedRecord> produced = Producing.produceAll(ItStack.stack().bootstrapServers(),
                generator.generate());
        List<ReferenceFiles.ReferenceFile> reference =
                ReferenceFiles.write(run.inbox(), LocalDate.of(2026, 11, 18), 3, seed);
        return new Fixture(produced, Oracle.compute(produced, reference));
    }

    /** Reference files for another run directory over the same topics (each run has its own inbox). */
    void copyReferenceTo(ItStack.Run run, long seed) {
        ReferenceFiles.write(run.inbox(), LocalDate.of(2026, 11, 18), 3, seed);
    }
}

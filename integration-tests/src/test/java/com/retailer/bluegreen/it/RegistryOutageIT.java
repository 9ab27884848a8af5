package com.retailer.bluegreen.it;

import com.retailer.bluegreen.errors.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.ingest.ConfluentRegistryClient;
import com.retailer.bluegreen.local.LocalSchemaRegistryServer;
import com.retailer.bluegreen.job.Main;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.testsupport.ActualTables;
import com.retailer.bluegreen.local.ChildJob;
import com.retailer.bluegreen.local.ChildJvm;
import com.retailer.bluegreen.local.LocalStack;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A schema registry that cannot be reached is a transient failure: the batch fails (the job exits, to be retried)
 * and no record is quarantined or written; once the registry is back, the same job converges to the oracle.
 */
@Tag("integration")
class RegistryOutageIT {

    @Test
    void anUnreachableRegistryFailsTheBatchInsteadOfQuarantiningAndTheRetryConverges() throws Exception {
        ItStack.Run run = ItStack.newRun("outage");
        Path store = Files.createDirectories(run.dir()).resolve("registry.json");
        LocalSchemaRegistryServer registry = new LocalSchemaRegistryServer(0, store).start();
        int port = registry.port();
        Fixture fixture = Fixture.produce(run, 5L, 3_000,
                new ConfluentRegistryClient(URI.create(registry.url()), Duration.ofSeconds(5)));
        registry.close();

        Map<String, String> overrides = run.overrides(Map.of(
                "schemaRegistry.url", "http://127.0.0.1:" + port, "schemaRegistry.timeout", "2s"));
        Path log = run.dir().resolve("child-jobs.log");
        try (ChildJvm down = ChildJob.start(Colour.BLUE, LocalStack.configFile(), overrides, Map.of(),
                List.of("--available-now"), log)) {
            assertEquals(ErrorCode.FAILED.exitStatus(), down.waitFor(300_000), "the job must fail while the registry is down");
        }
        ColourLayout layout = run.config(Map.of()).layout(Colour.BLUE);
        for (Domain d : Domain.values()) {
            assertEquals(0, ActualTables.table(ItStack.spark(), layout, d.bronzeTable()).count(),
                    d.bronzeTable() + " must hold nothing from the failed batch");
        }
        assertTrue(Files.readString(log).contains("RegistryUnavailableException"), "cause visible in the log");

        try (LocalSchemaRegistryServer back = new LocalSchemaRegistryServer(port, store).start();
             ChildJvm retry = ChildJob.start(Colour.BLUE, LocalStack.configFile(), overrides, Map.of(),
                     List.of("--available-now"), log)) {
            assertEquals(ErrorCode.OK.exitStatus(), retry.waitFor(300_000), "retry exit code; see " + log);
        }
        Compare.assertTablesEqual(fixture.expected(), ActualTables.read(ItStack.spark(), layout));
    }
}

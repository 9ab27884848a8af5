package com.retailer.bluegreen.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.ColourJobs;
import com.retailer.bluegreen.publish.ColourJobsContract;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Jobs API colour jobs pass the colour-jobs contract, through the real SDK client, against a local Jobs API
 * that checks each request against the documented API ({@link LocalJobsApi}); no request broke a rule.
 */
class DatabricksColourJobsContractTest extends ColourJobsContract {
    private static final List<LocalJobsApi> servers = new ArrayList<>();
    private LocalJobsApi api;
    private DatabricksColourJobs jobs;

    @BeforeEach
    void deploy() throws IOException {
        api = new LocalJobsApi();
        api.continuousJob("retail_ops-blue", "PAUSED", "ON_FAILURE");
        api.continuousJob("retail_ops-green", "PAUSED", "ON_FAILURE");
        // Names the API's case-insensitive filter returns too: only the exact name is the colour's job.
        api.continuousJob("RETAIL_OPS-BLUE", "PAUSED", null);
        api.continuousJob("retail_ops-blue-backfill", "PAUSED", null);
        jobs = connect(api);
    }

    static DatabricksColourJobs connect(LocalJobsApi api) {
        WorkspaceClient w = new WorkspaceClient(new DatabricksConfig().setHost(api.url())
                .setToken(LocalJobsApi.TOKEN));
        return new DatabricksColourJobs(w.jobs(), c -> "retail_ops-" + c.id(), Duration.ofSeconds(20),
                Duration.ofMillis(20));
    }

    @Override
    protected ColourJobs jobs() {
        return jobs;
    }

    /** Runs before the contract's own clean-up, which needs the API: each test's API is closed after the class. */
    @AfterEach
    void noRequestBrokeTheApi() {
        servers.add(api);
        for (Colour c : Colour.values()) {
            jobs.stop(c);
        }
        assertEquals(List.of(), api.violations());
    }

    @AfterAll
    static void closeTheApis() {
        servers.forEach(LocalJobsApi::close);
    }
}

package com.retailer.bluegreen.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.ColourJobs;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Jobs API adapter does beyond the contract: the requests it sends and how it refuses a bad deployment. */
class DatabricksColourJobsTest {
    private LocalJobsApi api;

    @BeforeEach
    void start() throws IOException {
        api = new LocalJobsApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void start_unpauses_the_job_keeping_its_other_continuous_settings_and_never_sends_run_now() {
        long blue = api.continuousJob("retail_ops-blue", "PAUSED", "ON_FAILURE");
        DatabricksColourJobs jobs = DatabricksColourJobsContractTest.connect(api);

        jobs.start(Colour.BLUE);
        jobs.start(Colour.BLUE);

        assertEquals("{\"pause_status\":\"UNPAUSED\",\"task_retry_mode\":\"ON_FAILURE\"}",
                api.settings(blue).get("continuous").toString());
        assertEquals(List.of("RUNNING"), api.activeRunStates(blue), "the scheduler keeps exactly one run");
        long updates = api.requests().stream().filter(r -> r.path().endsWith("/jobs/update")).count();
        assertEquals(1, updates, "the second start found the job unpaused and changed nothing");
        assertTrue(api.requests().stream().noneMatch(r -> r.path().contains("run-now")),
                "run-now on an unpaused continuous job would cancel its run and start another");
        assertEquals(List.of(), api.violations());
    }

    @Test
    void stop_pauses_the_job_then_cancels_its_run_and_returns_once_it_has_ended() {
        long green = api.continuousJob("retail_ops-green", "UNPAUSED", "NEVER");
        DatabricksColourJobs jobs = DatabricksColourJobsContractTest.connect(api);
        assertEquals(ColourJobs.State.RUNNING, jobs.state(Colour.GREEN));

        jobs.stop(Colour.GREEN);

        assertEquals(List.of(), api.activeRunStates(green));
        assertEquals("{\"pause_status\":\"PAUSED\",\"task_retry_mode\":\"NEVER\"}",
                api.settings(green).get("continuous").toString());
        assertTrue(api.requests().stream().anyMatch(r -> r.path().endsWith("/runs/cancel")));
        assertEquals(List.of(), api.violations());
    }

    @Test
    void a_paused_job_with_a_run_started_by_hand_is_running_until_stop_cancels_that_run() {
        long blue = api.continuousJob("retail_ops-blue", "PAUSED", null);
        api.startRunByHand(blue);
        DatabricksColourJobs jobs = DatabricksColourJobsContractTest.connect(api);

        assertEquals(ColourJobs.State.RUNNING, jobs.state(Colour.BLUE));
        jobs.stop(Colour.BLUE);
        assertEquals(ColourJobs.State.STOPPED, jobs.state(Colour.BLUE));
        assertEquals(List.of(), api.activeRunStates(blue));
        assertEquals(List.of(), api.violations());
    }

    @Test
    void a_run_that_does_not_end_fails_the_stop_naming_the_run_and_what_to_do() {
        long blue = api.continuousJob("retail_ops-blue", "UNPAUSED", null);
        api.runsIgnoreCancel();
        DatabricksColourJobs jobs = new DatabricksColourJobs(
                new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
                        .setHost(api.url()).setToken(LocalJobsApi.TOKEN)).jobs(),
                c -> "retail_ops-" + c.id(), java.time.Duration.ofMillis(300), java.time.Duration.ofMillis(20));
        jobs.state(Colour.BLUE); // the scheduler starts the run

        BlueGreenException e = assertThrows(BlueGreenException.class, () -> jobs.stop(Colour.BLUE));

        assertEquals(ErrorCode.FAILED, e.code());
        assertTrue(e.getMessage().contains("still TERMINATING") && e.getMessage().contains("retail_ops-blue")
                && e.getMessage().contains("run the step again"), e.getMessage());
        assertEquals("PAUSED", api.settings(blue).get("continuous").get("pause_status").asText());
    }

    @Test
    void no_job_of_that_name_is_refused_naming_the_name_and_the_bundle() {
        api.continuousJob("retail_ops-blue-backfill", "PAUSED", null);
        DatabricksColourJobs jobs = DatabricksColourJobsContractTest.connect(api);

        BlueGreenException e = assertThrows(BlueGreenException.class, () -> jobs.start(Colour.BLUE));

        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        assertTrue(e.getMessage().startsWith("No job in the workspace named 'retail_ops-blue'")
                && e.getMessage().contains("databricks bundle deploy"), e.getMessage());
    }

    @Test
    void two_jobs_of_the_same_name_are_refused_listing_both() {
        long a = api.continuousJob("retail_ops-green", "PAUSED", null);
        long b = api.continuousJob("retail_ops-green", "PAUSED", null);
        DatabricksColourJobs jobs = DatabricksColourJobsContractTest.connect(api);

        BlueGreenException e = assertThrows(BlueGreenException.class, () -> jobs.state(Colour.GREEN));

        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        assertTrue(e.getMessage().contains("2 jobs ([" + a + ", " + b + "])"), e.getMessage());
    }

    @Test
    void a_job_that_is_not_continuous_is_refused() throws Exception {
        api.job((com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(
                "{\"name\":\"retail_ops-blue\",\"schedule\":{\"quartz_cron_expression\":\"0 0 * * * ?\","
                        + "\"timezone_id\":\"UTC\"}}"));
        DatabricksColourJobs jobs = DatabricksColourJobsContractTest.connect(api);

        BlueGreenException e = assertThrows(BlueGreenException.class, () -> jobs.start(Colour.BLUE));

        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        assertTrue(e.getMessage().contains("is not a continuous job"), e.getMessage());
    }

    @Test
    void a_wrong_token_reaches_nothing() {
        api.continuousJob("retail_ops-blue", "PAUSED", null);
        DatabricksColourJobs jobs = new DatabricksColourJobs(
                new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
                        .setHost(api.url()).setToken("dapi-wrong")).jobs(),
                c -> "retail_ops-" + c.id(), java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(20));

        assertThrows(RuntimeException.class, () -> jobs.start(Colour.BLUE));
        assertEquals(1, api.violations().size(), api.violations().toString());
        assertTrue(api.violations().get(0).contains("bearer token"));
    }
}

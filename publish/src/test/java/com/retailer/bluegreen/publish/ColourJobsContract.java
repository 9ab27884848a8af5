package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.retailer.bluegreen.layout.Colour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ColourJobs} must do, run against each implementation (in memory, child JVMs): start and stop are
 * idempotent, and each colour's job is its own. A subclass gives fresh jobs per test and stops what is left after.
 */
public abstract class ColourJobsContract {

    /** Colour jobs of which none is running. */
    protected abstract ColourJobs jobs();

    /** Stops whatever a test left running. */
    @AfterEach
    public void stopEverything() {
        for (Colour c : Colour.values()) {
            jobs().stop(c);
        }
    }

    @Test
    public void a_job_never_started_is_stopped_and_stopping_it_changes_nothing() {
        assertEquals(ColourJobs.State.STOPPED, jobs().state(Colour.BLUE));
        jobs().stop(Colour.BLUE);
        assertEquals(ColourJobs.State.STOPPED, jobs().state(Colour.BLUE));
    }

    @Test
    public void starting_twice_runs_one_job_which_one_stop_ends() {
        jobs().start(Colour.GREEN);
        jobs().start(Colour.GREEN);
        assertEquals(ColourJobs.State.RUNNING, jobs().state(Colour.GREEN));
        jobs().stop(Colour.GREEN);
        assertEquals(ColourJobs.State.STOPPED, jobs().state(Colour.GREEN), "a second job would still be running");
        jobs().stop(Colour.GREEN);
        assertEquals(ColourJobs.State.STOPPED, jobs().state(Colour.GREEN));
    }

    @Test
    public void each_colour_has_its_own_job() {
        jobs().start(Colour.BLUE);
        assertEquals(ColourJobs.State.STOPPED, jobs().state(Colour.GREEN));
        jobs().start(Colour.GREEN);
        jobs().stop(Colour.BLUE);
        assertEquals(ColourJobs.State.STOPPED, jobs().state(Colour.BLUE));
        assertEquals(ColourJobs.State.RUNNING, jobs().state(Colour.GREEN));
        jobs().start(Colour.BLUE);
        assertEquals(ColourJobs.State.RUNNING, jobs().state(Colour.BLUE), "a stopped job starts again");
    }
}

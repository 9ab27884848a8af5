package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;

/**
 * Port: the colours' streaming jobs as the release runs them: start, stop and ask about one colour's job. Locally
 * each is a child JVM ({@code local.ChildJvmColourJobs}); on Databricks a continuous job per colour. Every call is
 * idempotent: starting a running job or stopping a stopped one changes nothing. Every implementation passes
 * {@code ColourJobsContract}.
 */
public interface ColourJobs {

    /** What is known of a colour's job. */
    enum State {
        /** The job is running (started, not stopped, not failed). */
        RUNNING,
        /** The job is not running: never started, stopped, or ended. */
        STOPPED
    }

    /** Starts {@code colour}'s job unless it is running already. */
    void start(Colour colour);

    /** Stops {@code colour}'s job if it is running, and returns once it has stopped. */
    void stop(Colour colour);

    /** Whether {@code colour}'s job is running. */
    State state(Colour colour);
}

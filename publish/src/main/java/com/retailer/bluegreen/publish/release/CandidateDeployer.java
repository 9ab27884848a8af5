package com.retailer.bluegreen.publish.release;

import com.retailer.bluegreen.layout.Colour;

/**
 * Port: puts a release's candidate to work. Locally the bootstrap runs in this process and the colour job starts as
 * a child JVM; on Databricks the bootstrap and the colour's continuous job run through the Jobs API.
 */
public interface CandidateDeployer {

    /** How a new generation's tables start. */
    enum Bootstrap {
        /** Shallow clones of the live colour's tables at a consistent cut, then Kafka from the cut's offsets. */
        CUT,
        /** Empty tables, then Kafka from the earliest retained offsets. */
        SCRATCH
    }

    /**
     * Makes {@code candidate} run generation {@code generation} of the artifact of {@code gitSha}, its tables started
     * by {@code bootstrap}: stops whatever earlier generation of the candidate still runs (the candidate is the idle
     * colour: it serves no view), bootstraps the new generation, starts its job. Idempotent: a re-run after a crash
     * resumes the bootstrap (the same cut) and leaves one job running.
     *
     * @return what was done, a JSON object (cut offsets and versions, the job's run), recorded as the step's evidence
     */
    String deploy(Colour candidate, long generation, Bootstrap bootstrap, String gitSha);
}

package com.retailer.bluegreen.local;

import com.retailer.bluegreen.publish.ColourJobs;
import com.retailer.bluegreen.publish.ColourJobsContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The child-JVM colour jobs pass the colour-jobs contract, each job a small JVM that runs until it is stopped. */
class ChildJvmColourJobsContractTest extends ColourJobsContract {
    @TempDir
    static Path logs;

    private final ChildJvmColourJobs jobs = new ChildJvmColourJobs(colour -> new ChildJvm.Spec("job-" + colour.id(),
            UntilStopped.class.getName(), List.of(colour.id()), "64m", Map.of(), true,
            logs.resolve(colour.id() + ".log")));

    @Override
    protected ColourJobs jobs() {
        return jobs;
    }

    /** A job that runs until it is stopped (or its parent goes). */
    public static final class UntilStopped {
        public static void main(String[] args) throws InterruptedException {
            ChildJvm.exitWhenParentGoes();
            System.out.println("RUNNING " + args[0]);
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}

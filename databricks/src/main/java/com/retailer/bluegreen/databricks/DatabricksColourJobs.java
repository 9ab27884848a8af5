package com.retailer.bluegreen.databricks;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.BaseRun;
import com.databricks.sdk.service.jobs.CancelRun;
import com.databricks.sdk.service.jobs.Continuous;
import com.databricks.sdk.service.jobs.GetJobRequest;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.databricks.sdk.service.jobs.ListRunsRequest;
import com.databricks.sdk.service.jobs.PauseStatus;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.UpdateJob;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.ColourJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link ColourJobs} on the Databricks Jobs API: each colour's streaming job is a continuous job the bundle deploys
 * ({@code databricks.yml}), found by its name, which the layout derives ({@code ColourLayout.jobName()}).
 * <ul>
 *   <li>{@link #start} unpauses it; Databricks then starts a run and keeps one running, retrying a failed one;</li>
 *   <li>{@link #stop} pauses it, cancels its active runs and returns once none is active (pausing alone does not
 *       end the active run);</li>
 *   <li>{@link #state} is {@code RUNNING} while the job is unpaused or a run of it is still active.</li>
 * </ul>
 * Every call is idempotent, and the adapter never sends run-now: on an unpaused continuous job that cancels the
 * active run and starts another. An update replaces a top-level settings field whole, so the pause status is written
 * with the job's other continuous settings as they are ({@code task_retry_mode} kept).
 */
public final class DatabricksColourJobs implements ColourJobs {
    private final JobsAPI jobs;
    private final Function<Colour, String> jobNames;
    private final Duration stopTimeout;
    private final Duration pollInterval;
    private final Map<Colour, Long> ids = new EnumMap<>(Colour.class);

    /**
     * Colour jobs named by {@code jobNames} in the workspace {@code jobs} talks to; {@link #stop} waits at most
     * {@code stopTimeout} for the active runs to end, asking every {@code pollInterval}.
     */
    public DatabricksColourJobs(JobsAPI jobs, Function<Colour, String> jobNames, Duration stopTimeout,
                                Duration pollInterval) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.jobNames = Objects.requireNonNull(jobNames, "jobNames");
        this.stopTimeout = stopTimeout;
        this.pollInterval = pollInterval;
    }

    /**
     * The colour jobs of the workspace the environment names (the SDK's default authentication: on a job cluster
     * the run-as service principal's OAuth credentials, {@code DATABRICKS_HOST}, {@code DATABRICKS_CLIENT_ID} and
     * {@code DATABRICKS_CLIENT_SECRET} from a secret scope; locally a profile of {@code ~/.databrickscfg}).
     */
    public static DatabricksColourJobs fromEnvironment(Function<Colour, String> jobNames) {
        return new DatabricksColourJobs(new WorkspaceClient().jobs(), jobNames, Duration.ofMinutes(10),
                Duration.ofSeconds(5));
    }

    @Override
    public synchronized void start(Colour colour) {
        ensurePauseStatus(colour, PauseStatus.UNPAUSED);
    }

    /** Sets {@code colour}'s job to {@code status} unless it already is; returns the job's id. */
    private long ensurePauseStatus(Colour colour, PauseStatus status) {
        long id = id(colour);
        Continuous continuous = continuous(colour, id);
        if (continuous.getPauseStatus() != status) {
            setPauseStatus(id, continuous, status);
        }
        return id;
    }

    @Override
    public synchronized void stop(Colour colour) {
        long id = ensurePauseStatus(colour, PauseStatus.PAUSED);
        Instant deadline = Instant.now().plus(stopTimeout);
        while (true) {
            List<BaseRun> active = activeRuns(id);
            if (active.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                BaseRun r = active.get(0);
                throw new BlueGreenException(ErrorCode.FAILED, "The " + colour.id() + " job (" + jobNames.apply(colour)
                        + ", job " + id + ") is paused but its run " + r.getRunId() + " is still "
                        + r.getState().getLifeCycleState() + " after " + stopTimeout.toSeconds() + " s of cancelling:"
                        + " cancel it in the workspace (Jobs, run " + r.getRunId() + ") and run the step again");
            }
            for (BaseRun r : active) {
                if (r.getState() == null || r.getState().getLifeCycleState() != RunLifeCycleState.TERMINATING) {
                    jobs.cancelRun(new CancelRun().setRunId(r.getRunId()));
                }
            }
            sleep(pollInterval);
        }
    }

    @Override
    public synchronized State state(Colour colour) {
        long id = id(colour);
        if (continuous(colour, id).getPauseStatus() == PauseStatus.UNPAUSED) {
            return State.RUNNING;
        }
        return activeRuns(id).isEmpty() ? State.STOPPED : State.RUNNING;
    }

    /** The id of the one job named as {@code colour}'s job; refused when there is none or several. */
    private long id(Colour colour) {
        Long known = ids.get(colour);
        if (known != null) {
            return known;
        }
        String name = jobNames.apply(colour);
        List<Long> found = new ArrayList<>();
        for (BaseJob j : jobs.list(new ListJobsRequest().setName(name))) {
            // The API matches names case-insensitively; ours are derived, so the match must be exact.
            if (j.getSettings() != null && name.equals(j.getSettings().getName())) {
                found.add(j.getJobId());
            }
        }
        if (found.size() != 1) {
            throw new BlueGreenException(ErrorCode.BAD_CONFIG, (found.isEmpty() ? "No job" : found.size() + " jobs ("
                    + found + ")") + " in the workspace named '" + name + "', the " + colour.id() + " colour's job:"
                    + " the bundle deploys exactly one per colour, named <pipeline>-<colour> (databricks bundle"
                    + " deploy -t <target>; docs/databricks.md); check the configuration's pipeline and the target");
        }
        ids.put(colour, found.get(0));
        return found.get(0);
    }

    private Continuous continuous(Colour colour, long id) {
        Job job = jobs.get(new GetJobRequest().setJobId(id));
        Continuous c = job.getSettings() == null ? null : job.getSettings().getContinuous();
        if (c == null) {
            throw new BlueGreenException(ErrorCode.BAD_CONFIG, "The " + colour.id() + " colour's job '"
                    + jobNames.apply(colour) + "' (job " + id + ") is not a continuous job: the bundle deploys each"
                    + " colour's job with continuous.pause_status set (databricks.yml); redeploy the bundle");
        }
        return c;
    }

    private void setPauseStatus(long id, Continuous current, PauseStatus status) {
        Continuous next = new Continuous().setPauseStatus(status).setTaskRetryMode(current.getTaskRetryMode());
        jobs.update(new UpdateJob().setJobId(id).setNewSettings(new JobSettings().setContinuous(next)));
    }

    private List<BaseRun> activeRuns(long id) {
        List<BaseRun> active = new ArrayList<>();
        for (BaseRun r : jobs.listRuns(new ListRunsRequest().setJobId(id).setActiveOnly(true))) {
            active.add(r);
        }
        return active;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlueGreenException(ErrorCode.FAILED, "Interrupted while waiting for a job's runs to end", e);
        }
    }
}

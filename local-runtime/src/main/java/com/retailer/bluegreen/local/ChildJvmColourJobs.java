package com.retailer.bluegreen.local;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.ColourJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link ColourJobs} as child JVMs, the local stand-in for a continuous Databricks job per colour: {@link #start}
 * launches the colour's job unless its JVM is alive, {@link #stop} kills it (a streaming job is built to resume
 * exactly once from its checkpoint after any stop), {@link #state} asks whether it is alive.
 */
public final class ChildJvmColourJobs implements ColourJobs, AutoCloseable {
    private final Function<Colour, ChildJvm.Spec> specs;
    private final Map<Colour, ChildJvm> running = new EnumMap<>(Colour.class);

    /** Colour jobs launched as {@code specs} says (what main, arguments and log file each colour gets). */
    public ChildJvmColourJobs(Function<Colour, ChildJvm.Spec> specs) {
        this.specs = specs;
    }

    /**
     * The job's own {@code run --colour <c>} command ({@link ChildJob}) with {@code configFile} and
     * {@code overrides}, logging to {@code <logDir>/<colour>.log}.
     */
    public static ChildJvmColourJobs ofJob(Path configFile, Map<String, String> overrides, Path logDir) {
        return new ChildJvmColourJobs(colour -> {
            List<String> args = new java.util.ArrayList<>(List.of("run", "--colour", colour.id(), "--config",
                    configFile.toString()));
            overrides.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
            return new ChildJvm.Spec("job-" + colour.id(), ChildJob.MAIN, args, "2g", Map.of(), false,
                    logDir.resolve(colour.id() + ".log"));
        });
    }

    @Override
    public synchronized void start(Colour colour) {
        if (state(colour) == State.RUNNING) {
            return;
        }
        try {
            running.put(colour, ChildJvm.start(specs.apply(colour)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + colour.id() + " job", e);
        }
    }

    @Override
    public synchronized void stop(Colour colour) {
        ChildJvm jvm = running.remove(colour);
        if (jvm != null) {
            try {
                jvm.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the " + colour.id() + " job", e);
            }
        }
    }

    @Override
    public synchronized State state(Colour colour) {
        ChildJvm jvm = running.get(colour);
        return jvm != null && jvm.isAlive() ? State.RUNNING : State.STOPPED;
    }

    /** The running job of {@code colour}, for its output. */
    public synchronized java.util.Optional<ChildJvm> jvm(Colour colour) {
        return java.util.Optional.ofNullable(running.get(colour));
    }

    /** Stops every job. */
    @Override
    public void close() {
        for (Colour c : Colour.values()) {
            stop(c);
        }
    }
}

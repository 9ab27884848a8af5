package com.retailer.bluegreen.local;

import com.retailer.bluegreen.layout.Colour;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The job's command line ({@code com.retailer.bluegreen.job.Main}) in a child JVM ({@link ChildJvm}), as a Databricks
 * job runs it: a colour's streaming job, or any other command. Named by class name, since local-runtime does not
 * depend on the job module.
 */
public final class ChildJob {
    /** The job's entry point. */
    public static final String MAIN = "com.retailer.bluegreen.job.Main";

    private ChildJob() {
    }

    /**
     * Starts {@code Main run --colour <colour>} with the given config file and overrides.
     *
     * @param systemProperties e.g. {@code bluegreen.pauseAt}
     */
    public static ChildJvm start(Colour colour, Path configFile, Map<String, String> overrides,
                                 Map<String, String> systemProperties, List<String> extraArgs, Path logFile)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--colour", colour.id()));
        args.addAll(extraArgs);
        return command(args, configFile, overrides, systemProperties, logFile, "child-" + colour.id());
    }

    /**
     * Starts any {@code Main} command ({@code promote --to green}, {@code status --json}, …) in its own JVM with the
     * given config file and overrides ({@code --set key=value} each). Commands other than {@code run} are
     * short-lived.
     */
    public static ChildJvm command(List<String> mainArgs, Path configFile, Map<String, String> overrides,
                                   Map<String, String> systemProperties, Path logFile, String name)
            throws IOException {
        List<String> args = new ArrayList<>(mainArgs);
        args.add("--config");
        args.add(configFile.toString());
        overrides.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        return java(MAIN, args, systemProperties, logFile, name, !mainArgs.isEmpty() && !mainArgs.get(0).equals("run"));
    }

    /** Starts {@code mainClass} with {@code args} in its own JVM with 2 GB of heap ({@link ChildJvm.Spec}). */
    public static ChildJvm java(String mainClass, List<String> args, Map<String, String> systemProperties,
                                Path logFile, String name, boolean shortLived) throws IOException {
        return ChildJvm.start(new ChildJvm.Spec(name, mainClass, args, "2g", systemProperties, shortLived, logFile));
    }
}

package com.retailer.bluegreen.local;

import com.retailer.bluegreen.layout.Colour;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The colour job as a separate JVM ({@code com.retailer.bluegreen.job.Main run}), as a Databricks job runs it:
 * same classpath, the Spark JVM flags this JVM was started with, output captured line by line. {@link #kill()}
 * sends SIGKILL.
 */
public final class ChildJob implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private ChildJob(Process process, String name) {
        this.process = process;
        this.pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, name + "-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts {@code Main run --colour <colour>} with the given config file and overrides.
     *
     * @param systemProperties e.g. {@code bluegreen.pauseAt}
     */
    public static ChildJob start(Colour colour, Path configFile, Map<String, String> overrides,
                                 Map<String, String> systemProperties, List<String> extraArgs, Path logFile)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--colour", colour.id()));
        args.addAll(extraArgs);
        return command(args, configFile, overrides, systemProperties, logFile, "child-" + colour.id());
    }

    /**
     * Starts any {@code Main} command ({@code promote --to green}, {@code status --json}, …) in its own JVM with the
     * given config file and overrides ({@code --set key=value} each).
     */
    public static ChildJob command(List<String> mainArgs, Path configFile, Map<String, String> overrides,
                                   Map<String, String> systemProperties, Path logFile, String name)
            throws IOException {
        List<String> args = new ArrayList<>(mainArgs);
        args.add("--config");
        args.add(configFile.toString());
        overrides.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        return java("com.retailer.bluegreen.job.Main", args, systemProperties, logFile, name,
                !mainArgs.isEmpty() && !mainArgs.get(0).equals("run"));
    }

    /**
     * Starts {@code mainClass} with {@code args} in its own JVM: this JVM's classpath and Spark flags, 2 GB of heap,
     * stderr appended to {@code logFile}.
     *
     * @param shortLived a command that starts, does one thing and exits: compiled by C1 only, which halves its CPU
     *                   time (measured: {@code status} 10 s → 5.5 s of CPU); long-running jobs keep C2
     */
    public static ChildJob java(String mainClass, List<String> args, Map<String, String> systemProperties,
                                Path logFile, String name, boolean shortLived) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        if (shortLived) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                cmd.add(arg);
            }
        }
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return new ChildJob(pb.start(), name);
    }

    /**
     * Waits until a stdout line starts with {@code prefix}; returns it. Fails if the process exits first.
     */
    public String awaitLine(String prefix, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            for (String l : lines) {
                if (l.startsWith(prefix)) {
                    return l;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("child job exited with " + process.exitValue()
                        + " before printing '" + prefix + "'; stdout tail: " + tail());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("child job did not print '" + prefix + "' within " + timeoutMs + " ms");
    }

    /** SIGKILL (no shutdown hooks run, nothing is flushed) and wait for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    public int waitFor(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child job still running after " + timeoutMs + " ms; killed. tail: "
                    + tail());
        }
        // The process is gone; let the pump read what is left in the pipe, so lines() holds the last line too.
        pump.join(10_000);
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    private String tail() {
        List<String> l = lines();
        return String.join(" | ", l.subList(Math.max(0, l.size() - 10), l.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

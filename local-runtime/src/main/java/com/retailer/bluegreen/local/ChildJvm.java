package com.retailer.bluegreen.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@code main} class of this classpath in its own JVM, the way a Databricks job is a process of its own: this
 * JVM's classpath and the Spark flags it was started with ({@code --add-opens} and friends), stderr appended to a
 * log file, stdout captured line by line. Its stdin stays open as a pipe, so a child that watches stdin
 * ({@link #exitWhenParentGoes}) ends when this JVM dies. The one launcher of child JVMs: colour jobs and commands
 * ({@link ChildJob}), the SQL endpoint, view readers and the swap driver all start through it.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final String name;
    private final Path logFile;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private ChildJvm(Process process, String name, Path logFile) {
        this.process = process;
        this.name = name;
        this.logFile = logFile;
        this.pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, name + "-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * What to start.
     *
     * @param name             for messages and the stdout thread
     * @param mainClass        a class of this classpath with a {@code main}
     * @param args             its arguments
     * @param heap             its maximum heap, e.g. {@code 2g}
     * @param systemProperties set with {@code -D} (e.g. a test's fault point)
     * @param shortLived       a command that starts, does one thing and exits: compiled by C1 only, which halves
     *                         its CPU time (measured: {@code status} 10 s → 5.5 s of CPU); long-running jobs keep C2
     * @param logFile          where its stderr is appended
     */
    public record Spec(String name, String mainClass, List<String> args, String heap,
                       Map<String, String> systemProperties, boolean shortLived, Path logFile) {
        public Spec {
            args = List.copyOf(args);
            systemProperties = Map.copyOf(systemProperties);
        }
    }

    /** Starts {@code main} with {@code args}: {@code heap} of heap, no system properties, C2. */
    public static ChildJvm start(String name, String heap, Class<?> main, List<String> args, Path logFile)
            throws IOException {
        return start(new Spec(name, main.getName(), args, heap, Map.of(), false, logFile));
    }

    public static ChildJvm start(Spec spec) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + spec.heap());
        if (spec.shortLived()) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")
                    || arg.startsWith("-Dspark.")) {
                cmd.add(arg);
            }
        }
        spec.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(spec.mainClass());
        cmd.addAll(spec.args());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        return new ChildJvm(pb.start(), spec.name(), spec.logFile());
    }

    /** Waits until a stdout line starts with {@code prefix}; returns it. Fails if the process exits first. */
    public String awaitLine(String prefix, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            for (String l : lines) {
                if (l.startsWith(prefix)) {
                    return l;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before printing '"
                        + prefix + "'. Its log is " + logFile + "; stdout tail: " + tail());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " did not print '" + prefix + "' within " + timeoutMs
                + " ms. Its log is " + logFile + ".");
    }

    /** Writes one line to the child's stdin. */
    public synchronized void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Stdout lines so far, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * In a child's {@code main}: exits the JVM when stdin reaches end of file, i.e. when the parent that started it
     * (and holds the other end of the pipe) is gone, so a child never outlives its test or demo.
     */
    public static void exitWhenParentGoes() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // discard
                }
            } catch (IOException ignored) {
                // the pipe broke: the parent is gone
            }
            System.exit(3);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits for the process to exit by itself and returns its exit status, with every stdout line read; kills it
     * and throws if it has not exited after {@code timeoutMs}.
     */
    public int waitFor(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException(name + " still running after " + timeoutMs + " ms; killed. Its log is "
                    + logFile + "; stdout tail: " + tail());
        }
        // The process is gone; let the pump read what is left in the pipe, so lines() holds the last line too.
        pump.join(10_000);
        return process.exitValue();
    }

    /** SIGKILL (no shutdown hooks run, nothing is flushed), and wait until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private String tail() {
        List<String> l = lines();
        return String.join(" | ", l.subList(Math.max(0, l.size() - 10), l.size()));
    }
}

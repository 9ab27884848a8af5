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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@code main} class of this classpath in its own JVM, started as {@link ChildJob} starts colour jobs: this JVM's
 * classpath and Spark flags ({@code --add-opens} and friends), stderr appended to a log file, stdout captured line
 * by line. Its stdin stays open as a pipe, so a child that watches stdin notices when this JVM dies.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final String name;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process, String name) {
        this.process = process;
        this.name = name;
        Thread pump = new Thread(() -> {
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

    public static ChildJvm start(String name, String heap, Class<?> main, List<String> args, Path logFile)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return new ChildJvm(pb.start(), name);
    }

    /** Waits until a stdout line starts with {@code prefix}; returns it. Fails if the process exits first. */
    public String awaitLine(String prefix, long timeoutMs, Path logFile) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            for (String l : lines) {
                if (l.startsWith(prefix)) {
                    return l;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before printing '"
                        + prefix + "'. Its log is " + logFile + "; stdout: " + String.join(" | ", lines));
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
        return lines;
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

    /** Waits for the process to exit by itself; kills it if it has not after {@code timeoutMs}. */
    public int waitFor(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException(name + " still running after " + timeoutMs + " ms; killed.");
        }
        return process.exitValue();
    }

    /** SIGKILL, and wait until the process is gone. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }
}

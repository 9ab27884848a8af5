package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.local.ChildJvm;

import com.retailer.bluegreen.local.SqlEndpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Readers of the published views for cutover tests and the demo: one thread and one JDBC connection to the
 * {@link SqlEndpoint} per {@link ReaderQuery}, each running its query in a loop until stopped and recording every
 * execution ({@link ReaderExecution}: start, latency, ok or the error, the release ids seen per release-id column).
 * {@link ReaderSummary#of} turns the record into failures, mixed results and latency overall and per time window.
 *
 * <p>In-process: {@link #start}, then {@link #stop()}. As a separate JVM: {@link #startChild}, or run
 * {@link #main} directly with {@code --spec <json> --stop-file <path> --out <json>}; it writes a {@link Report} to
 * {@code --out} once the stop file appears.
 */
public final class ViewReaders implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_ERROR_CHARS = 400;
    private static final long FAILURE_BACKOFF_MS = 100;

    private final String jdbcUrl;
    private final long pauseMs;
    private final List<ReaderQuery> queries;
    private final ConcurrentLinkedQueue<ReaderExecution> executions = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    private ViewReaders(String jdbcUrl, List<ReaderQuery> queries, Duration pause) {
        this.jdbcUrl = jdbcUrl;
        this.queries = List.copyOf(queries);
        this.pauseMs = pause.toMillis();
    }

    /**
     * Starts one reader per query against {@code jdbcUrl}, each pausing {@code pause} between executions (zero:
     * back to back). Returns once every reader has opened its connection.
     */
    public static ViewReaders start(String jdbcUrl, List<ReaderQuery> queries, Duration pause)
            throws SQLException {
        ViewReaders readers = new ViewReaders(jdbcUrl, queries, pause);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < queries.size(); i++) {
                connections.add(SqlEndpoint.connect(jdbcUrl));
            }
        } catch (SQLException e) {
            for (Connection c : connections) {
                closeQuietly(c);
            }
            throw e;
        }
        for (int i = 0; i < queries.size(); i++) {
            ReaderQuery q = queries.get(i);
            Connection c = connections.get(i);
            Thread t = new Thread(() -> readerLoop(readers, q, c), "reader-" + q.name());
            t.setDaemon(true);
            readers.threads.add(t);
        }
        readers.threads.forEach(Thread::start);
        return readers;
    }

    private static void readerLoop(ViewReaders r, ReaderQuery q, Connection first) {
        Connection c = first;
        while (!r.stopping) {
            long startMs = System.currentTimeMillis();
            long t0 = System.nanoTime();
            boolean failed = false;
            try {
                if (c == null) {
                    c = SqlEndpoint.connect(r.jdbcUrl);
                }
                r.executions.add(execute(c, q, startMs, t0));
            } catch (SQLException | RuntimeException e) {
                failed = true;
                r.executions.add(new ReaderExecution(q.name(), startMs, elapsedMs(t0), false, message(e), 0,
                        Map.of()));
                if (c != null && broken(c, e)) {
                    closeQuietly(c);
                    c = null;
                }
            }
            // An endpoint that is down refuses connections at once: do not record thousands of failures a second.
            pause(failed ? Math.max(r.pauseMs, FAILURE_BACKOFF_MS) : r.pauseMs);
        }
        if (c != null) {
            closeQuietly(c);
        }
    }

    private static ReaderExecution execute(Connection c, ReaderQuery q, long startMs, long t0) throws SQLException {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        long rows = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q.sql())) {
            int[] index = new int[q.releaseIdColumns().size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = rs.findColumn(q.releaseIdColumns().get(i));
                ids.put(q.releaseIdColumns().get(i), new TreeSet<>());
            }
            while (rs.next()) {
                rows++;
                for (int i = 0; i < index.length; i++) {
                    String v = rs.getString(index[i]);
                    if (v != null) {
                        ids.get(q.releaseIdColumns().get(i)).add(v);
                    }
                }
            }
        }
        return new ReaderExecution(q.name(), startMs, elapsedMs(t0), true, null, rows, ids);
    }

    /** Transport errors (SQLSTATE class 08) and closed connections need a new connection; query errors do not. */
    private static boolean broken(Connection c, Exception e) {
        try {
            return c.isClosed() || (e instanceof SQLException s && s.getSQLState() != null
                    && s.getSQLState().startsWith("08"));
        } catch (SQLException closedCheckFailed) {
            return true;
        }
    }

    /** The first line (Spark's error class and description, without the plan), at most 400 characters. */
    private static String message(Exception e) {
        String m = (e.getMessage() == null ? e.toString() : e.getMessage()).lines().findFirst().orElse("");
        return m.length() > MAX_ERROR_CHARS ? m.substring(0, MAX_ERROR_CHARS) + "..." : m;
    }

    private static double elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000.0;
    }

    private static void pause(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is broken already
        }
    }

    /**
     * Waits until every query has returned a result at least once (the first execution of a view warms the
     * endpoint up and takes seconds); fails naming the queries that have not.
     */
    public void awaitEveryQueryAnswered(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            Set<String> answered = new TreeSet<>();
            executions.stream().filter(ReaderExecution::ok).forEach(e -> answered.add(e.query()));
            List<String> waiting = queries.stream().map(ReaderQuery::name).filter(n -> !answered.contains(n))
                    .toList();
            if (waiting.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Reader queries " + waiting + " have had no result within "
                        + timeout + ". Latest: " + summary(List.of()).firstFailures());
            }
            Thread.sleep(50);
        }
    }

    /** Executions so far, in the order they finished. */
    public List<ReaderExecution> executions() {
        return List.copyOf(executions);
    }

    public ReaderSummary summary(List<TimeWindow> windows) {
        return ReaderSummary.of(executions(), windows);
    }

    /** Stops every reader after its current execution and closes the connections; returns all executions. */
    public List<ReaderExecution> stop() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join(120_000);
        }
        return executions();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * What a reader JVM hands back: the summary (without windows: they are known only to the caller) and every
     * execution, to summarise again with windows ({@code ReaderSummary.of(report.executions(), windows)}).
     */
    public record Report(ReaderSummary summary, List<ReaderExecution> executions) {
        public static Report read(Path file) {
            try {
                return JSON.readValue(file.toFile(), Report.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the readers' report " + file, e);
            }
        }
    }

    /** The child JVM's instructions. */
    record Spec(String jdbcUrl, List<ReaderQuery> queries, long pauseMs) {
    }

    /** Readers in their own JVM; {@link #stop()} asks them to finish and returns their report. */
    public static final class Child implements AutoCloseable {
        private final ChildJvm jvm;
        private final Path stopFile;
        private final Path out;
        private final Path log;

        private Child(ChildJvm jvm, Path stopFile, Path out, Path log) {
            this.jvm = jvm;
            this.stopFile = stopFile;
            this.out = out;
            this.log = log;
        }

        /** Waits until the readers are connected and running (their JVM prints {@value #RUNNING}). */
        void awaitRunning(long timeoutMs) throws InterruptedException {
            jvm.awaitLine(RUNNING, timeoutMs);
        }

        public Report stop() throws IOException, InterruptedException {
            Files.writeString(stopFile, "stop");
            int exit = jvm.waitFor(180_000);
            if (exit != 0 || !Files.exists(out)) {
                throw new IllegalStateException("The reader JVM exited with " + exit + " without a report at " + out
                        + ". Its log is " + log + ".");
            }
            return Report.read(out);
        }

        @Override
        public void close() throws InterruptedException {
            jvm.close();
        }
    }

    static final String RUNNING = "READERS_RUNNING";

    /**
     * Starts the readers in a separate JVM (files under {@code dir}: spec, stop file, report) and returns once
     * they are connected and querying.
     */
    public static Child startChild(String jdbcUrl, List<ReaderQuery> queries, Duration pause, Path dir, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path spec = dir.resolve("readers-spec.json");
        Path stop = dir.resolve("readers.stop");
        Path out = dir.resolve("readers-report.json");
        Files.deleteIfExists(stop);
        Files.deleteIfExists(out);
        JSON.writeValue(spec.toFile(), new Spec(jdbcUrl, queries, pause.toMillis()));
        ChildJvm jvm = ChildJvm.start("view-readers", "512m", ViewReaders.class, List.of("--spec", spec.toString(),
                "--stop-file", stop.toString(), "--out", out.toString()), log);
        Child child = new Child(jvm, stop, out, log);
        try {
            child.awaitRunning(60_000);
        } catch (RuntimeException | InterruptedException e) {
            jvm.close();
            throw e;
        }
        return child;
    }

    /** {@code --spec <json> --stop-file <path> --out <json>}: read until the stop file appears, then report. */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        if (!a.keySet().containsAll(List.of("--spec", "--stop-file", "--out"))) {
            System.err.println("Usage: ViewReaders --spec <json> --stop-file <path> --out <json>");
            System.exit(2);
        }
        ChildJvm.exitWhenParentGoes();
        Spec spec = JSON.readValue(Path.of(a.get("--spec")).toFile(), Spec.class);
        Path stopFile = Path.of(a.get("--stop-file"));
        Path out = Path.of(a.get("--out"));
        ViewReaders readers = start(spec.jdbcUrl(), spec.queries(), Duration.ofMillis(spec.pauseMs()));
        System.out.println(RUNNING);
        System.out.flush();
        while (!Files.exists(stopFile)) {
            Thread.sleep(100);
        }
        List<ReaderExecution> all = readers.stop();
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), new Report(ReaderSummary.of(all, List.of()), all));
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.exit(0);
    }
}

package com.retailer.bluegreen.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A SparkSession in its own JVM, driven one statement at a time: a stand-in for another process that works on the
 * shared catalog (a colour job creating its tables, the publisher switching views), where the calling JVM cannot
 * (a JVM has one catalog, and a test JVM's is in-memory).
 *
 * <p>{@link #start} launches it with Spark settings (e.g. {@link SharedCatalog#overrides(Path)}); {@link #run}
 * sends a statement and returns its rows and when it ran. As a {@code main}: reads statements from stdin, one per
 * line, runs each and answers on stdout with {@code SQLSHELL ROW <tab-separated values>} lines, then
 * {@code SQLSHELL DONE <startMs> <endMs>} or {@code SQLSHELL FAIL <startMs> <endMs> <message>}; exits at the end
 * of stdin.
 */
public final class SqlShell implements AutoCloseable {
    private static final String PREFIX = "SQLSHELL ";
    private static final String READY = PREFIX + "READY";
    private static final String ROW = PREFIX + "ROW ";
    private static final String DONE = PREFIX + "DONE ";
    private static final String FAIL = PREFIX + "FAIL ";
    private static final long START_TIMEOUT_MS = 180_000;

    private final ChildJvm jvm;
    private final Path log;
    private int consumed;

    private SqlShell(ChildJvm jvm, Path log) {
        this.jvm = jvm;
        this.log = log;
    }

    /**
     * The outcome of one statement.
     *
     * @param rows    result rows, values as strings ({@code NULL} for null)
     * @param startMs when the shell started running it, epoch milliseconds
     * @param endMs   when it finished
     */
    public record Result(List<List<String>> rows, long startMs, long endMs) {
        public Result {
            rows = List.copyOf(rows);
        }
    }

    /** Starts a shell whose session has the given {@code spark.conf.<key>} settings; returns once it is ready. */
    public static SqlShell start(Map<String, String> sparkOverrides, Path logFile) throws IOException,
            InterruptedException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        List<String> args = new ArrayList<>();
        sparkOverrides.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        ChildJvm jvm = ChildJvm.start("sql-shell", "2g", SqlShell.class, args, logFile);
        SqlShell shell = new SqlShell(jvm, logFile);
        try {
            jvm.awaitLine(READY, START_TIMEOUT_MS, logFile);
        } catch (RuntimeException | InterruptedException e) {
            jvm.close();
            throw e;
        }
        return shell;
    }

    /** Runs one statement (newlines become spaces); throws {@link IllegalStateException} with Spark's message. */
    public synchronized Result run(String sql, long timeoutMs) throws IOException, InterruptedException {
        jvm.send(sql.replace('\r', ' ').replace('\n', ' '));
        long deadline = System.currentTimeMillis() + timeoutMs;
        List<List<String>> rows = new ArrayList<>();
        while (true) {
            List<String> lines = jvm.lines();
            while (consumed < lines.size()) {
                String line = lines.get(consumed++);
                if (line.startsWith(ROW)) {
                    rows.add(List.of(line.substring(ROW.length()).split("\t", -1)));
                } else if (line.startsWith(DONE)) {
                    String[] t = line.substring(DONE.length()).split(" ");
                    return new Result(rows, Long.parseLong(t[0]), Long.parseLong(t[1]));
                } else if (line.startsWith(FAIL)) {
                    throw new IllegalStateException("Statement failed in the SQL shell: " + sql + " -- "
                            + line.substring(FAIL.length()).split(" ", 3)[2]);
                }
            }
            if (!jvm.isAlive()) {
                throw new IllegalStateException("The SQL shell died running: " + sql + ". Its log is " + log + ".");
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The SQL shell did not finish within " + timeoutMs + " ms: " + sql);
            }
            Thread.sleep(5);
        }
    }

    public Result run(String sql) throws IOException, InterruptedException {
        return run(sql, 300_000);
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    /** {@code [--set spark.conf.<key>=<value>]...}; statements on stdin. */
    public static void main(String[] args) throws IOException {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.master", "local[2]");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.sql.shuffle.partitions", "4");
        conf.put("spark.sql.session.timeZone", "UTC");
        conf.put("spark.databricks.delta.snapshotPartitions", "2");
        for (int i = 0; i + 1 < args.length; i += 2) {
            String kv = args[i + 1];
            int eq = kv.indexOf('=');
            if (!"--set".equals(args[i]) || eq < 0 || !kv.startsWith("spark.conf.")) {
                System.err.println("Usage: SqlShell [--set spark.conf.<spark key>=<value>]...");
                System.exit(2);
            }
            conf.put(kv.substring("spark.conf.".length(), eq), kv.substring(eq + 1));
        }
        SparkSession.Builder builder = SparkSession.builder().appName("bluegreen-sql-shell");
        conf.forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        PrintStream out = System.out;
        out.println(READY);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String sql = in.readLine(); sql != null; sql = in.readLine()) {
            if (sql.isBlank()) {
                continue;
            }
            long start = System.currentTimeMillis();
            try {
                for (Row r : spark.sql(sql).collectAsList()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < r.length(); i++) {
                        values.add(r.isNullAt(i) ? "NULL" : String.valueOf(r.get(i)).replace('\t', ' ')
                                .replace('\n', ' '));
                    }
                    out.println(ROW + String.join("\t", values));
                }
                out.println(DONE + start + " " + System.currentTimeMillis());
            } catch (Exception e) {
                String m = String.valueOf(e.getMessage()).lines().collect(Collectors.joining(" "));
                out.println(FAIL + start + " " + System.currentTimeMillis() + " " + m);
            }
            out.flush();
        }
        spark.stop();
        System.exit(0);
    }
}

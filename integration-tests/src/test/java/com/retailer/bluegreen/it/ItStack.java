package com.retailer.bluegreen.it;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.local.Files2;
import com.retailer.bluegreen.local.LocalSpark;
import com.retailer.bluegreen.local.LocalStack;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One broker, one registry and one SparkSession per test JVM (starting them dominates test time); each test gets
 * its own {@link Run}: its own topics and its own directory for checkpoints, tables and reference files.
 */
final class ItStack {
    /** Fixed "now" of generated traffic, so every run of a test generates the same events. */
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    /** Per test JVM, so two test runs in one checkout (a developer and CI, say) never delete each other's files. */
    private static final Path ROOT = Path.of("target", "it-stack", "jvm-" + ProcessHandle.current().pid())
            .toAbsolutePath();
    private static LocalStack stack;

    private ItStack() {
    }

    static synchronized LocalStack stack() {
        if (stack == null) {
            try {
                Files2.deleteRecursively(ROOT);
                stack = LocalStack.start(ROOT.resolve("stack"));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the local stack", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    static SparkSession spark() {
        return LocalSpark.session(ROOT.resolve("warehouse"));
    }

    /** A fresh directory on existing topics (several runs of the pipeline over the same events). */
    static Run newRunOnTopics(String name, Map<Domain, String> topics) {
        Path dir = ROOT.resolve("runs").resolve(name);
        Files2.deleteRecursively(dir);
        return new Run(name, dir, topics);
    }

    /** A fresh run: topics {@code <name>.<default topic>} with 4 partitions and an empty directory. */
    static Run newRun(String name) {
        Map<Domain, String> topics = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            topics.put(d, name + "." + d.defaultTopic());
        }
        stack().createTopics(topics, 4);
        Path dir = ROOT.resolve("runs").resolve(name);
        Files2.deleteRecursively(dir);
        return new Run(name, dir, topics);
    }

    /** A test's topics and directory. */
    record Run(String name, Path dir, Map<Domain, String> topics) {
        Path inbox() {
            return dir.resolve("reference");
        }

        Map<String, String> overrides(Map<String, String> extra) {
            Map<String, String> o = new LinkedHashMap<>(stack().overrides(dir, topics));
            o.putAll(extra);
            return o;
        }

        PipelineConfig config(Map<String, String> extra) {
            return LocalStack.config(overrides(extra));
        }
    }
}

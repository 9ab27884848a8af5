package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.ConfigException;
import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.config.TriggerConfig;
import com.retailer.bluegreen.layout.CheckpointOwnershipException;
import com.retailer.bluegreen.layout.Colour;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Command line of the colour job (the Databricks JAR task's main class).
 *
 * <pre>
 * run     --colour blue|green [--config FILE] [--set key=value]... [--available-now] [--git-sha SHA]
 * inspect --colour blue|green [--config FILE] [--set key=value]... [--json]
 * </pre>
 *
 * Exit codes: 0 success, 2 invalid arguments or configuration (nothing was written), 3 the checkpoint root belongs
 * to another colour or generation, 1 the job failed.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_CONFIG = 2;
    public static final int NOT_OWNER = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        PipelineConfig config;
        try {
            a = Arguments.parse(args);
            config = ConfigLoader.load(a.config(), a.overrides());
        } catch (IllegalArgumentException | ConfigException e) {
            err.println(e.getMessage());
            err.println(Arguments.USAGE);
            return BAD_CONFIG;
        }
        try {
            return switch (a.command()) {
                case "run" -> runJob(a, config, out);
                case "inspect" -> Inspect.print(config, a.colour(), a.json(), out);
                default -> throw new IllegalStateException(a.command());
            };
        } catch (CheckpointOwnershipException e) {
            err.println(e.getMessage());
            return NOT_OWNER;
        } catch (Exception e) {
            err.println("The " + a.colour().id() + " job failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }

    private static int runJob(Arguments a, PipelineConfig config, PrintStream out) throws Exception {
        out.println(ConfigLoader.describe(config));
        // Refuse a checkpoint root owned by another colour or generation before anything else happens.
        ColourJob.claim(config.layout(a.colour()), a.gitSha());
        SparkSession spark = Sessions.builder(config, config.layout(a.colour()).jobName()).getOrCreate();
        ColourJob job = new ColourJob(spark, config, a.colour(), a.gitSha(), r -> { });
        boolean once = a.availableNow() || config.trigger().mode() == TriggerConfig.Mode.AVAILABLE_NOW;
        if (once) {
            job.runAvailableNow();
        } else {
            job.runContinuous();
        }
        return OK;
    }

    /** Parsed command line. */
    record Arguments(String command, Colour colour, Path config, Map<String, String> overrides,
                     boolean availableNow, boolean json, String gitSha) {
        static final String USAGE = """
                usage: run     --colour blue|green [--config conf/local.yaml] [--set key=value]... \
                [--available-now] [--git-sha SHA]
                       inspect --colour blue|green [--config conf/local.yaml] [--set key=value]... [--json]""";

        static Arguments parse(String[] args) {
            if (args.length == 0 || !(args[0].equals("run") || args[0].equals("inspect"))) {
                throw new IllegalArgumentException("Expected a command (run or inspect) as the first argument.");
            }
            Colour colour = null;
            Path config = Path.of("conf", "local.yaml");
            Map<String, String> overrides = new LinkedHashMap<>();
            boolean availableNow = false;
            boolean json = false;
            String gitSha = System.getenv().getOrDefault("BLUEGREEN_GIT_SHA", "unknown");
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--colour" -> colour = Colour.parse(value(args, ++i, "--colour"));
                    case "--config" -> config = Path.of(value(args, ++i, "--config"));
                    case "--set" -> {
                        String kv = value(args, ++i, "--set");
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("Invalid --set '" + kv + "': expected key=value.");
                        }
                        overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    case "--available-now" -> availableNow = true;
                    case "--json" -> json = true;
                    case "--git-sha" -> gitSha = value(args, ++i, "--git-sha");
                    default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'.");
                }
            }
            if (colour == null) {
                throw new IllegalArgumentException("Missing --colour (blue or green).");
            }
            return new Arguments(args[0], colour, config, overrides, availableNow, json, gitSha);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException("Missing value after " + flag + ".");
            }
            return args[i];
        }
    }
}

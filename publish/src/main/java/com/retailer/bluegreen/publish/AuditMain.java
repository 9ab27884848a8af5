package com.retailer.bluegreen.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * {@code audit verify --ledger <path> [--json]}: recomputes the ledger's chain and prints the verdict, as text or
 * one JSON object. Exit codes: {@code 0} the chain is valid, {@code 4} it is broken (the output names the first bad
 * record), {@code 2} invalid arguments or no ledger at the path, {@code 1} verification could not run.
 *
 * <p>Thin by design: parsing, rendering and exit codes live here, everything else in {@link AuditLedger}. Uses the
 * active SparkSession when there is one (on Databricks), otherwise starts a local one with Delta.
 */
public final class AuditMain {
    public static final int VALID = 0;
    public static final int FAILED = 1;
    public static final int INVALID_ARGUMENTS = 2;
    public static final int BROKEN = 4;

    static final String USAGE = """
            usage: audit verify --ledger <path> [--json]
              verify   recompute the audit ledger's hash chain and name the first bad record
              --ledger the ledger's Delta table, e.g. <storage>/<pipeline>/control/audit_ledger
              --json   print one JSON object instead of text
            exit codes: 0 valid, 4 broken, 2 invalid arguments or no ledger, 1 verification could not run""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command and returns its exit code; the entry point for a CLI that dispatches {@code audit} here. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, AuditMain::session);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}; {@code spark} is asked for a session only if args parse. */
    static int run(String[] args, PrintStream out, PrintStream err, Supplier<SparkSession> spark) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return INVALID_ARGUMENTS;
        }
        if (a == null) {
            out.println(USAGE);
            return VALID;
        }
        try {
            VerifyResult result = AuditLedger.open(spark.get(), a.ledger()).verify();
            out.println(a.json() ? json(a.ledger(), result) : text(a.ledger(), result));
            return result.valid() ? VALID : BROKEN;
        } catch (AuditLedgerException e) {
            err.println(e.getMessage());
            return INVALID_ARGUMENTS;
        } catch (RuntimeException e) {
            err.println("Could not verify audit ledger '" + a.ledger() + "': " + e
                    + ". The verdict is unknown, not broken; fix the cause (access to the path, Spark) and run again.");
            e.printStackTrace(err);
            return FAILED;
        }
    }

    static String text(String ledger, VerifyResult result) {
        if (result instanceof VerifyResult.Valid v) {
            return "Audit ledger " + ledger + ": valid, " + v.count() + " record" + (v.count() == 1 ? "" : "s")
                    + ", head hash " + v.headHash() + ".";
        }
        VerifyResult.Broken b = (VerifyResult.Broken) result;
        return "Audit ledger " + ledger + ": BROKEN at record " + b.sequence() + ": " + b.reason() + ".\n"
                + AuditErrors.repair(ledger);
    }

    static String json(String ledger, VerifyResult result) {
        ObjectNode node = JSON.createObjectNode().put("ledger", ledger).put("valid", result.valid());
        if (result instanceof VerifyResult.Valid v) {
            node.put("count", v.count()).put("headHash", v.headHash());
        } else if (result instanceof VerifyResult.Broken b) {
            node.put("sequence", b.sequence()).put("reason", b.reason());
        }
        return node.toString();
    }

    private static SparkSession session() {
        if (SparkSession.getActiveSession().isDefined()) {
            return SparkSession.getActiveSession().get();
        }
        if (SparkSession.getDefaultSession().isDefined()) {
            return SparkSession.getDefaultSession().get();
        }
        SparkSession local = SparkSession.builder()
                .master(System.getProperty("spark.master", "local[2]"))
                .appName("audit-verify")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.ui.enabled", "false")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .getOrCreate();
        local.sparkContext().setLogLevel("WARN");
        return local;
    }

    /** Parsed arguments; {@code parse} returns {@code null} for {@code --help}. */
    record Arguments(String ledger, boolean json) {
        static Arguments parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("No command given.");
            }
            if (args[0].equals("--help") || args[0].equals("-h")) {
                return null;
            }
            if (!args[0].equals("verify")) {
                throw new IllegalArgumentException("Unknown command '" + args[0] + "': expected verify.");
            }
            String ledger = null;
            boolean json = false;
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--json" -> json = true;
                    case "--ledger" -> {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException("Option --ledger needs a value: the ledger's path.");
                        }
                        ledger = args[++i];
                    }
                    case "--help", "-h" -> {
                        return null;
                    }
                    default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "' for verify.");
                }
            }
            if (ledger == null || ledger.isBlank()) {
                throw new IllegalArgumentException("Missing --ledger <path>: which audit ledger to verify.");
            }
            return new Arguments(ledger, json);
        }
    }
}

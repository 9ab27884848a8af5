package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.ConfigException;
import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.config.TriggerConfig;
import com.retailer.bluegreen.layout.CheckpointOwnershipException;
import com.retailer.bluegreen.gates.GateAdmission;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.CutException;
import com.retailer.bluegreen.layout.OffsetsNotRetainedException;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.AuditMain;
import com.retailer.bluegreen.publish.ConcurrentPromotionException;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractException;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.publish.ContractFileException;
import com.retailer.bluegreen.publish.ContractViolationException;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.ReleaseOutcome;
import com.retailer.bluegreen.publish.ReleaseRefusedException;
import com.retailer.bluegreen.publish.SupersededException;
import com.retailer.bluegreen.transforms.ExpectationFailedException;
import com.retailer.bluegreen.transforms.FeatureMismatchException;
import com.retailer.bluegreen.transforms.SchemaOwnershipException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Command line of the colour job and of the publisher (the Databricks JAR tasks' main class): {@code run},
 * {@code inspect}, {@code status}, {@code bootstrap}, {@code validate}, {@code promote}, {@code rollback},
 * {@code audit verify}, {@code vacuum}; see
 * {@link Arguments#USAGE}. Thin: it parses, calls the library, renders text (or one JSON object with
 * {@code --json}) and maps outcomes to exit codes, which are distinct per kind of refusal so a pipeline can react:
 *
 * <pre>
 * 0 ok            1 failed                 2 invalid arguments or configuration, nothing written
 * 3 not owner     4 audit chain broken     5 contract violation, nothing changed
 * 6 lost race or another action in progress, nothing changed
 * 7 superseded by a rollback or newer promotion, which wins      8 nothing to roll back to, nothing changed
 * 9 bootstrap refused, nothing changed   10 vacuum refused (clone lineage), nothing deleted
 * 11 promotion not admitted: no passing, recent gate report, nothing changed
 * 12 validate: a gate failed (the report is recorded)   13 a fail-action expectation stopped a batch
 * </pre>
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_CONFIG = 2;
    public static final int NOT_OWNER = 3;
    public static final int AUDIT_CHAIN_BROKEN = 4;
    public static final int CONTRACT_VIOLATION = 5;
    public static final int LOST_RACE = 6;
    public static final int SUPERSEDED = 7;
    public static final int NOTHING_TO_ROLL_BACK = 8;
    public static final int BOOTSTRAP_REFUSED = 9;
    public static final int VACUUM_REFUSED = 10;
    public static final int NOT_VALIDATED = 11;
    public static final int GATES_FAILED = 12;
    public static final int EXPECTATION_FAILED = 13;
    private static final List<String> OUTCOMES = List.of("OK", "FAILED", "BAD_CONFIG", "NOT_OWNER",
            "AUDIT_CHAIN_BROKEN", "CONTRACT_VIOLATION", "LOST_RACE", "SUPERSEDED", "NOTHING_TO_ROLL_BACK",
            "BOOTSTRAP_REFUSED", "VACUUM_REFUSED", "NOT_VALIDATED", "GATES_FAILED", "EXPECTATION_FAILED");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long status waits for Kafka before reporting the lag as unknown. */
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        PipelineConfig config;
        Publishing publishing;
        try {
            Optional<Arguments> parsed = Arguments.parse(args);
            if (parsed.isEmpty()) {
                out.println(Arguments.USAGE);
                return OK;
            }
            a = parsed.get();
            config = ConfigLoader.load(a.config(), a.overrides());
            publishing = Publishing.of(a, config);
        } catch (IllegalArgumentException | ConfigException | ContractFileException e) {
            err.println(e.getMessage());
            err.println(Arguments.USAGE);
            if (Arguments.wantsJson(args)) {
                out.println(error(args.length == 0 ? "" : args[0], BAD_CONFIG, e));
            }
            return BAD_CONFIG;
        }
        try {
            return switch (a.command()) {
                case Arguments.RUN -> runJob(a, config, out);
                case Arguments.INSPECT -> Inspect.print(config, a.colour().orElseThrow(), a.json(), out);
                case Arguments.STATUS -> status(a, config, publishing, out);
                case Arguments.PROMOTE, Arguments.ROLLBACK -> release(a, config, publishing, out);
                case Arguments.AUDIT_VERIFY -> auditVerify(a, config, out, err);
                case Arguments.BOOTSTRAP -> BootstrapCommand.run(a, config, out);
                case Arguments.VACUUM -> BootstrapCommand.vacuum(a, config, out);
                case Arguments.VALIDATE -> validate(a, config, publishing, out, err);
                default -> throw new IllegalStateException(a.command());
            };
        } catch (Exception thrown) {
            // A `fail` expectation throws inside foreachBatch and reaches here as the cause of the query's failure.
            Throwable e = expectationFailure(thrown).orElse(thrown);
            int code = exitCode(e);
            if (code == FAILED) {
                err.println(a.colour().map(c -> "The " + c.id() + " job failed: ").orElse(a.command() + " failed: ")
                        + e);
                e.printStackTrace(err);
            } else {
                err.println(e.getMessage());
            }
            if (a.json()) {
                out.println(error(a.command(), code, e));
            }
            return code;
        }
    }

    /** The {@link ExpectationFailedException} in {@code e}'s chain of causes, if any. */
    static java.util.Optional<Throwable> expectationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExpectationFailedException) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The exit code for what a command threw once its arguments and configuration were accepted: a refusal (2 to 13,
     * each saying what was and was not changed) or a failure (1).
     */
    static int exitCode(Throwable e) {
        if (expectationFailure(e).isPresent()) {
            return EXPECTATION_FAILED;
        }
        if (e instanceof ContractFileException || e instanceof FeatureMismatchException
                || e instanceof ConfigException) {
            return BAD_CONFIG;
        }
        if (e instanceof CheckpointOwnershipException || e instanceof SchemaOwnershipException) {
            return NOT_OWNER;
        }
        if (e instanceof BootstrapException || e instanceof CutException || e instanceof OffsetsNotRetainedException) {
            return BOOTSTRAP_REFUSED;
        }
        if (e instanceof CloneLineageException) {
            return VACUUM_REFUSED;
        }
        if (e instanceof ReleaseRefusedException r) {
            return switch (r.reason()) {
                case AUDIT_CHAIN_BROKEN -> AUDIT_CHAIN_BROKEN;
                case IN_PROGRESS -> LOST_RACE;
                case NOTHING_TO_ROLL_BACK -> NOTHING_TO_ROLL_BACK;
                case NOT_VALIDATED -> NOT_VALIDATED;
            };
        }
        if (e instanceof ContractViolationException || e instanceof ContractException) {
            return CONTRACT_VIOLATION;
        }
        if (e instanceof ConcurrentPromotionException) {
            return LOST_RACE;
        }
        if (e instanceof SupersededException) {
            return SUPERSEDED;
        }
        return FAILED;
    }

    /** The name of an exit code in JSON output, e.g. {@code LOST_RACE} for 6. */
    static String outcome(int code) {
        return code >= 0 && code < OUTCOMES.size() ? OUTCOMES.get(code) : "UNKNOWN";
    }

    private static int runJob(Arguments a, PipelineConfig config, PrintStream out) throws Exception {
        Colour colour = a.colour().orElseThrow();
        out.println(ConfigLoader.describe(config));
        // Refuse a checkpoint root owned by another colour or generation before anything else happens.
        ColourJob.claim(config.layout(colour), a.gitSha());
        SparkSession spark = Sessions.builder(config, config.layout(colour).jobName()).getOrCreate();
        ColourJob job = new ColourJob(spark, config, colour, a.gitSha(), r -> { });
        boolean once = a.availableNow() || config.trigger().mode() == TriggerConfig.Mode.AVAILABLE_NOW;
        if (once) {
            job.runAvailableNow();
        } else {
            job.runContinuous();
        }
        if (a.json()) {
            out.println(JSON.createObjectNode().put("command", a.command()).put("exitCode", OK)
                    .put("outcome", outcome(OK)).put("colour", colour.id()));
        }
        return OK;
    }

    private static int status(Arguments a, PipelineConfig config, Publishing p, PrintStream out) {
        SparkSession spark = Sessions.builder(config, config.release().jobName()).getOrCreate();
        StatusReport report = Status.collect(spark, config, p.contract(), Instant.now(), KAFKA_TIMEOUT);
        out.println(a.json() ? StatusText.json(report) : StatusText.text(report));
        return OK;
    }

    private static int release(Arguments a, PipelineConfig config, Publishing p, PrintStream out) {
        SparkSession spark = Sessions.builder(config, config.release().jobName()).getOrCreate();
        FaultPoints faults = FaultPoints.fromSystemProperties();
        Release release = Release.create(spark, config.release(), config.layout(Colour.BLUE),
                config.layout(Colour.GREEN), p.contract(), config.publish().parallelism(), gateAdmission(config))
                .withViewSwitchHook(view -> faults.reached("publish:before-view:" + view));
        ReleaseOutcome o = a.command().equals(Arguments.PROMOTE)
                ? release.promote(a.to().orElseThrow(), p.releaseId(), p.actor(), a.gitSha())
                : release.rollback(p.actor(), a.gitSha());
        out.println(a.json() ? json(a.command(), o, config) : text(o, config));
        return OK;
    }

    private static int validate(Arguments a, PipelineConfig config, Publishing p, PrintStream out, PrintStream err) {
        Colour candidate = a.to().orElseThrow();
        SparkSession spark = Sessions.builder(config, config.release().jobName()).getOrCreate();
        Validate.Recorded r = new Validate(spark, config, candidate, java.time.Clock.systemUTC(), KAFKA_TIMEOUT,
                line -> err.println(line)).run(p.contract(), p.releaseId(), p.actor(), a.gitSha());
        int code = r.report().passed() ? OK : GATES_FAILED;
        if (a.json()) {
            ObjectNode n = JSON.createObjectNode().put("command", a.command()).put("exitCode", code)
                    .put("outcome", outcome(code)).put("candidate", candidate.id())
                    .put("passed", r.report().passed());
            try {
                n.set("report", JSON.readTree(r.report().toJson()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the gate report's own JSON does not parse", e);
            }
            n.putObject("auditRecord").put("sequence", r.record().sequence()).put("hash", r.record().hash())
                    .put("ledger", config.release().auditLedgerLocation());
            out.println(n);
        } else {
            out.println(r.report().table());
            out.println((r.report().passed() ? "All gates passed" : "Validation FAILED: "
                    + r.report().firstFailure().map(f -> f.gate() + ": " + (f.failures().isEmpty() ? ""
                    : f.failures().get(0))).orElse("gates missing " + r.report().missingGates()))
                    + ". Report recorded as audit record " + r.record().sequence() + " in "
                    + config.release().auditLedgerLocation() + (r.report().passed()
                    ? "; promote --to " + candidate.id() + " accepts it for " + config.gates().maxReportAge() + "."
                    : "."));
        }
        return code;
    }

    private static int auditVerify(Arguments a, PipelineConfig config, PrintStream out, PrintStream err) {
        // AuditMain renders the verdict (exit 0 valid, 4 broken, 2 no ledger); it uses the session started here.
        Sessions.builder(config, config.release().jobName()).getOrCreate();
        List<String> args = new ArrayList<>(List.of("verify", "--ledger", config.release().auditLedgerLocation()));
        if (a.json()) {
            args.add("--json");
        }
        return AuditMain.run(args.toArray(String[]::new), out, err);
    }

    /** Promotions on the command line are admitted only by a passing, recent gate report of the candidate. */
    static GateAdmission gateAdmission(PipelineConfig config) {
        Map<Colour, Integer> generations = new java.util.EnumMap<>(Colour.class);
        for (Colour c : Colour.values()) {
            generations.put(c, config.layout(c).generation());
        }
        return new GateAdmission(generations, config.gates().maxReportAge());
    }

    /** {@code <colour>-g<generation>-<git sha>}: the same on every re-run of one deployment, so a re-run resumes. */
    static String defaultReleaseId(PipelineConfig config, Colour to, String gitSha) {
        return to.id() + "-g" + config.layout(to).generation() + "-" + gitSha;
    }

    /**
     * What the publish commands need that can be refused without Spark, so it is, before a session starts: the
     * contract file, who acts, the release id. Empty parts for commands that do not use them.
     */
    private record Publishing(Contract contract, String actor, String releaseId) {
        static Publishing of(Arguments a, PipelineConfig config) {
            boolean releases = a.command().equals(Arguments.PROMOTE) || a.command().equals(Arguments.ROLLBACK)
                    || a.command().equals(Arguments.VALIDATE);
            if (!releases && !a.command().equals(Arguments.STATUS)) {
                return new Publishing(null, null, null);
            }
            Contract contract = ContractFile.load(Path.of(config.publish().contract()), "publish.contract");
            String actor = releases ? Actor.ofThisProcess().toString() : null;
            String releaseId = a.to().map(to -> a.releaseId().orElseGet(
                    () -> defaultReleaseId(config, to, a.gitSha()))).orElse(null);
            if (releaseId != null) {
                Release.requireReleaseId(releaseId);
            }
            return new Publishing(contract, actor, releaseId);
        }
    }

    static String text(ReleaseOutcome o, PipelineConfig config) {
        String now = o.now().colour().id() + " (release " + o.now().releaseId() + ")";
        String before = o.before().colour() == null ? "nothing"
                : o.before().colour().id() + " (release " + o.before().releaseId() + ")";
        StringBuilder sb = new StringBuilder(switch (o.kind()) {
            case PROMOTED -> "Promoted " + now + " at epoch " + o.now().epoch() + ", replacing " + before + ".";
            case ROLLED_BACK -> "Rolled back to " + now + " at epoch " + o.now().epoch() + ", from " + before + ".";
            case ALREADY_PROMOTED, ALREADY_ROLLED_BACK -> (o.resumed()
                    ? "Completed the unfinished " + (o.kind() == ReleaseOutcome.Kind.ALREADY_PROMOTED ? "promotion"
                    : "rollback") + ": the views serve " + now + " at epoch " + o.now().epoch() + "."
                    : "Nothing to do: the views already serve " + now + " since epoch " + o.now().epoch() + ".");
        });
        sb.append(" Proposed by ").append(o.now().actor()).append(" at ").append(o.now().updatedAt()).append(".\n");
        sb.append(o.switched().isEmpty() ? "No view needed switching; "
                : "Switched " + String.join(", ", o.switched().keySet()) + "; ")
                .append("views of ").append(config.release().publishedSchema()).append(" read:\n");
        o.views().forEach((view, table) -> sb.append("  ").append(view).append(" <- ").append(table).append('\n'));
        sb.append("Audit record ").append(o.record().sequence()).append(" (").append(o.record().action())
                .append(", epoch ").append(o.record().epoch()).append(", hash ").append(o.record().hash())
                .append(") in ").append(config.release().auditLedgerLocation()).append('.');
        if (!o.kept().isEmpty()) {
            sb.append("\nStill published although the contract file no longer lists them (the contract only grows): ")
                    .append(String.join(", ", o.kept())).append('.');
        }
        return sb.toString();
    }

    static String json(String command, ReleaseOutcome o, PipelineConfig config) {
        ObjectNode n = JSON.createObjectNode().put("command", command).put("exitCode", OK)
                .put("outcome", o.kind().name()).put("resumed", o.resumed())
                .put("colour", o.now().colour().id()).put("releaseId", o.now().releaseId())
                .put("epoch", o.now().epoch()).put("actor", o.now().actor())
                .put("proposedAt", String.valueOf(o.now().updatedAt()));
        ObjectNode previous = n.putObject("previous");
        previous.put("colour", o.before().colour() == null ? null : o.before().colour().id())
                .put("releaseId", o.before().releaseId()).put("epoch", o.before().epoch());
        o.switched().keySet().forEach(n.putArray("switched")::add);
        ObjectNode views = n.putObject("views");
        o.views().forEach(views::put);
        o.kept().forEach(n.putArray("kept")::add);
        n.putObject("auditRecord").put("sequence", o.record().sequence()).put("action", o.record().action())
                .put("epoch", o.record().epoch()).put("hash", o.record().hash())
                .put("ledger", config.release().auditLedgerLocation());
        return n.toString();
    }

    static String error(String command, int code, Throwable e) {
        return JSON.createObjectNode().put("command", command).put("exitCode", code).put("outcome", outcome(code))
                .put("message", String.valueOf(e.getMessage())).toString();
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.config.SecretResolver;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.errors.Redactor;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Command line of the colour job and of the publisher (the Databricks JAR tasks' main class): {@code run},
 * {@code inspect}, {@code status}, {@code bootstrap}, {@code validate}, {@code promote}, {@code rollback},
 * {@code audit verify}, {@code vacuum}, {@code reconcile}, {@code release plan|status|approve|abort}; see {@link Arguments#USAGE}. It only dispatches: it parses the arguments,
 * loads the configuration, builds the verb's {@link Command}, runs it, has {@link Renderer} print the result, and
 * exits with the status of the result's or the error's {@link ErrorCode} (the one table of exit codes). Every error
 * message and stack trace it prints goes through the configuration's {@link Redactor}, so no secret of the
 * configuration (nor a password in a URL) reaches the terminal or the job's log.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Main::command);
    }

    /** Builds the command of a verb from the parsed arguments and the loaded configuration. */
    @FunctionalInterface
    interface Commands {
        Command of(Arguments a, PipelineConfig config, PrintStream out, PrintStream err);
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with the verbs' commands built by {@code commands}. */
    static int run(String[] args, PrintStream out, PrintStream err, Commands commands) {
        Arguments a;
        Command command;
        Redactor redactor = Redactor.NONE;
        try {
            Optional<Arguments> parsed = Arguments.parse(args);
            if (parsed.isEmpty()) {
                out.println(Arguments.USAGE);
                return ErrorCode.OK.exitStatus();
            }
            a = parsed.get();
            PipelineConfig config = ConfigLoader.load(a.config(), a.overrides(),
                    SecretResolver.environment(System.getenv()));
            redactor = config.secrets().redactor();
            BuildInfo.embedded().admit(config, a.gitSha());
            if (WRITES_RELEASE_STATE.contains(a.command())) {
                CommitCoordination.requireMutualExclusion(config, System.getenv());
            }
            command = commands.of(a, config, out, err);
        } catch (IllegalArgumentException | BlueGreenException e) {
            // Nothing was written: arguments, configuration and what a command checks before Spark starts.
            err.println(redactor.message(e));
            err.println(Arguments.USAGE);
            if (Arguments.wantsJson(args)) {
                out.println(Renderer.error(args.length == 0 ? "" : args[0], ErrorCode.BAD_CONFIG, e, redactor));
            }
            return ErrorCode.BAD_CONFIG.exitStatus();
        }
        try {
            CommandResult result = command.run();
            String rendered = Renderer.render(a.command(), result, a.json());
            if (!rendered.isEmpty()) {
                out.println(rendered);
            }
            return result.code().exitStatus();
        } catch (Exception thrown) {
            ErrorCode code = BlueGreenException.codeOf(thrown);
            if (code == ErrorCode.FAILED) {
                err.println(redactor.redact(a.colour().map(c -> "The " + c.id() + " job failed: ")
                        .orElse(a.command() + " failed: ") + thrown));
                err.print(redactor.stackTrace(thrown));
            } else {
                // A refusal: its message says what happened and what to do; a batch's error arrives wrapped in the
                // streaming query's failure, so it is looked for among the causes.
                err.println(redactor.message(BlueGreenException.headline(thrown)));
            }
            if (a.json()) {
                out.println(Renderer.error(a.command(), code, BlueGreenException.headline(thrown), redactor));
            }
            return code.exitStatus();
        }
    }

    /** The verbs that commit to the control table or the audit ledger (CommitCoordination). */
    static final java.util.Set<String> WRITES_RELEASE_STATE = java.util.Set.of(Arguments.BOOTSTRAP, Arguments.VACUUM,
            Arguments.VALIDATE, Arguments.PROMOTE, Arguments.ROLLBACK, Arguments.RELEASE_APPROVE,
            Arguments.RELEASE_ABORT);

    private static Command command(Arguments a, PipelineConfig config, PrintStream out, PrintStream err) {
        return switch (a.command()) {
            case Arguments.RUN -> new RunCommand(a, config, out);
            case Arguments.INSPECT -> new InspectCommand(a, config);
            case Arguments.STATUS -> new StatusCommand(config);
            case Arguments.BOOTSTRAP -> new BootstrapCommand(a, config);
            case Arguments.VACUUM -> new VacuumCommand(a, config);
            case Arguments.VALIDATE -> new ValidateCommand(a, config, err);
            case Arguments.PROMOTE -> new PromoteCommand(a, config);
            case Arguments.ROLLBACK -> new RollbackCommand(a, config, err);
            case Arguments.RECONCILE -> new ReconcileCommand(a, config);
            case Arguments.AUDIT_VERIFY -> new AuditVerifyCommand(config);
            case Arguments.RELEASE_PLAN, Arguments.RELEASE_STATUS, Arguments.RELEASE_APPROVE, Arguments.RELEASE_ABORT ->
                    new ReleaseCommand(a, config, err);
            default -> throw new IllegalStateException(a.command());
        };
    }
}

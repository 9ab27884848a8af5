package com.retailer.bluegreen.job;

import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.Release;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line of {@link Main}. Each command accepts only its own options; anything else is refused
 * naming the option and what the command takes. Who acts is never an option: promotion and rollback take it from
 * the environment ({@link com.retailer.bluegreen.publish.Actor}).
 *
 * @param command   run, inspect, status, validate, promote, rollback, "audit verify", bootstrap or vacuum
 * @param colour    the colour of run, inspect, bootstrap and vacuum
 * @param to        the colour promote moves the views to, or the candidate validate checks
 * @param releaseId promote's and validate's release id, if given (else derived from colour, generation and git SHA)
 * @param gitSha    the running artifact's git SHA: {@code --git-sha}, else {@code BLUEGREEN_GIT_SHA}, else the one its
 *                  build embedded ({@link BuildInfo}), else unknown
 * @param from      bootstrap's source colour ({@code --from}); empty with {@code --from-scratch}
 * @param retainHours vacuum's retention ({@code --retain-hours}), if given
 * @param detach    vacuum's {@code --detach}: rewrite the other colour's clones' files it would delete first
 * @param dryRun    promote's and rollback's {@code --dry-run}: print the plan, change nothing
 * @param force     vacuum's {@code --force}: a retention below Delta's default, recorded in the audit ledger
 * @param reason    release abort's {@code --reason}
 */
record Arguments(String command, Optional<Colour> colour, Path config, Map<String, String> overrides,
                 boolean availableNow, boolean json, String gitSha, Optional<Colour> to, Optional<String> releaseId,
                 Optional<Colour> from, Optional<Double> retainHours, boolean detach, boolean dryRun,
                 boolean force, Optional<String> reason) {

    static final String RUN = "run";
    static final String INSPECT = "inspect";
    static final String STATUS = "status";
    static final String PROMOTE = "promote";
    static final String ROLLBACK = "rollback";
    static final String AUDIT_VERIFY = "audit verify";
    static final String BOOTSTRAP = "bootstrap";
    static final String VACUUM = "vacuum";
    static final String VALIDATE = "validate";
    static final String RECONCILE = "reconcile";
    static final String RELEASE_PLAN = "release plan";
    static final String RELEASE_STATUS = "release status";
    static final String RELEASE_APPROVE = "release approve";
    static final String RELEASE_ABORT = "release abort";
    static final String USAGE = """
            usage: run      --colour blue|green [--available-now] [--git-sha SHA]  [common options]
                   inspect  --colour blue|green                                  [common options]
                   status                                                        [common options]
                   promote  --to blue|green [--release-id ID] [--git-sha SHA] [--dry-run] [common options]
                   rollback [--git-sha SHA] [--dry-run]                          [common options]
                   reconcile [--git-sha SHA] [--dry-run]                         [common options]
                   audit verify                                                  [common options]
                   bootstrap --colour blue|green (--from blue|green | --from-scratch) [--git-sha SHA]
                                                                                 [common options]
                   vacuum   --colour blue|green [--retain-hours H] [--detach] [--force] [common options]
                   validate --candidate blue|green [--release-id ID] [--git-sha SHA] [common options]
                   release plan [--release-id ID] [--git-sha SHA]                [common options]
                   release status [--release-id ID]                              [common options]
                   release approve --release-id ID                               [common options]
                   release abort --release-id ID [--reason TEXT]                 [common options]
            common options: [--config conf/local.yaml] [--set key=value]... [--json]
              run       run the colour's streaming job (continuously, or --available-now to drain and stop)
              inspect   each query's last committed batch and per-partition Kafka lag of one colour
              status    which colour and release each published view serves; per colour: running or not (its
                        heartbeat), last committed batch per query, Kafka lag (max per partition, total),
                        freshness (now - newest event time in Silver/Gold) and generation
              promote   point every published view at --to (release --release-id, default <colour>-g<generation>-
                        <git sha>) and record it in the audit ledger; re-run it to complete one that died
              rollback  undo the latest promotion: the views serve the other colour's last release again
              reconcile every view serves the desired colour and release again (a view a dead run's late ALTER left
                        on the wrong colour is repointed; an unrecorded epoch is recorded first); status says when
              --dry-run print what promote, rollback or reconcile would do (epoch, views to switch, what is recorded), and
                        refuse what they would refuse, changing nothing
              audit verify  recompute the audit ledger's hash chain and name the first bad record
              bootstrap start the colour's new generation (raise colours.<colour>.generation first) from the other
                        colour's consistent cut (--from: shallow clones at the cut's versions, Kafka from the cut's
                        offsets) or from kafka.startingOffsets, earliest by default (--from-scratch); re-run it
                        to resume
              vacuum    VACUUM every table of a retired colour (refused while it is live or running), refusing to
                        delete a file the other colour's clones still read; --detach rewrites those clones' files
                        into their own storage first; a retention under 168 h needs --force, which is audited
              validate  run the four gates (schema, reconciliation, freshness, quality) on --candidate against the
                        live colour and record the report in the audit ledger; promote needs a passing one younger
                        than gates.maxReportAge
              release   plan: what a release would do now (candidate, generation, bootstrap, gates, approval, bake,
                        when a rollback becomes a roll forward), changing nothing; status: every release's
                        timeline; approve: record this identity's approval of the release waiting for it (never
                        its author's); abort: end a release before its promotion (docs/design.md)
              --json    print one JSON object on stdout (errors too); messages stay on stderr
            Who promotes or rolls back is taken from BLUEGREEN_ACTOR (the job's run-as principal), else
            GITHUB_ACTOR, else the OS user; the git SHA from --git-sha, else BLUEGREEN_GIT_SHA, else the one the
            artifact's build embedded (the only one accepted where publish.requireBuildSha is true).
            exit codes:""" + exitCodes();

    private static final Map<String, Set<String>> OPTIONS = Map.ofEntries(
            Map.entry(RUN, Set.of("--colour", "--available-now", "--git-sha")),
            Map.entry(INSPECT, Set.of("--colour")),
            Map.entry(STATUS, Set.of()),
            Map.entry(PROMOTE, Set.of("--to", "--release-id", "--git-sha", "--dry-run")),
            Map.entry(ROLLBACK, Set.of("--git-sha", "--dry-run")),
            Map.entry(RECONCILE, Set.of("--git-sha", "--dry-run")),
            Map.entry(AUDIT_VERIFY, Set.of()),
            Map.entry(BOOTSTRAP, Set.of("--colour", "--from", "--from-scratch", "--git-sha")),
            Map.entry(VACUUM, Set.of("--colour", "--retain-hours", "--detach", "--force")),
            Map.entry(VALIDATE, Set.of("--candidate", "--release-id", "--git-sha")),
            Map.entry(RELEASE_PLAN, Set.of("--release-id", "--git-sha")),
            Map.entry(RELEASE_STATUS, Set.of("--release-id")),
            Map.entry(RELEASE_APPROVE, Set.of("--release-id", "--git-sha")),
            Map.entry(RELEASE_ABORT, Set.of("--release-id", "--reason", "--git-sha")));
    private static final Set<String> COMMON = Set.of("--config", "--set", "--json");
    private static final List<String> COMMANDS = List.of(RUN, INSPECT, STATUS, PROMOTE, ROLLBACK, AUDIT_VERIFY,
            BOOTSTRAP, VACUUM, VALIDATE, RECONCILE, "release plan|status|approve|abort");

    Arguments {
        overrides = Map.copyOf(overrides);
    }

    /**
     * Parses {@code args}; {@link Optional#empty()} for {@code --help}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Optional<Arguments> parse(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            return Optional.empty();
        }
        String command = args.length == 0 ? "" : args[0];
        int first = 1;
        if (command.equals("audit")) {
            if (args.length < 2 || !args[1].equals("verify")) {
                throw new IllegalArgumentException("Expected 'audit verify': verify is the only audit command.");
            }
            command = AUDIT_VERIFY;
            first = 2;
        } else if (command.equals("release")) {
            String sub = args.length < 2 ? "" : args[1];
            if (!OPTIONS.containsKey("release " + sub)) {
                throw new IllegalArgumentException("Expected 'release plan', 'release status', 'release approve' or"
                        + " 'release abort'" + (sub.isEmpty() ? "." : ", not 'release " + sub + "'."));
            }
            command = "release " + sub;
            first = 2;
        }
        if (!OPTIONS.containsKey(command)) {
            throw new IllegalArgumentException("Expected a command (" + String.join(", ", COMMANDS)
                    + ") as the first argument" + (command.isEmpty() ? "." : ", not '" + command + "'."));
        }
        Colour colour = null;
        Colour to = null;
        String releaseId = null;
        Colour from = null;
        boolean fromScratch = false;
        Double retainHours = null;
        boolean detach = false;
        boolean dryRun = false;
        boolean force = false;
        String reason = null;
        Path config = Path.of("conf", "local.yaml");
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean availableNow = false;
        boolean json = false;
        String gitSha = System.getenv().getOrDefault("BLUEGREEN_GIT_SHA",
                BuildInfo.embedded().gitSha().orElse("unknown"));
        for (int i = first; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return Optional.empty();
            }
            if (!COMMON.contains(option) && !OPTIONS.get(command).contains(option)) {
                throw new IllegalArgumentException(unknown(command, option));
            }
            switch (option) {
                case "--colour" -> colour = Colour.parse(value(args, ++i, option));
                case "--to", "--candidate" -> to = Colour.parse(value(args, ++i, option));
                case "--release-id" -> {
                    releaseId = value(args, ++i, option);
                    Release.requireReleaseId(releaseId);
                }
                case "--config" -> config = Path.of(value(args, ++i, option));
                case "--set" -> {
                    String kv = value(args, ++i, option);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("Invalid --set '" + kv + "': expected key=value.");
                    }
                    overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--from" -> from = Colour.parse(value(args, ++i, option));
                case "--from-scratch" -> fromScratch = true;
                case "--retain-hours" -> retainHours = hours(value(args, ++i, option));
                case "--detach" -> detach = true;
                case "--dry-run" -> dryRun = true;
                case "--force" -> force = true;
                case "--reason" -> reason = value(args, ++i, option);
                case "--available-now" -> availableNow = true;
                case "--json" -> json = true;
                case "--git-sha" -> gitSha = value(args, ++i, option);
                default -> throw new IllegalStateException(option);
            }
        }
        if (Set.of(RUN, INSPECT, BOOTSTRAP, VACUUM).contains(command) && colour == null) {
            throw new IllegalArgumentException("Missing --colour (blue or green): which colour to " + command + ".");
        }
        if (command.equals(VALIDATE) && to == null) {
            throw new IllegalArgumentException("Missing --candidate (blue or green): the colour to validate for"
                    + " promotion.");
        }
        if (command.equals(PROMOTE) && to == null) {
            throw new IllegalArgumentException("Missing --to (blue or green): the colour the published views are to"
                    + " serve.");
        }
        if (command.equals(BOOTSTRAP) && (from == null) == !fromScratch) {
            throw new IllegalArgumentException(from == null
                    ? "Missing --from <colour> or --from-scratch: where " + colour.id() + "'s new generation starts."
                    : "Both --from and --from-scratch: a generation starts either from the other colour's cut or"
                    + " from scratch.");
        }
        if (from != null && from == colour) {
            throw new IllegalArgumentException("--from " + from.id() + " is the colour being bootstrapped: a cut"
                    + " comes from the other colour, --from " + colour.other().id() + ".");
        }
        return Optional.of(new Arguments(command, Optional.ofNullable(colour), config, overrides, availableNow,
                json, gitSha, Optional.ofNullable(to), Optional.ofNullable(releaseId), Optional.ofNullable(from),
                Optional.ofNullable(retainHours), detach, dryRun, force, Optional.ofNullable(reason)));
    }

    /** {@code 0 ok; 1 the command failed; ...}: the one table of exit codes, {@link ErrorCode}, as usage lists it. */
    private static String exitCodes() {
        StringBuilder sb = new StringBuilder();
        int line = "exit codes:".length();
        for (ErrorCode c : ErrorCode.values()) {
            String entry = " " + c.exitStatus() + " " + c.meaning() + (c.ordinal() + 1 < ErrorCode.values().length
                    ? ";" : "");
            if (line + entry.length() > 116) {
                sb.append("\n ");
                line = 1;
            }
            sb.append(entry);
            line += entry.length();
        }
        return sb.toString();
    }

    /** Whether {@code args} ask for JSON output, for reporting an argument error in kind. */
    static boolean wantsJson(String[] args) {
        return List.of(args).contains("--json");
    }

    private static String unknown(String command, String option) {
        String hint = switch (option) {
            case "--colour" -> command.equals(PROMOTE) ? " Promote takes --to <colour>." : command.equals(ROLLBACK)
                    ? " Rollback always returns to the other colour; it takes no colour." : "";
            case "--to" -> " Only promote takes --to.";
            case "--actor", "--user" -> " Who acts is never an option: it comes from BLUEGREEN_ACTOR (the job's"
                    + " run-as principal), else GITHUB_ACTOR, else the OS user.";
            default -> "";
        };
        List<String> own = OPTIONS.get(command).stream().sorted().toList();
        return "Unknown option '" + option + "' for " + command + "." + hint + " It takes "
                + (own.isEmpty() ? "" : String.join(", ", own) + " and ") + "--config, --set, --json.";
    }

    private static double hours(String text) {
        try {
            double h = Double.parseDouble(text);
            if (h >= 0 && Double.isFinite(h)) {
                return h;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid --retain-hours '" + text + "': expected a number of hours >= 0,"
                + " such as 168 (Delta's default, 7 days).");
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException("Missing value after " + flag + ".");
        }
        return args[i];
    }
}

package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.ColourJobs;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.release.AlertSink;
import com.retailer.bluegreen.publish.release.ReleaseOrchestrator;
import com.retailer.bluegreen.publish.release.ReleaseSpec;
import com.retailer.bluegreen.publish.release.ReleaseStep;
import com.retailer.bluegreen.publish.release.ReleaseView;
import com.retailer.bluegreen.publish.release.Ticker;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code release plan|status|approve|abort}: the release state machine's commands that need no colour job. {@code plan}
 * prints what a release would do now and changes nothing; {@code status} prints every release's timeline (or one's,
 * with {@code --release-id}); {@code approve} records the approval of the release waiting for it, by this process's
 * identity, never its author's; {@code abort} ends a release before its promotion. A release is run (started,
 * resumed, baked) by a process that holds the colour jobs: the demo locally ({@code demo/FullRelease}); the release
 * job on Databricks (issue 11).
 */
final class ReleaseCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;
    private final ReleaseInputs inputs;
    private final Actor actor;
    private final PrintStream progress;

    ReleaseCommand(Arguments args, PipelineConfig config, PrintStream progress) {
        this.args = args;
        this.config = config;
        this.actor = Actor.ofThisProcess();
        this.inputs = ReleaseInputs.of(args, config, actor);
        this.progress = progress;
    }

    @Override
    public CommandResult run() {
        Release release = Publishers.release(config, inputs.contract());
        ReleaseOrchestrator orchestrator = orchestrator(release, actor, args.gitSha(), config, progress::println);
        return switch (args.command()) {
            case Arguments.RELEASE_PLAN -> {
                com.retailer.bluegreen.layout.Colour live = release.publication().desired().colour();
                com.retailer.bluegreen.layout.Colour candidate = live == null ? com.retailer.bluegreen.layout.Colour.BLUE
                        : live.other();
                String id = args.releaseId().orElseGet(() -> ReleaseInputs.defaultReleaseId(config, candidate,
                        args.gitSha()));
                ReleaseSpec spec = orchestrator.plan(id, config.layout(candidate).generation(),
                        ReleasePorts.bootstrap(config), ReleasePorts.gates(config), ReleasePorts.policy(config));
                yield new PlannedRelease(spec, orchestrator.open());
            }
            case Arguments.RELEASE_STATUS -> new Statuses(args.releaseId().map(id -> List.of(orchestrator.view(id)))
                    .orElseGet(() -> List.copyOf(orchestrator.releases().values())));
            case Arguments.RELEASE_APPROVE -> new Stepped("approved", orchestrator.approve(requireId(), actor),
                    "the process running the release promotes it when it resumes.");
            case Arguments.RELEASE_ABORT -> new Stepped("aborted", orchestrator.abort(requireId(),
                    args.reason().orElse("no reason given")), "the candidate is left running for diagnosis; the"
                    + " views never left the live colour.");
            default -> throw new IllegalStateException(args.command());
        };
    }

    private String requireId() {
        return args.releaseId().orElseThrow(() -> new IllegalArgumentException("Missing --release-id: the release"
                + " to " + args.command().substring("release ".length()) + " (release status lists them)."));
    }

    /**
     * The orchestrator of the release commands that run no step of their own: its deployer, probes and gates are
     * never called by plan, status, approve or abort.
     */
    static ReleaseOrchestrator orchestrator(Release release, Actor actor, String gitSha, PipelineConfig config,
                                            java.util.function.Consumer<String> console) {
        ColourJobs noJobs = new ColourJobs() {
            @Override
            public void start(com.retailer.bluegreen.layout.Colour colour) {
                throw new IllegalStateException("release " + colour + ": this command starts no job");
            }

            @Override
            public void stop(com.retailer.bluegreen.layout.Colour colour) {
                throw new IllegalStateException("release " + colour + ": this command stops no job");
            }

            @Override
            public State state(com.retailer.bluegreen.layout.Colour colour) {
                return State.STOPPED;
            }
        };
        AlertSink alerts = alert -> console.accept("ALERT " + alert.severity() + ": " + alert.title());
        return new ReleaseOrchestrator(new ReleaseOrchestrator.Ports(release, noJobs,
                (c, g, b, s) -> {
                    throw new IllegalStateException("this command deploys nothing");
                }, c -> {
                    throw new IllegalStateException("this command measures nothing");
                }, (c, r, s, a) -> {
                    throw new IllegalStateException("this command runs no gate");
                }, (c, o, t) -> {
                    throw new IllegalStateException("this command samples nothing");
                }, alerts, Ticker.system(), console), actor, gitSha, config.publish().requireTrustedIdentity());
    }

    /** {@code release plan}: the plan, and whether start would be refused now. */
    record PlannedRelease(ReleaseSpec spec, Optional<ReleaseView> open) implements CommandResult {
        @Override
        public String text() {
            return spec.describe() + "\n" + open.map(v -> "A release is open (" + v.id() + ", " + v.state()
                    + "): starting this one would be refused until it ends.").orElse("No release is open.")
                    + " Nothing was changed.";
        }

        @Override
        public void json(ObjectNode into) {
            into.put("releaseId", spec.releaseId());
            into.set("plan", spec.toJson());
            into.put("text", spec.describe());
            into.put("openRelease", open.map(ReleaseView::id).orElse(null));
        }
    }

    /** {@code release status}: every release's timeline, the open one named. */
    record Statuses(List<ReleaseView> releases) implements CommandResult {
        @Override
        public String text() {
            if (releases.isEmpty()) {
                return "No release was ever started.";
            }
            StringBuilder sb = new StringBuilder();
            releases.forEach(v -> sb.append(v.timeline()).append("\n"));
            return sb.toString().stripTrailing();
        }

        @Override
        public void json(ObjectNode into) {
            ArrayNode all = into.putArray("releases");
            for (ReleaseView v : releases) {
                ObjectNode r = all.addObject().put("releaseId", v.id()).put("state", v.state().name())
                        .put("candidate", v.spec().candidate().id()).put("generation", v.spec().generation())
                        .put("live", v.spec().live().id()).put("author", v.spec().author());
                ArrayNode steps = r.putArray("steps");
                for (ReleaseStep s : v.steps()) {
                    steps.addObject().put("sequence", s.sequence()).put("kind", s.kind().name())
                            .put("from", s.from() == null ? null : s.from().name()).put("to", s.to().name())
                            .put("actor", s.actor()).put("at", s.at().toString()).put("reason", s.reason())
                            .set("evidence", s.evidence());
                }
            }
        }
    }

    /** {@code release approve} or {@code release abort}: the step recorded. */
    record Stepped(String what, ReleaseView release, String next) implements CommandResult {
        @Override
        public ErrorCode code() {
            return ErrorCode.OK;
        }

        @Override
        public String text() {
            ReleaseStep last = release.steps().get(release.steps().size() - 1);
            return "Release " + release.id() + " " + what + " by " + last.actor() + " (audit record "
                    + last.sequence() + "); it is " + release.state() + ": " + next;
        }

        @Override
        public void json(ObjectNode into) {
            ReleaseStep last = release.steps().get(release.steps().size() - 1);
            into.put("releaseId", release.id()).put("state", release.state().name()).put("actor", last.actor())
                    .put("auditRecord", last.sequence());
        }
    }
}

package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.ReleaseState;
import com.retailer.bluegreen.publish.release.ReleaseView;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code rollback [--dry-run]}: undoes the latest promotion, in any state and without gates; a re-run completes a
 * rollback whose run died ({@link Release#rollback}); with {@code --dry-run} it prints the plan and changes nothing.
 * The emergency command of a release too: a release BAKING when the views leave its candidate is marked ROLLED_BACK
 * here, naming who rolled back (the bake of a running release would at its next sample).
 */
final class RollbackCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;
    private final ReleaseInputs inputs;
    private final PrintStream progress;

    RollbackCommand(Arguments args, PipelineConfig config, PrintStream progress) {
        this.args = args;
        this.config = config;
        this.inputs = ReleaseInputs.of(args, config).requireTrustedIdentity(config);
        this.progress = progress;
    }

    @Override
    public CommandResult run() {
        Release release = Publishers.release(config, inputs.contract());
        if (args.dryRun()) {
            return new Planned(release.planRollback());
        }
        Released done = new Released(release.rollback(inputs.actor(), args.gitSha()), config.release());
        Optional<ReleaseView> open = ReleaseCommand.orchestrator(release, Actor.ofThisProcess(), args.gitSha(), config,
                progress::println).noteRollback();
        return new RolledBack(done, open);
    }

    /** The rollback, and what became of the release that was open, if one was. */
    record RolledBack(Released rollback, Optional<ReleaseView> release) implements CommandResult {
        @Override
        public String outcome() {
            return rollback.outcome();
        }

        @Override
        public String text() {
            return rollback.text() + release.map(v -> "\nRelease " + v.id() + " is " + v.state()
                    + (v.state() == ReleaseState.ROLLED_BACK ? " (audit record " + v.lastTransition().sequence()
                    + "); its candidate " + v.spec().candidate().id() + " is left running for diagnosis."
                    : v.state().isFinal() ? "." : " (release status shows its steps; release resume or abort ends it)."))
                    .orElse("");
        }

        @Override
        public void json(ObjectNode into) {
            rollback.json(into);
            release.ifPresent(v -> into.putObject("release").put("releaseId", v.id())
                    .put("state", v.state().name()));
        }
    }
}

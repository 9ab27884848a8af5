package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.ReleasePlan;
import java.util.Optional;

/**
 * {@code reconcile [--dry-run]}: every published view serves the desired state again — a view an ALTER left on
 * the wrong colour after its process died is repointed, and an action whose run died before recording its epoch is
 * recorded first. Proposes nothing new; safe to run at any time (status says when it is needed).
 */
final class ReconcileCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;
    private final ReleaseInputs inputs;

    ReconcileCommand(Arguments args, PipelineConfig config) {
        this.args = args;
        this.config = config;
        this.inputs = ReleaseInputs.of(args, config);
    }

    @Override
    public CommandResult run() {
        Release release = Publishers.release(config, inputs.contract());
        Optional<ReleasePlan> plan = release.planReconcile();
        if (plan.isEmpty()) {
            return new NothingPublished();
        }
        return args.dryRun() ? new Planned(plan.get())
                : new Released(release.execute(plan.get(), inputs.actor(), args.gitSha()), config.release());
    }

    /** Nothing was ever promoted: there is no desired state to reconcile the views to. */
    record NothingPublished() implements CommandResult {
        @Override
        public String text() {
            return "Nothing to reconcile: nothing was ever promoted, so no view is published.";
        }

        @Override
        public void json(ObjectNode into) {
            into.put("published", false);
        }
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.ReleasePlan;

/**
 * {@code promote --to <c> [--release-id ID] [--dry-run]}: every published view serves the colour, if the gates admit
 * it; a re-run completes a promotion whose run died. Plans, then executes the plan ({@link Release}); with
 * {@code --dry-run} it prints the plan and changes nothing.
 */
final class PromoteCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;
    private final ReleaseInputs inputs;

    PromoteCommand(Arguments args, PipelineConfig config) {
        this.args = args;
        this.config = config;
        this.inputs = ReleaseInputs.of(args, config).requireTrustedIdentity(config);
    }

    @Override
    public CommandResult run() {
        Release release = Publishers.release(config, inputs.contract());
        com.retailer.bluegreen.publish.release.ReleaseView.requireNoOpenRelease(release);
        ReleasePlan plan = release.planPromotion(args.to().orElseThrow(), inputs.releaseId(), args.gitSha());
        return args.dryRun() ? new Planned(plan)
                : new Released(release.execute(plan, inputs.actor(), args.gitSha()), config.release());
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.publish.Release;

/**
 * {@code rollback [--dry-run]}: undoes the latest promotion, in any state and without gates; a re-run completes a
 * rollback whose run died ({@link Release#rollback}); with {@code --dry-run} it prints the plan and changes nothing.
 */
final class RollbackCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;
    private final ReleaseInputs inputs;

    RollbackCommand(Arguments args, PipelineConfig config) {
        this.args = args;
        this.config = config;
        this.inputs = ReleaseInputs.of(args, config).requireTrustedIdentity(config);
    }

    @Override
    public CommandResult run() {
        Release release = Publishers.release(config, inputs.contract());
        return args.dryRun() ? new Planned(release.planRollback())
                : new Released(release.rollback(inputs.actor(), args.gitSha()), config.release());
    }
}

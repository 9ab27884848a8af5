package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;

/**
 * {@code rollback}: undoes the latest promotion, in any state and without gates; a re-run completes a rollback
 * whose run died ({@link com.retailer.bluegreen.publish.Release#rollback}).
 */
final class RollbackCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;
    private final ReleaseInputs inputs;

    RollbackCommand(Arguments args, PipelineConfig config) {
        this.args = args;
        this.config = config;
        this.inputs = ReleaseInputs.of(args, config);
    }

    @Override
    public CommandResult run() {
        return new Released(Publishers.release(config, inputs.contract()).rollback(inputs.actor(), args.gitSha()),
                config.release());
    }
}

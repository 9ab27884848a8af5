package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;

/**
 * {@code promote --to <c> [--release-id ID]}: every published view serves the colour, if the gates admit it; a
 * re-run completes a promotion whose run died ({@link com.retailer.bluegreen.publish.Release#promote}).
 */
final class PromoteCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;
    private final ReleaseInputs inputs;

    PromoteCommand(Arguments args, PipelineConfig config) {
        this.args = args;
        this.config = config;
        this.inputs = ReleaseInputs.of(args, config);
    }

    @Override
    public CommandResult run() {
        return new Released(Publishers.release(config, inputs.contract())
                .promote(args.to().orElseThrow(), inputs.releaseId(), inputs.actor(), args.gitSha()),
                config.release());
    }
}

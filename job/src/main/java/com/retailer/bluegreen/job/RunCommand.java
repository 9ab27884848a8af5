package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.config.TriggerConfig;
import com.retailer.bluegreen.layout.Colour;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code run --colour <c>}: the colour's streaming job, continuously or ({@code --available-now}) until it has
 * processed what is available. Prints the effective configuration (secrets hidden) first.
 */
final class RunCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;
    private final PrintStream out;

    RunCommand(Arguments args, PipelineConfig config, PrintStream out) {
        this.args = args;
        this.config = config;
        this.out = out;
    }

    @Override
    public CommandResult run() throws Exception {
        Colour colour = args.colour().orElseThrow();
        out.println(ConfigLoader.describe(config));
        ColourJob job = ColourJob.create(config, colour, args.gitSha(), r -> { });
        boolean once = args.availableNow() || config.trigger().mode() == TriggerConfig.Mode.AVAILABLE_NOW;
        if (once) {
            job.runAvailableNow();
        } else {
            job.runContinuous();
        }
        return new Ran(colour);
    }

    /** The job stopped without an error (available-now: everything available was processed). */
    record Ran(Colour colour) implements CommandResult {
        @Override
        public String text() {
            return "";
        }

        @Override
        public void json(ObjectNode into) {
            into.put("colour", colour.id());
        }
    }
}

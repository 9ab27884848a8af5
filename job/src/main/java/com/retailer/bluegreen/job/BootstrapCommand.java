package com.retailer.bluegreen.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.DomainCut;
import java.time.Clock;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bootstrap --colour <c> (--from <other> | --from-scratch)}: starts the colour's new generation
 * ({@link Bootstrap}). Safe to re-run: a bootstrap from a cut resumes its cut.
 */
final class BootstrapCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;

    BootstrapCommand(Arguments args, PipelineConfig config) {
        this.args = args;
        this.config = config;
    }

    @Override
    public CommandResult run() {
        Colour target = args.colour().orElseThrow();
        ColourLayout to = config.layout(target);
        SparkSession spark = Sessions.builder(config, to.jobName() + "-bootstrap").getOrCreate();
        if (args.from().isEmpty()) {
            Bootstrap.fromScratch(spark, config, target, args.gitSha());
            return new Bootstrapped(to, config.kafka().startingOffsets(), Optional.empty());
        }
        ConsistentCut cut = Bootstrap.fromCut(spark, config, args.from().get(), target, args.gitSha(),
                Clock.systemUTC());
        return new Bootstrapped(to, config.kafka().startingOffsets(), Optional.of(cut));
    }

    /** A generation bootstrapped from {@code cut}, or from scratch (from {@code startingOffsets}) when empty. */
    record Bootstrapped(ColourLayout to, String startingOffsets, Optional<ConsistentCut> cut)
            implements CommandResult {
        @Override
        public String text() {
            if (cut.isEmpty()) {
                return "Bootstrapped " + to.jobName() + " generation " + to.generation() + " from scratch: its"
                        + " queries start at kafka.startingOffsets (" + startingOffsets + ") in "
                        + to.checkpointRoot() + ". Start it with: run --colour " + to.colour().id();
            }
            ConsistentCut c = cut.get();
            StringBuilder sb = new StringBuilder("Bootstrapped " + to.jobName() + " generation " + to.generation()
                    + " from " + c.colour().id() + " generation " + c.generation() + "'s consistent cut at Gold"
                    + " batch " + c.goldBatch() + " (taken " + c.takenAt() + "):\n");
            sb.append("  tables cloned (shallow) at versions ").append(c.tableVersions()).append('\n');
            for (Domain d : Domain.values()) {
                DomainCut dc = c.domains().get(d);
                sb.append("  ").append(d.id()).append(": ").append(dc.topic()).append(" from offsets ")
                        .append(dc.offsets()).append(" (after ").append(c.colour().id()).append("'s batch ")
                        .append(dc.batchId()).append(")\n");
            }
            sb.append("The cut is kept in ").append(to.bootstrapCutFile()).append(". Start the colour with: run"
                    + " --colour ").append(to.colour().id());
            return sb.toString();
        }

        @Override
        public void json(ObjectNode into) {
            into.put("colour", to.colour().id()).put("generation", to.generation())
                    .put("mode", cut.isPresent() ? "cut" : "scratch");
            if (cut.isPresent()) {
                try {
                    into.set("cut", Renderer.JSON.readTree(cut.get().toJson()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the cut's own JSON does not parse", e);
                }
            }
        }
    }
}

package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.DomainCut;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code bootstrap} and {@code vacuum} commands of {@link Main}: parse-free rendering around {@link Bootstrap}
 * and {@link CloneGuard}. Both are safe to re-run: a bootstrap resumes its cut, a vacuum deletes only what is
 * unreferenced.
 */
final class BootstrapCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BootstrapCommand() {
    }

    static int run(Arguments a, PipelineConfig config, PrintStream out) {
        Colour target = a.colour().orElseThrow();
        ColourLayout to = config.layout(target);
        SparkSession spark = Sessions.builder(config, to.jobName() + "-bootstrap").getOrCreate();
        if (a.from().isEmpty()) {
            Bootstrap.fromScratch(spark, config, target, a.gitSha());
            out.println(a.json() ? JSON.createObjectNode().put("command", a.command()).put("exitCode", Main.OK)
                    .put("outcome", Main.outcome(Main.OK)).put("colour", target.id())
                    .put("generation", to.generation()).put("mode", "scratch").toString()
                    : "Bootstrapped " + to.jobName() + " generation " + to.generation() + " from scratch: its"
                    + " queries start at kafka.startingOffsets (" + config.kafka().startingOffsets() + ") in "
                    + to.checkpointRoot() + ". Start it with: run --colour " + target.id());
            return Main.OK;
        }
        ConsistentCut cut = Bootstrap.fromCut(spark, config, a.from().get(), target, a.gitSha(), Clock.systemUTC());
        out.println(a.json() ? json(a, to, cut) : text(to, cut));
        return Main.OK;
    }

    static int vacuum(Arguments a, PipelineConfig config, PrintStream out) {
        Colour colour = a.colour().orElseThrow();
        double hours = a.retainHours().orElse(Arguments.DEFAULT_RETAIN_HOURS);
        SparkSession spark = Sessions.builder(config, config.layout(colour).jobName() + "-vacuum").getOrCreate();
        boolean checkDisabled = hours < Arguments.DEFAULT_RETAIN_HOURS;
        if (checkDisabled) {
            // Delta refuses a retention under 7 days unless told otherwise; the operator asked for it explicitly.
            spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        }
        List<CloneGuard.TableVacuum> result = CloneGuard.vacuum(spark, config, colour, hours, a.detach());
        if (a.json()) {
            ObjectNode n = JSON.createObjectNode().put("command", a.command()).put("exitCode", Main.OK)
                    .put("outcome", Main.outcome(Main.OK)).put("colour", colour.id()).put("retainHours", hours);
            ArrayNode tables = n.putArray("tables");
            result.forEach(t -> tables.addObject().put("table", t.table()).put("filesDeleted", t.filesDeleted())
                    .put("referencedByOther", t.referencedByOther()).put("detached", t.detached()));
            out.println(n);
        } else {
            StringBuilder sb = new StringBuilder("Vacuumed " + config.layout(colour).jobName() + " (retention "
                    + hours + " h):\n");
            result.forEach(t -> sb.append(String.format("  %-22s %6d files deleted%s%n", t.table(), t.filesDeleted(),
                    t.detached() ? ", " + t.referencedByOther() + " files the other colour read were rewritten into"
                    + " its own storage first" : "")));
            out.print(sb);
        }
        return Main.OK;
    }

    private static String text(ColourLayout to, ConsistentCut cut) {
        StringBuilder sb = new StringBuilder("Bootstrapped " + to.jobName() + " generation " + to.generation()
                + " from " + cut.colour().id() + " generation " + cut.generation() + "'s consistent cut at Gold batch "
                + cut.goldBatch() + " (taken " + cut.takenAt() + "):\n");
        sb.append("  tables cloned (shallow) at versions ").append(cut.tableVersions()).append('\n');
        for (Domain d : Domain.values()) {
            DomainCut c = cut.domains().get(d);
            sb.append("  ").append(d.id()).append(": ").append(c.topic()).append(" from offsets ").append(c.offsets())
                    .append(" (after ").append(cut.colour().id()).append("'s batch ").append(c.batchId())
                    .append(")\n");
        }
        sb.append("The cut is kept in ").append(Bootstrap.cutFile(to)).append(". Start the colour with: run --colour ")
                .append(to.colour().id());
        return sb.toString();
    }

    private static String json(Arguments a, ColourLayout to, ConsistentCut cut) {
        ObjectNode n = JSON.createObjectNode().put("command", a.command()).put("exitCode", Main.OK)
                .put("outcome", Main.outcome(Main.OK)).put("colour", to.colour().id())
                .put("generation", to.generation()).put("mode", "cut");
        try {
            n.set("cut", JSON.readTree(cut.toJson()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the cut's own JSON does not parse", e);
        }
        return n.toString();
    }
}

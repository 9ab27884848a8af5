package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Colour;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code vacuum --colour <c> [--retain-hours H] [--detach]}: VACUUM of a (retired) colour's tables, refusing to
 * delete a file the other colour's shallow clones still read ({@link CloneGuard}). Safe to re-run.
 */
final class VacuumCommand implements Command {
    /** Delta's default VACUUM retention: 7 days. */
    static final double DEFAULT_RETAIN_HOURS = 168;

    private final Arguments args;
    private final PipelineConfig config;

    VacuumCommand(Arguments args, PipelineConfig config) {
        this.args = args;
        this.config = config;
    }

    @Override
    public CommandResult run() {
        Colour colour = args.colour().orElseThrow();
        double hours = args.retainHours().orElse(DEFAULT_RETAIN_HOURS);
        SparkSession spark = Sessions.builder(config, config.layout(colour).jobName() + "-vacuum").getOrCreate();
        if (hours < DEFAULT_RETAIN_HOURS) {
            // Delta refuses a retention under 7 days unless told otherwise; the operator asked for it explicitly.
            spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        }
        return new Vacuumed(config.layout(colour).jobName(), colour, hours,
                CloneGuard.vacuum(spark, config, colour, hours, args.detach()));
    }

    record Vacuumed(String job, Colour colour, double retainHours, List<CloneGuard.TableVacuum> tables)
            implements CommandResult {
        @Override
        public String text() {
            StringBuilder sb = new StringBuilder("Vacuumed " + job + " (retention " + retainHours + " h):");
            tables.forEach(t -> sb.append(String.format("%n  %-22s %6d files deleted%s", t.table(), t.filesDeleted(),
                    t.detached() ? ", " + t.referencedByOther() + " files the other colour read were rewritten into"
                    + " its own storage first" : "")));
            return sb.toString();
        }

        @Override
        public void json(ObjectNode into) {
            into.put("colour", colour.id()).put("retainHours", retainHours);
            ArrayNode arr = into.putArray("tables");
            tables.forEach(t -> arr.addObject().put("table", t.table()).put("filesDeleted", t.filesDeleted())
                    .put("referencedByOther", t.referencedByOther()).put("detached", t.detached()));
        }
    }
}

package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code vacuum --colour <c> [--retain-hours H] [--detach] [--force]}: VACUUM of a retired colour's tables, refusing
 * a colour that is live or running and a file the other colour's shallow clones still read ({@link CloneGuard}). A
 * retention below Delta's default (168 h) is refused without {@code --force}; a forced one is recorded in the
 * audit ledger before anything is deleted. Safe to re-run.
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
        if (hours < DEFAULT_RETAIN_HOURS && !args.force()) {
            throw new BlueGreenException(ErrorCode.VACUUM_REFUSED, "VACUUM of " + config.layout(colour).jobName()
                    + " with a retention of " + hours + " h refused, nothing was deleted: that is below Delta's"
                    + " default of " + DEFAULT_RETAIN_HOURS + " h, which keeps the files time travel, running"
                    + " readers and the clone index may still need. Add --force to do it anyway; a forced vacuum is"
                    + " recorded in the audit ledger with who ran it.");
        }
        SparkSession spark = Sessions.builder(config, config.layout(colour).jobName() + "-vacuum").getOrCreate();
        // Refused before a forced vacuum is recorded: the record says what was done, not what was tried.
        LiveColourGuard.requireNotLiveOrRunning(spark, config, config.layout(colour), Status.staleAfter(config),
                java.time.Instant.now());
        if (args.force()) {
            ReleaseInputs inputs = ReleaseInputs.of(args, config);
            Publishers.release(config, inputs.contract()).recordMaintenance(colour, inputs.actor(), args.gitSha(),
                    Renderer.JSON.createObjectNode().put("operation", "VACUUM").put("colour", colour.id())
                            .put("generation", config.layout(colour).generation()).put("retainHours", hours)
                            .put("forced", true).put("detach", args.detach()).toString(), java.time.Instant.now());
        }
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

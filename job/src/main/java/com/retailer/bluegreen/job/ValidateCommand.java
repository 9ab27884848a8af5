package com.retailer.bluegreen.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.gates.GateReport;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.AuditRecord;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code validate --candidate <c>}: the four gates on the candidate against the live colour ({@link Validate}),
 * the report recorded in the audit ledger. Exit 12 when a gate failed (the report is recorded all the same).
 */
final class ValidateCommand implements Command {
    private final Arguments args;
    private final PipelineConfig config;
    private final ReleaseInputs inputs;
    private final PrintStream progress;

    ValidateCommand(Arguments args, PipelineConfig config, PrintStream progress) {
        this.args = args;
        this.config = config;
        this.inputs = ReleaseInputs.of(args, config);
        this.progress = progress;
    }

    @Override
    public CommandResult run() {
        Colour candidate = args.to().orElseThrow();
        Validate.Recorded r = new Validate(Sessions.release(config), config, candidate, Clock.systemUTC(),
                StatusCommand.KAFKA_TIMEOUT, progress::println).run(inputs.contract(), inputs.releaseId(),
                inputs.actor(), args.gitSha());
        return new Validated(candidate, r.report(), r.record(), config.release().auditLedgerLocation(),
                config.gates().maxReportAge());
    }

    record Validated(Colour candidate, GateReport report, AuditRecord record, String ledger, Duration maxReportAge)
            implements CommandResult {
        @Override
        public ErrorCode code() {
            return report.passed() ? ErrorCode.OK : ErrorCode.GATES_FAILED;
        }

        @Override
        public String text() {
            return report.table() + "\n" + (report.passed() ? "All gates passed" : "Validation FAILED: "
                    + report.firstFailure().map(f -> f.gate() + ": " + (f.failures().isEmpty() ? ""
                    : f.failures().get(0))).orElse("gates missing " + report.missingGates()))
                    + ". Report recorded as audit record " + record.sequence() + " in " + ledger + (report.passed()
                    ? "; promote --to " + candidate.id() + " accepts it for " + maxReportAge + "." : ".");
        }

        @Override
        public void json(ObjectNode into) {
            into.put("candidate", candidate.id()).put("passed", report.passed());
            try {
                into.set("report", Renderer.JSON.readTree(report.toJson()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the gate report's own JSON does not parse", e);
            }
            into.putObject("auditRecord").put("sequence", record.sequence()).put("hash", record.hash())
                    .put("ledger", ledger);
        }
    }
}

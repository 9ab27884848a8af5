package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.publish.AuditProblem;
import com.retailer.bluegreen.publish.AuditVerdict;
import com.retailer.bluegreen.publish.LedgerAudit;
import com.retailer.bluegreen.publish.VerifyResult;
import com.retailer.bluegreen.publish.spark.AuditLedger;
import com.retailer.bluegreen.publish.spark.ControlTable;
import org.apache.spark.sql.SparkSession;

/**
 * {@code audit verify}: recomputes the audit ledger's hash chain and names the first bad record; reads the ledger's
 * Delta history and names every commit that is not a ledger append (version, operation, time); compares the ledger
 * with its append-only anchor (a ledger rewritten with every hash recomputed does not match it); and checks the
 * ledger against the control table (missing, or recording fewer epochs than were proposed). Exit 0 valid, 4 any of
 * those found, 2 no ledger at the configured location and nothing saying there should be one, 1 when verification
 * could not run (the verdict is then unknown, not broken). Reads only.
 */
final class AuditVerifyCommand implements Command {
    private final PipelineConfig config;

    AuditVerifyCommand(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public CommandResult run() {
        String ledger = config.release().auditLedgerLocation();
        try {
            SparkSession spark = Sessions.release(config);
            if (AuditLedger.exists(spark, ledger)) {
                AuditLedger.open(spark, ledger); // refuses a table that is not a ledger
            }
            AuditLedger store = new AuditLedger(spark, ledger, config.release().auditAnchorLocation(), () -> { });
            return new Verified(ledger, LedgerAudit.verify(store,
                    new ControlTable(spark, config.release().controlTableLocation())));
        } catch (BlueGreenException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BlueGreenException(ErrorCode.FAILED, "Could not verify audit ledger '" + ledger + "': " + e
                    + ". The verdict is unknown, not broken; fix the cause (access to the path, Spark) and run"
                    + " again.", e);
        }
    }

    /** The verdict, printed: the valid case as before; otherwise the chain's break first, then every problem. */
    record Verified(String ledger, AuditVerdict verdict) implements CommandResult {

        /** A verdict on the chain alone. */
        Verified(String ledger, VerifyResult result) {
            this(ledger, AuditVerdict.chainOnly(ledger, result));
        }

        @Override
        public ErrorCode code() {
            return verdict.valid() ? ErrorCode.OK : ErrorCode.AUDIT_CHAIN_BROKEN;
        }

        @Override
        public String text() {
            if (verdict.valid()) {
                VerifyResult.Valid v = (VerifyResult.Valid) verdict.chain();
                return "Audit ledger " + ledger + ": valid, " + v.count() + " record" + (v.count() == 1 ? "" : "s")
                        + ", head hash " + v.headHash() + ".";
            }
            StringBuilder sb = new StringBuilder("Audit ledger " + ledger + ": BROKEN");
            verdict.chainBreak().ifPresentOrElse(
                    b -> sb.append(" at record ").append(b.sequence()).append(": ").append(b.reason()).append('.'),
                    () -> sb.append(": ").append(verdict.problems().size()).append(" problem")
                            .append(verdict.problems().size() == 1 ? "" : "s").append(" found."));
            for (AuditProblem p : verdict.problems()) {
                sb.append("\n  - ").append(p.describe()).append('.');
            }
            return sb.append('\n').append(verdict.advice()).toString();
        }

        @Override
        public void json(ObjectNode into) {
            into.put("ledger", ledger).put("valid", verdict.valid());
            if (verdict.chain() instanceof VerifyResult.Valid v && verdict.valid()) {
                into.put("count", v.count()).put("headHash", v.headHash());
                return;
            }
            verdict.chainBreak().ifPresentOrElse(b -> into.put("sequence", b.sequence()).put("reason", b.reason()),
                    () -> into.put("reason", verdict.problems().get(0).describe()));
            if (verdict.problems().isEmpty()) {
                return;
            }
            if (verdict.anchor() != null) {
                into.put("anchor", verdict.anchor());
            }
            ArrayNode problems = into.putArray("problems");
            for (AuditProblem p : verdict.problems()) {
                ObjectNode n = problems.addObject().put("check", p.check().id()).put("location", p.location());
                if (p.sequence() != null) {
                    n.put("sequence", p.sequence());
                }
                if (p.version() != null) {
                    n.put("version", p.version()).put("operation", p.operation())
                            .put("at", String.valueOf(p.at()));
                }
                n.put("reason", p.reason());
            }
        }
    }
}

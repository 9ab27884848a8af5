package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.publish.spark.AuditLedger;
import com.retailer.bluegreen.publish.VerifyResult;

/**
 * {@code audit verify}: recomputes the audit ledger's hash chain and names the first bad record. Exit 0 valid, 4
 * broken, 2 no ledger at the configured location, 1 when verification could not run (the verdict is then unknown,
 * not broken).
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
            return new Verified(ledger, AuditLedger.open(Sessions.release(config), ledger).verify());
        } catch (BlueGreenException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BlueGreenException(ErrorCode.FAILED, "Could not verify audit ledger '" + ledger + "': " + e
                    + ". The verdict is unknown, not broken; fix the cause (access to the path, Spark) and run"
                    + " again.", e);
        }
    }

    record Verified(String ledger, VerifyResult result) implements CommandResult {
        @Override
        public ErrorCode code() {
            return result.valid() ? ErrorCode.OK : ErrorCode.AUDIT_CHAIN_BROKEN;
        }

        @Override
        public String text() {
            if (result instanceof VerifyResult.Valid v) {
                return "Audit ledger " + ledger + ": valid, " + v.count() + " record" + (v.count() == 1 ? "" : "s")
                        + ", head hash " + v.headHash() + ".";
            }
            VerifyResult.Broken b = (VerifyResult.Broken) result;
            return "Audit ledger " + ledger + ": BROKEN at record " + b.sequence() + ": " + b.reason() + ".\n"
                    + AuditLedger.repairAdvice(ledger);
        }

        @Override
        public void json(ObjectNode into) {
            into.put("ledger", ledger).put("valid", result.valid());
            if (result instanceof VerifyResult.Valid v) {
                into.put("count", v.count()).put("headHash", v.headHash());
            } else if (result instanceof VerifyResult.Broken b) {
                into.put("sequence", b.sequence()).put("reason", b.reason());
            }
        }
    }
}

package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;
import java.util.List;

/** Every user-facing error of promotion and rollback, worded once: what happened, why, and what to do. */
final class ReleaseErrors {

    private ReleaseErrors() {
    }

    static ContractFileException contractFile(String source, List<String> problems) {
        String n = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return new ContractFileException("Consumer contract " + source + " has " + n + ", so nothing was published"
                + " or recorded:\n  " + String.join("\n  ", problems) + "\nFix the file (its format is described at"
                + " the top of conf/contract.yaml) and run the command again.", problems);
    }

    static ReleaseRefusedException nothingPromoted(String controlTable) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.NOTHING_TO_ROLL_BACK, "Rollback refused,"
                + " nothing was changed: nothing was ever promoted (control table '" + controlTable + "' is absent"
                + " or at epoch 0), so the published views serve no colour to roll back from. Promote a validated"
                + " colour first: promote --to <colour>.");
    }

    static ReleaseRefusedException neverServed(DesiredState current, Colour target) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.NOTHING_TO_ROLL_BACK, "Rollback refused,"
                + " nothing was changed: the views serve " + current.colour().id() + " (release "
                + current.releaseId() + ", epoch " + current.epoch() + ") and " + target.id() + " has never served"
                + " them, so there is no earlier release to return to. If " + current.colour().id() + " is broken,"
                + " fix it and promote it again, or validate " + target.id() + " and promote it with promote --to "
                + target.id() + ".");
    }

    static ReleaseRefusedException inProgress(DesiredState current, long lastRecorded) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.IN_PROGRESS, "Promotion refused, nothing"
                + " was changed: another promotion or rollback is in progress. The control table is at epoch "
                + current.epoch() + " (" + current.colour().id() + ", release " + current.releaseId() + ", proposed"
                + " by " + current.actor() + " at " + current.updatedAt() + ") but the audit ledger records epochs"
                + " only up to " + lastRecorded + ", so that change has not finished. One release at a time: wait for"
                + " it and check with status; if its run died, complete it by re-running promote --to "
                + current.colour().id() + " --release-id " + current.releaseId() + ", or undo it with rollback.");
    }

    static ReleaseRefusedException chainBroken(String ledger, VerifyResult.Broken broken) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, "Refused, nothing"
                + " was changed: the audit ledger '" + ledger + "' is broken at record " + broken.sequence() + " ("
                + broken.reason() + "). Promotions and rollbacks append to it, and a record appended to a tampered"
                + " chain would hide the tampering. " + AuditErrors.repair(ledger));
    }

    static ContractViolationException colourNotReady(Colour colour, String view, List<String> missing) {
        return new ContractViolationException("Colour " + colour.id() + " cannot serve the published views: it has"
                + " no table " + String.join(", ", missing) + ", which the contract's views read. Nothing was"
                + " changed. Is the " + colour.id() + " job deployed and has it created its tables (run it once)?"
                + " Or does the contract name the wrong source table?", view,
                missing.stream().map(t -> t + " does not exist").toList());
    }

    static IllegalStateException notConverging(String schema, List<String> views, DesiredState desired, int rounds) {
        return new IllegalStateException("Views " + views + " of " + schema + " still do not serve "
                + desired.colour().id() + " (release " + desired.releaseId() + ", epoch " + desired.epoch() + ") after "
                + rounds + " reconciles: something else keeps changing them. The desired state and its audit record"
                + " are in place. Check status, stop any other publisher, and run the same command again to converge.");
    }

    static IllegalArgumentException invalidInput(String what, String value, String expectation) {
        return new IllegalArgumentException("Invalid " + what + " '" + value + "': expected " + expectation + ".");
    }
}

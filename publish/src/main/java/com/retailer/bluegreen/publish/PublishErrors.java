package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.SqlNames;
import java.util.List;

/**
 * Every user-facing error of the publish module (contract, control table, publisher, audit ledger, promotion and
 * rollback), worded once: what happened, why, and what to do. Each carries its {@link ErrorCode}.
 */
public final class PublishErrors {

    private PublishErrors() {
    }

    public static ContractException invalidContract(String problem) {
        return new ContractException("Invalid consumer contract: " + problem + ". Fix the contract definition;"
                + " nothing was published with it.");
    }

    public static ContractException viewDropped(String view) {
        return new ContractException("The newer contract drops view '" + view + "'. The contract only grows:"
                + " consumers may query every view it ever listed. Keep view '" + view + "' in the contract"
                + " (a colour that no longer produces a column publishes it as a typed NULL).");
    }

    public static ContractException columnDropped(String view, Contract.Column column) {
        return new ContractException("The newer contract drops column '" + column.name() + "' (" + column.type()
                + ") of view '" + view + "'. The contract only grows: consumers' queries may use the column. Keep it"
                + " in the contract; a colour without it publishes it as CAST(NULL AS " + column.type() + ").");
    }

    public static ContractException typeChanged(String view, Contract.Column column, String newType) {
        return new ContractException("The newer contract changes column '" + column.name() + "' of view '" + view
                + "' from " + column.type() + " to " + newType + ". The contract only grows, and consumers read the"
                + " column as " + column.type() + ". Keep the type and add a new column with the new type instead.");
    }

    public static ContractException noSuchView(String view, Contract contract) {
        return new ContractException("View '" + view + "' is not in the consumer contract (its views: "
                + contract.views().keySet() + "). Add it to the contract before publishing it.");
    }

    public static ContractViolationException colourViolatesContract(Contract.View view, String table, List<String> problems) {
        return new ContractViolationException("Colour table " + table + " does not satisfy the contract of view '"
                + view.name() + "': " + String.join("; ", problems) + ". A cast there could fail or lose data, so"
                + " the view was not switched to this colour. Fix the colour's table (or its transform) to produce"
                + " the contract types, then promote again.", view.name(), problems);
    }

    public static ContractException noReleaseId() {
        return new ContractException("No release id to publish: every view exposes the release it serves as '"
                + Contract.RELEASE_ID + "'. Propose the colour with its release id.");
    }

    public static ConcurrentPromotionException concurrentProposal(String location, long expected, Long found,
                                                           Throwable deltaConflict) {
        String how = found != null
                ? "the control table is at epoch " + found
                : deltaConflict != null
                        ? "Delta's commit check found a concurrent proposal rewriting the same row"
                        : "a proposal committed after this one read the table, so Delta skipped this one";
        return new ConcurrentPromotionException("Proposal refused, nothing was changed: it expected control table '"
                + location + "' at epoch " + expected + ", but another promotion or rollback moved it on first ("
                + how + "). Re-read the desired state and decide again whether this change still applies.",
                expected, deltaConflict);
    }

    public static SupersededException superseded(String view, DesiredState applying, DesiredState current) {
        return new SupersededException("Reconcile of epoch " + applying.epoch() + " (" + applying.colour() + ", "
                + "release " + applying.releaseId() + ") stopped before switching view '" + view + "': the control"
                + " table moved on to epoch " + current.epoch() + " (" + current.colour() + ", release "
                + current.releaseId() + ", by " + current.actor() + "), which wins. Views not yet switched stay"
                + " where they were; reconcile the current desired state to converge.",
                applying.epoch(), current.epoch());
    }

    public static BlueGreenException nothingProposed(String location) {
        return new BlueGreenException(ErrorCode.FAILED, "Nothing to publish: control table '" + location + "' is at epoch 0, no"
                + " colour was ever proposed. Propose a colour and release first.");
    }

    public static BlueGreenException noControlTable(String location) {
        return new BlueGreenException(ErrorCode.FAILED, "No publish control table at '" + location + "': there is no Delta table"
                + " there. Check the location (<storage>/<pipeline>/control/publish_state); it is created by"
                + " ControlTable.openOrCreate.");
    }

    public static BlueGreenException controlRows(String location, int rows) {
        return new BlueGreenException(ErrorCode.FAILED, "Publish control table '" + location + "' has " + rows + " rows where it"
                + " must have exactly one, so the desired state is unknown and nothing was changed. The table was"
                + " edited outside ControlTable: find the commit with DESCRIBE HISTORY "
                + SqlNames.pathIdentifier(location) + " and"
                + " RESTORE the version before it.");
    }

    public static InvalidAuditDraftException invalidDraft(List<String> problems) {
        return new InvalidAuditDraftException("Audit record rejected, nothing was appended: "
                + String.join(" ", problems), problems);
    }

    public static ConcurrentAppendException concurrentAppend(String location, long sequence, Throwable deltaConflict) {
        String how = deltaConflict != null
                ? "Delta's commit check found that a concurrent append rewrote the ledger's head row"
                : "it committed after this append read the ledger's head, so Delta skipped this one";
        return new ConcurrentAppendException("Audit record " + sequence + " was not appended to ledger '" + location
                + "': another append wrote record " + sequence + " first (" + how + "). Two appends may not both"
                + " follow record " + (sequence - 1) + ", or the chain would fork, so this one was refused and"
                + " nothing of it was written. Re-read the release state, which the other append may have changed,"
                + " and retry the action if it still applies.", location, sequence, deltaConflict);
    }

    public static AuditLedgerException noLedger(String location) {
        return new AuditLedgerException(ErrorCode.BAD_CONFIG, "No audit ledger at '" + location + "': there is no Delta table there."
                + " Check the location (<storage>/<pipeline>/control/audit_ledger). A ledger is created by the first"
                + " append (AuditLedger.openOrCreate), never by reading or verifying it.", location);
    }

    public static AuditLedgerException notALedger(String location, List<String> missingColumns) {
        return new AuditLedgerException(ErrorCode.BAD_CONFIG, "The Delta table at '" + location + "' is not an audit ledger: it has no"
                + " column(s) " + missingColumns + ". Check the location; do not point the ledger at another table.",
                location);
    }

    public static AuditLedgerException headRows(String location, int count) {
        return new AuditLedgerException(ErrorCode.AUDIT_CHAIN_BROKEN, "Audit ledger '" + location + "' has " + count + " head rows where it must"
                + " have exactly one, so appends can no longer be serialised; nothing was appended. The table was"
                + " edited outside the ledger. " + repair(location), location);
    }

    public static AuditLedgerException inconsistentAppend(String location, long sequence, long headsUpdated,
                                                   long recordsInserted) {
        return new AuditLedgerException(ErrorCode.FAILED, "Appending record " + sequence + " to audit ledger '" + location
                + "' updated " + headsUpdated + " head row(s) and inserted " + recordsInserted + " record(s) where it"
                + " must do one of each: the head row and the records disagreed before this append, which only an"
                + " edit outside the ledger can cause. " + repair(location), location);
    }

    /** What to do about a ledger that was changed outside {@link AuditLedger}. */
    public static String repair(String location) {
        return "Do not append until this is explained: run audit verify, which names the first bad record, find the"
                + " commit that changed the table with DESCRIBE HISTORY " + SqlNames.pathIdentifier(location) + ", and"
                + " restore the version before it (RESTORE TABLE " + SqlNames.pathIdentifier(location)
                + " TO VERSION AS OF <v>).";
    }

    public static ContractFileException contractFile(String source, List<String> problems) {
        String n = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return new ContractFileException("Consumer contract " + source + " has " + n + ", so nothing was published"
                + " or recorded:\n  " + String.join("\n  ", problems) + "\nFix the file (its format is described at"
                + " the top of conf/contract.yaml) and run the command again.", problems);
    }

    public static ReleaseRefusedException nothingPromoted(String controlTable) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.NOTHING_TO_ROLL_BACK, "Rollback refused,"
                + " nothing was changed: nothing was ever promoted (control table '" + controlTable + "' is absent"
                + " or at epoch 0), so the published views serve no colour to roll back from. Promote a validated"
                + " colour first: promote --to <colour>.");
    }

    public static ReleaseRefusedException neverServed(DesiredState current, Colour target) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.NOTHING_TO_ROLL_BACK, "Rollback refused,"
                + " nothing was changed: the views serve " + current.colour().id() + " (release "
                + current.releaseId() + ", epoch " + current.epoch() + ") and " + target.id() + " has never served"
                + " them, so there is no earlier release to return to. If " + current.colour().id() + " is broken,"
                + " fix it and promote it again, or validate " + target.id() + " and promote it with promote --to "
                + target.id() + ".");
    }

    public static ReleaseRefusedException inProgress(DesiredState current, long lastRecorded) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.IN_PROGRESS, "Promotion refused, nothing"
                + " was changed: another promotion or rollback is in progress. The control table is at epoch "
                + current.epoch() + " (" + current.colour().id() + ", release " + current.releaseId() + ", proposed"
                + " by " + current.actor() + " at " + current.updatedAt() + ") but the audit ledger records epochs"
                + " only up to " + lastRecorded + ", so that change has not finished. One release at a time: wait for"
                + " it and check with status; if its run died, complete it by re-running promote --to "
                + current.colour().id() + " --release-id " + current.releaseId() + ", or undo it with rollback.");
    }

    public static ReleaseRefusedException chainBroken(String ledger, VerifyResult.Broken broken) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, "Refused, nothing"
                + " was changed: the audit ledger '" + ledger + "' is broken at record " + broken.sequence() + " ("
                + broken.reason() + "). Promotions and rollbacks append to it, and a record appended to a tampered"
                + " chain would hide the tampering. " + PublishErrors.repair(ledger));
    }

    public static ReleaseRefusedException ledgerMissing(String ledger, String anchor, long epoch, long anchored) {
        String why = epoch > 0 && anchored > 0 ? "the control table is at epoch " + epoch + " and the anchor '"
                + anchor + "' holds records up to " + anchored
                : epoch > 0 ? "the control table is at epoch " + epoch + ", so views have been published"
                : "the anchor '" + anchor + "' holds records up to " + anchored;
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, "Refused, nothing"
                + " was changed: there is no audit ledger at '" + ledger + "', but " + why + ". The ledger was"
                + " deleted or moved. A new ledger would record those epochs again from the control table's history"
                + " as if nothing had happened, so none is created. " + missingAdvice(ledger, anchor));
    }

    public static ReleaseRefusedException anchorMissing(String ledger, String anchor, int records) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, "Refused, nothing"
                + " was changed: the audit ledger '" + ledger + "' holds " + records + " record(s) but its anchor '"
                + anchor + "', which holds the hash of every record as it was written, does not exist. It was"
                + " deleted or moved, or the ledger was written by a version without anchors. Restore the anchor"
                + " from backup; nothing is appended to a ledger that cannot be compared with it.");
    }

    public static ReleaseRefusedException anchorMismatch(String ledger, List<AuditProblem> problems) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, "Refused, nothing"
                + " was changed: the audit ledger '" + ledger + "' does not match its anchor: "
                + problems.stream().map(AuditProblem::describe).collect(java.util.stream.Collectors.joining("; "))
                + ". The anchor holds the hash of every record as it was written, so the ledger was rewritten or"
                + " truncated after that. " + repair(ledger));
    }

    public static ReleaseRefusedException rebuildRefused(String ledger, long lastRecorded, long epoch,
                                                         List<String> findings) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, "Refused, nothing"
                + " was changed: the control table is at epoch " + epoch + " but the audit ledger '" + ledger
                + "' records epochs only up to " + lastRecorded + ". Epochs are recorded again from the control"
                + " table's history only when the ledger can be shown not to have lost them (its history and its"
                + " anchor clean), and it cannot: " + String.join("; ", findings) + ". "
                + missingAdvice(ledger, null));
    }

    public static ReleaseRefusedException untrustedIdentity(String actor, String key) {
        return new ReleaseRefusedException(ReleaseRefusedException.Reason.UNTRUSTED_IDENTITY, "Refused, nothing"
                + " was changed: this target requires a trusted identity (" + key + " = true), and the identity"
                + " acting here, '" + actor + "', is " + (Actor.parse(actor).isPresent() ? "the operating-system"
                + " user, which anyone can be on their own machine" : "not one whose source is known") + ". Run"
                + " promote and rollback as the release job, whose run-as principal is set in " + Actor.RUN_AS
                + ", or from CI (" + Actor.GITHUB + ").");
    }

    /** What to do about commits in the ledger's or anchor's history that are not the ledger's own. */
    public static String historyAdvice(String ledger, String anchor) {
        return "Each commit named above changed the " + (anchor == null ? "ledger" : "ledger or its anchor")
                + " outside the publisher; the history keeps it for 7 years. Find who ran it (DESCRIBE HISTORY"
                + " delta.`" + ledger + "`" + (anchor == null ? "" : " and delta.`" + anchor + "`") + ") and"
                + " treat it as an incident. Where it changed records, the chain or the anchor names them above;"
                + " restoring the version before it makes the records whole again, and this report keeps naming"
                + " the commits as evidence.";
    }

    /** What to do about a missing or truncated ledger. */
    public static String missingAdvice(String ledger, String anchor) {
        return "Restore the ledger from backup (or its files, kept 7 years, with RESTORE) to the state its anchor"
                + (anchor == null ? "" : " '" + anchor + "'") + " and the control table describe, and find out who"
                + " removed it.";
    }

    public static ContractViolationException colourNotReady(Colour colour, String view, List<String> missing) {
        return new ContractViolationException("Colour " + colour.id() + " cannot serve the published views: it has"
                + " no table " + String.join(", ", missing) + ", which the contract's views read. Nothing was"
                + " changed. Is the " + colour.id() + " job deployed and has it created its tables (run it once)?"
                + " Or does the contract name the wrong source table?", view,
                missing.stream().map(t -> t + " does not exist").toList());
    }

    public static BlueGreenException notConverging(String schema, List<String> views, DesiredState desired, int rounds) {
        return new BlueGreenException(ErrorCode.FAILED, "Views " + views + " of " + schema + " still do not serve "
                + desired.colour().id() + " (release " + desired.releaseId() + ", epoch " + desired.epoch() + ") after "
                + rounds + " reconciles: something else keeps changing them. The desired state and its audit record"
                + " are in place. Check status, stop any other publisher, and run the same command again to converge.");
    }

    public static IllegalArgumentException invalidInput(String what, String value, String expectation) {
        return new IllegalArgumentException("Invalid " + what + " '" + value + "': expected " + expectation + ".");
    }

    /**
     * Refuses to move view {@code view} when it belongs to another control table than {@code mine}: a publisher
     * pointed at a second control table (say {@code publish.storageBase} overridden) would otherwise switch the real
     * views while the real ledger records nothing.
     */
    public static void requireOwnView(String view, String owner, String mine) {
        if (!com.retailer.bluegreen.layout.Locations.same(owner, mine)) {
            throw new BlueGreenException(ErrorCode.NOT_OWNER, "Refused, nothing was changed: view " + view + " is"
                    + " published by the control table at " + owner + ", and this publisher's control table is "
                    + mine + ". Only the publisher of a view's own control table moves it, so every switch lands in"
                    + " its audit ledger. Run the command with the pipeline's configured publish.storageBase (do not"
                    + " override it).");
        }
    }
}

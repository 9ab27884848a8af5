package com.retailer.bluegreen.publish;

import java.util.List;

/** Every user-facing error of this package, worded once: the problem, why, and what to do. */
final class AuditErrors {

    private AuditErrors() {
    }

    static InvalidAuditDraftException invalidDraft(List<String> problems) {
        return new InvalidAuditDraftException("Audit record rejected, nothing was appended: "
                + String.join(" ", problems), problems);
    }

    static ConcurrentAppendException concurrentAppend(String location, long sequence, Throwable deltaConflict) {
        String how = deltaConflict != null
                ? "Delta's commit check found that a concurrent append rewrote the ledger's head row"
                : "it committed after this append read the ledger's head, so Delta skipped this one";
        return new ConcurrentAppendException("Audit record " + sequence + " was not appended to ledger '" + location
                + "': another append wrote record " + sequence + " first (" + how + "). Two appends may not both"
                + " follow record " + (sequence - 1) + ", or the chain would fork, so this one was refused and"
                + " nothing of it was written. Re-read the release state, which the other append may have changed,"
                + " and retry the action if it still applies.", location, sequence, deltaConflict);
    }

    static AuditLedgerException noLedger(String location) {
        return new AuditLedgerException("No audit ledger at '" + location + "': there is no Delta table there."
                + " Check the location (<storage>/<pipeline>/control/audit_ledger). A ledger is created by the first"
                + " append (AuditLedger.openOrCreate), never by reading or verifying it.", location);
    }

    static AuditLedgerException notALedger(String location, List<String> missingColumns) {
        return new AuditLedgerException("The Delta table at '" + location + "' is not an audit ledger: it has no"
                + " column(s) " + missingColumns + ". Check the location; do not point the ledger at another table.",
                location);
    }

    static AuditLedgerException headRows(String location, int count) {
        return new AuditLedgerException("Audit ledger '" + location + "' has " + count + " head rows where it must"
                + " have exactly one, so appends can no longer be serialised; nothing was appended. The table was"
                + " edited outside the ledger. " + repair(location), location);
    }

    static AuditLedgerException inconsistentAppend(String location, long sequence, long headsUpdated,
                                                   long recordsInserted) {
        return new AuditLedgerException("Appending record " + sequence + " to audit ledger '" + location
                + "' updated " + headsUpdated + " head row(s) and inserted " + recordsInserted + " record(s) where it"
                + " must do one of each: the head row and the records disagreed before this append, which only an"
                + " edit outside the ledger can cause. " + repair(location), location);
    }

    /** What to do about a ledger that was changed outside {@link AuditLedger}. */
    static String repair(String location) {
        return "Do not append until this is explained: run 'audit verify --ledger " + location + "', find the"
                + " commit that changed the table with DESCRIBE HISTORY delta.`" + location + "`, and restore the"
                + " version before it (RESTORE TABLE delta.`" + location + "` TO VERSION AS OF <v>).";
    }
}

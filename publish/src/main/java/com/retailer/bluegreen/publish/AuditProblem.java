package com.retailer.bluegreen.publish;

import java.time.Instant;
import java.util.Locale;

/**
 * One thing found wrong with the audit trail besides a broken chain ({@link VerifyResult.Broken} names that): a
 * commit in the ledger's or anchor's history that is not one of the ledger's own, a record that does not match its
 * anchor, or a ledger that is missing or shorter than the anchor or the control store say it must be.
 *
 * @param check     which check found it
 * @param location  the ledger's or the anchor's location, whichever it is about
 * @param sequence  the record it is about, if one
 * @param version   the storage version (commit) it is about, if one
 * @param operation that commit's operation, if one
 * @param at        that commit's time, if one
 * @param reason    what is wrong, in a sentence
 */
public record AuditProblem(Check check, String location, Long sequence, Long version, String operation, Instant at,
                           String reason) {

    /** The checks {@code audit verify} runs besides the chain. */
    public enum Check {
        /** A commit of the ledger's (or the anchor's) storage that none of the ledger's own writes makes. */
        HISTORY,
        /** The ledger and its anchor disagree, or the anchor is missing. */
        ANCHOR,
        /** The ledger is missing, or records fewer epochs than the control store has reached. */
        MISSING;

        /** The lower-case name used in {@code --json}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A commit of {@code location}'s history that is not the ledger's own. */
    static AuditProblem history(String location, LedgerCommit commit, String reason) {
        return new AuditProblem(Check.HISTORY, location, null, commit.version(), commit.operation(), commit.at(),
                reason);
    }

    /** A history problem not about one commit (say the history no longer reaching back to the creation). */
    static AuditProblem history(String location, String reason) {
        return new AuditProblem(Check.HISTORY, location, null, null, null, null, reason);
    }

    static AuditProblem anchor(String location, Long sequence, String reason) {
        return new AuditProblem(Check.ANCHOR, location, sequence, null, null, null, reason);
    }

    static AuditProblem missing(String location, String reason) {
        return new AuditProblem(Check.MISSING, location, null, null, null, null, reason);
    }

    /**
     * One line: {@code history of L: version V, OPERATION at T: reason}, {@code anchor L: record N: reason} or
     * {@code ledger L: reason}.
     */
    public String describe() {
        return switch (check) {
            case HISTORY -> "history of " + location + ": " + (version == null ? ""
                    : "version " + version + ", " + operation + " at " + at + ": ") + reason;
            case ANCHOR -> "anchor " + location + ": " + (sequence == null ? "" : "record " + sequence + ": ")
                    + reason;
            case MISSING -> "ledger " + location + ": " + reason;
        };
    }
}

package com.retailer.bluegreen.errors;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every outcome a command can end with: its exit status, its name in {@code --json} output ({@code outcome}) and
 * what it means, including what was and was not changed. This is the one table of exit codes: the command line
 * maps an error to its exit status through {@link BlueGreenException#code()} and nothing else, and the README's
 * table is checked against this one.
 */
public enum ErrorCode {
    OK(0, "ok"),
    FAILED(1, "the command failed"),
    BAD_CONFIG(2, "invalid arguments or configuration (nothing written; for audit verify, no ledger)"),
    NOT_OWNER(3, "checkpoint root, schema or published view owned by another colour, generation or control table"),
    AUDIT_CHAIN_BROKEN(4, "audit chain broken"),
    CONTRACT_VIOLATION(5, "the colour or the contract file violates the consumer contract (nothing changed)"),
    LOST_RACE(6, "another promotion or rollback won or is in progress (nothing changed)"),
    SUPERSEDED(7, "superseded by a rollback or newer promotion while views were switching (it wins)"),
    NOTHING_TO_ROLL_BACK(8, "nothing to roll back to (nothing changed)"),
    BOOTSTRAP_REFUSED(9, "bootstrap refused (nothing changed, or it stopped part-way: re-run it to resume)"),
    VACUUM_REFUSED(10, "vacuum refused: the other colour's clones read files it would delete (nothing deleted)"),
    NOT_VALIDATED(11, "promotion not admitted: no passing gate report of the candidate young enough (nothing"
            + " changed)"),
    GATES_FAILED(12, "validate: a gate failed (the report is recorded)"),
    EXPECTATION_FAILED(13, "a fail-action expectation stopped a batch"),
    ILLEGAL_TRANSITION(14, "the release is not in a state that allows this step (nothing changed)"),
    LIVE_COLOUR(15, "refused: the colour serves the published views or is running; use the idle colour and a"
            + " release (nothing changed)"),
    RELEASE_IN_PROGRESS(16, "another release is open: finish, resume or abort it first (nothing changed)"),
    APPROVAL_REFUSED(17, "approval refused: the approver is the release's author or not a trusted identity (nothing"
            + " changed)");

    private final int exitStatus;
    private final String meaning;

    ErrorCode(int exitStatus, String meaning) {
        this.exitStatus = exitStatus;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int exitStatus() {
        return exitStatus;
    }

    /** The name in JSON output, e.g. {@code LOST_RACE}. */
    public String outcome() {
        return name();
    }

    /** What the outcome means, in a few words, as the README's table and the usage text say it. */
    public String meaning() {
        return meaning;
    }

    /** The code with exit status {@code status}, if there is one. */
    public static Optional<ErrorCode> ofExitStatus(int status) {
        return Arrays.stream(values()).filter(c -> c.exitStatus == status).findFirst();
    }
}

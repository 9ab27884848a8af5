package com.retailer.bluegreen.publish;

/**
 * A promotion or rollback was refused before it changed anything; {@link #reason()} says which rule refused it and
 * the message says what happened, why, and what to do.
 */
public final class ReleaseRefusedException extends RuntimeException {

    /** Why a release action was refused. */
    public enum Reason {
        /** Rollback: nothing was ever promoted, or the other colour never served the views. */
        NOTHING_TO_ROLL_BACK,
        /** Promotion: another promotion or rollback has been proposed and not yet recorded; it goes first. */
        IN_PROGRESS,
        /** The audit ledger's hash chain does not verify: nothing is appended to a ledger that was tampered with. */
        AUDIT_CHAIN_BROKEN,
        /** Promotion: the candidate has no passing gate report young enough ({@link Admission}). */
        NOT_VALIDATED
    }

    private final Reason reason;

    ReleaseRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A promotion the gates do not admit: what is missing or failed, and what to do. Nothing was changed. */
    public static ReleaseRefusedException notValidated(String message) {
        return new ReleaseRefusedException(Reason.NOT_VALIDATED, message);
    }

    public Reason reason() {
        return reason;
    }
}

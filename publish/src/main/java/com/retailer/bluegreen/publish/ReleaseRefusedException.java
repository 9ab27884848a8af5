package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * A promotion or rollback was refused before it changed anything; {@link #reason()} says which rule refused it and
 * the message says what happened, why, and what to do.
 */
public final class ReleaseRefusedException extends BlueGreenException {

    /** Why a release action was refused. */
    public enum Reason {
        /** Rollback: nothing was ever promoted, or the other colour never served the views. */
        NOTHING_TO_ROLL_BACK(ErrorCode.NOTHING_TO_ROLL_BACK),
        /** Promotion: another promotion or rollback has been proposed and not yet recorded; it goes first. */
        IN_PROGRESS(ErrorCode.LOST_RACE),
        /**
         * The audit ledger's hash chain does not verify, it does not match its anchor, or it is missing or truncated
         * while views have been published: nothing is appended to a ledger that was tampered with.
         */
        AUDIT_CHAIN_BROKEN(ErrorCode.AUDIT_CHAIN_BROKEN),
        /** Promotion: the candidate has no passing gate report young enough ({@link Admission}). */
        NOT_VALIDATED(ErrorCode.NOT_VALIDATED),
        /**
         * Promotion or rollback: the target requires a trusted identity and the one acting is the operating-system
         * user (a configuration of the job that runs it).
         */
        UNTRUSTED_IDENTITY(ErrorCode.BAD_CONFIG);

        private final ErrorCode code;

        Reason(ErrorCode code) {
            this.code = code;
        }

        /** The error code a refusal for this reason carries. */
        public ErrorCode code() {
            return code;
        }
    }

    private final Reason reason;

    ReleaseRefusedException(Reason reason, String message) {
        super(reason.code(), message);
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

package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * The audit ledger is missing, is not a ledger, or is in a state only a hand edit can cause (say two head rows).
 * The message says which, and how to find and undo the change. A missing ledger or a table that is not one is
 * {@link ErrorCode#BAD_CONFIG} (the configuration points elsewhere); a hand-edited one {@link
 * ErrorCode#AUDIT_CHAIN_BROKEN}.
 */
public final class AuditLedgerException extends BlueGreenException {
    private final String location;

    AuditLedgerException(ErrorCode code, String message, String location) {
        super(code, message);
        this.location = location;
    }

    /** The ledger's location. */
    public String location() {
        return location;
    }
}

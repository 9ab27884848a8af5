package com.retailer.bluegreen.publish;

/**
 * The audit ledger is missing, is not a ledger, or is in a state only a hand edit can cause (say two head rows).
 * The message says which, and how to find and undo the change.
 */
public final class AuditLedgerException extends RuntimeException {
    private final String location;

    AuditLedgerException(String message, String location) {
        super(message);
        this.location = location;
    }

    /** The ledger's location. */
    public String location() {
        return location;
    }
}

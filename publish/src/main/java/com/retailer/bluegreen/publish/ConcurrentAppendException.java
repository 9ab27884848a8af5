package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * Another append took the sequence number this append was writing, so this one was refused: the chain stays
 * linear and nothing of this append was written. The caller should re-read the release state (the winning append
 * may have changed it, say an emergency rollback) and retry the action only if it still applies; the ledger never
 * retries on its own, because the record describes a decision taken on the state the caller saw.
 *
 * <p>The cause is Delta's own conflict exception when Delta's optimistic concurrency check caught the race at
 * commit; there is no cause when the other append had committed before this one's commit started, and Delta
 * skipped this one.
 */
public final class ConcurrentAppendException extends BlueGreenException {
    private final String location;
    private final long sequence;

    ConcurrentAppendException(String message, String location, long sequence, Throwable cause) {
        super(ErrorCode.FAILED, message, cause);
        this.location = location;
        this.sequence = sequence;
    }

    /** The ledger's location. */
    public String location() {
        return location;
    }

    /** The sequence number this append tried to write and another append wrote first. */
    public long sequence() {
        return sequence;
    }
}

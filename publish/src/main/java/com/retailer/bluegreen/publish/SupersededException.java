package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * A reconcile stopped because the control table's epoch moved on while it ran (say a rollback was issued mid
 * promotion): the newer desired state wins. Views already switched by the stopped reconcile stay where they are
 * until the newer state is reconciled; reconcile {@link ControlTable#desired()} to converge.
 */
public final class SupersededException extends BlueGreenException {
    private final long epoch;
    private final long currentEpoch;

    SupersededException(String message, long epoch, long currentEpoch) {
        super(ErrorCode.SUPERSEDED, message);
        this.epoch = epoch;
        this.currentEpoch = currentEpoch;
    }

    /** The epoch the stopped reconcile was applying. */
    public long epoch() {
        return epoch;
    }

    /** The epoch found in the control table. */
    public long currentEpoch() {
        return currentEpoch;
    }
}

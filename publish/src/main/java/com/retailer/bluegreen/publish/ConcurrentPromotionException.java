package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * A proposal to the control table was refused because the epoch it was based on is no longer current: another
 * promotion or rollback committed first. Nothing was changed. Re-read the desired state and decide again.
 */
public final class ConcurrentPromotionException extends BlueGreenException {
    private final long expectedEpoch;

    ConcurrentPromotionException(String message, long expectedEpoch, Throwable cause) {
        super(ErrorCode.LOST_RACE, message, cause);
        this.expectedEpoch = expectedEpoch;
    }

    /** The epoch the refused proposal expected to be current. */
    public long expectedEpoch() {
        return expectedEpoch;
    }
}

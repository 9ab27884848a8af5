package com.retailer.bluegreen.transforms;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/** A {@code fail} data-quality expectation failed for some record of a batch; nothing of the batch was written. */
public final class ExpectationFailedException extends BlueGreenException {
    public ExpectationFailedException(String message) {
        super(ErrorCode.EXPECTATION_FAILED, message);
    }
}

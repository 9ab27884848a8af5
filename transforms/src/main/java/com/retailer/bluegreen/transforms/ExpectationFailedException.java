package com.retailer.bluegreen.transforms;

/** A {@code fail} data-quality expectation failed for some record of a batch; nothing of the batch was written. */
public final class ExpectationFailedException extends IllegalStateException {
    public ExpectationFailedException(String message) {
        super(message);
    }
}

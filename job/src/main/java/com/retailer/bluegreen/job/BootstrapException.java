package com.retailer.bluegreen.job;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/** A bootstrap refused before writing anything it could not undo: the message says why and what to do. */
public final class BootstrapException extends BlueGreenException {
    public BootstrapException(String message) {
        super(ErrorCode.BOOTSTRAP_REFUSED, message);
    }
}

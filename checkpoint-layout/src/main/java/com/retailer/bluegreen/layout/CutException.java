package com.retailer.bluegreen.layout;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * A consistent cut cannot be taken, read or used: the colour's checkpoints or Delta logs do not define one safely
 * (no Gold batch at a version boundary, a batch or log file that is no longer there, tables that do not match the
 * checkpoints). The message says what is wrong, why the cut cannot be defined, and what to do.
 */
public final class CutException extends BlueGreenException {

    CutException(String message) {
        super(ErrorCode.BOOTSTRAP_REFUSED, message);
    }

    CutException(String message, Throwable cause) {
        super(ErrorCode.BOOTSTRAP_REFUSED, message, cause);
    }
}

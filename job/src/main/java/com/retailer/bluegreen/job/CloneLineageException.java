package com.retailer.bluegreen.job;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/** A maintenance operation refused because it would delete a file a live shallow clone still reads. */
public final class CloneLineageException extends BlueGreenException {
    public CloneLineageException(String message) {
        super(ErrorCode.VACUUM_REFUSED, message);
    }
}

package com.retailer.bluegreen.layout;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;


/** A file in a checkpoint (or an owner marker) that cannot be read as the format we expect. */
public final class CheckpointFormatException extends BlueGreenException {

    private final String file;

    CheckpointFormatException(String message, String file, Throwable cause) {
        super(ErrorCode.FAILED, message, cause);
        this.file = file;
    }

    /** The offending file. */
    public String file() {
        return file;
    }
}

package com.retailer.bluegreen.layout;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

import java.nio.file.Path;

/** A file in a checkpoint (or an owner marker) that cannot be read as the format we expect. */
public final class CheckpointFormatException extends BlueGreenException {

    private final transient Path file;

    CheckpointFormatException(String message, Path file, Throwable cause) {
        super(ErrorCode.FAILED, message, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}

package com.retailer.bluegreen.layout;

import java.nio.file.Path;

/** A file in a checkpoint (or an owner marker) that cannot be read as the format we expect. */
public final class CheckpointFormatException extends RuntimeException {

    private final transient Path file;

    CheckpointFormatException(String message, Path file, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}

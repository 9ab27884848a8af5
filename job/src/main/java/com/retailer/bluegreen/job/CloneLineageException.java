package com.retailer.bluegreen.job;

/** A maintenance operation refused because it would delete a file a live shallow clone still reads. */
public final class CloneLineageException extends RuntimeException {
    public CloneLineageException(String message) {
        super(message);
    }
}

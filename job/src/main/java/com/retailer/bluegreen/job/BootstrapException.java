package com.retailer.bluegreen.job;

/** A bootstrap refused before writing anything it could not undo: the message says why and what to do. */
public final class BootstrapException extends RuntimeException {
    public BootstrapException(String message) {
        super(message);
    }
}

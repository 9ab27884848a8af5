package com.retailer.bluegreen.ingest;

/**
 * The registry could not answer (unreachable, timed out, 5xx). Transient: the micro-batch fails and Spark retries
 * it from the checkpoint; the record is never quarantined for this.
 */
public class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.retailer.bluegreen.ingest;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * The registry could not answer (unreachable, timed out, 5xx). Transient: the micro-batch fails and Spark retries
 * it from the checkpoint; the record is never quarantined for this.
 */
public class RegistryUnavailableException extends BlueGreenException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(ErrorCode.FAILED, message, cause);
    }
}

package com.retailer.bluegreen.transforms;

/**
 * A colour generation's existing tables were created for other transform {@link Features} than it is now configured
 * with. Nothing was written.
 */
public final class FeatureMismatchException extends IllegalStateException {
    public FeatureMismatchException(String message) {
        super(message);
    }
}

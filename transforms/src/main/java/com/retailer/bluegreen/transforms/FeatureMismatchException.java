package com.retailer.bluegreen.transforms;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * A colour generation's existing tables were created for other transform {@link Features} than it is now configured
 * with. Nothing was written.
 */
public final class FeatureMismatchException extends BlueGreenException {
    public FeatureMismatchException(String message) {
        super(ErrorCode.BAD_CONFIG, message);
    }
}

package com.retailer.bluegreen.transforms;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/** A colour refused to write into a catalog schema that another pipeline or colour owns. */
public final class SchemaOwnershipException extends BlueGreenException {
    public SchemaOwnershipException(String message) {
        super(ErrorCode.NOT_OWNER, message);
    }
}

package com.retailer.bluegreen.transforms;

/** A colour refused to write into a catalog schema that another pipeline or colour owns. */
public final class SchemaOwnershipException extends RuntimeException {
    public SchemaOwnershipException(String message) {
        super(message);
    }
}

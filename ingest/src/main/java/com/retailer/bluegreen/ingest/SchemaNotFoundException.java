package com.retailer.bluegreen.ingest;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/** The registry definitively does not know a schema id (Confluent error 40403). */
public class SchemaNotFoundException extends BlueGreenException {
    private final int schemaId;

    public SchemaNotFoundException(int schemaId, String message) {
        super(ErrorCode.FAILED, message);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}

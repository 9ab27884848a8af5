package com.retailer.bluegreen.ingest;

/** The registry definitively does not know a schema id (Confluent error 40403). */
public class SchemaNotFoundException extends Exception {
    private final int schemaId;

    public SchemaNotFoundException(int schemaId, String message) {
        super(message);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}

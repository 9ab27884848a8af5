package com.retailer.bluegreen.ingest;

/**
 * Bronze {@code decode_status}: the outcome of decoding one Kafka record value. The constants are declared in the
 * order {@link RecordDecoder} checks them (docs/semantics.md, "Decode status"); the first that applies wins.
 * Every status but {@link #OK} puts the record in quarantine.
 */
public enum DecodeStatus {
    /** The value is null or zero bytes. */
    NULL_VALUE,
    /** Fewer than 5 bytes, or byte 0 is not the magic byte 0. */
    BAD_MAGIC,
    /** The registry answered "schema not found" for the id in the header. */
    UNKNOWN_SCHEMA,
    /** The body does not decode with the writer schema, or bytes are left over after the record. */
    MALFORMED,
    /** Decoded, but a blocking rule failed. */
    RULE_VIOLATION,
    /** Decoded and passed every blocking rule. */
    OK
}

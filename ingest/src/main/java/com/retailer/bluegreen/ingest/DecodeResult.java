package com.retailer.bluegreen.ingest;

import java.util.Objects;
import org.apache.avro.generic.GenericRecord;

/**
 * The decoded form of one Kafka record value: what Bronze stores as {@code decode_status}, {@code reason},
 * {@code schema_id} and {@code payload}.
 *
 * @param status   the first status of docs/semantics.md that applies
 * @param reason   null for {@link DecodeStatus#OK}; otherwise why the record is quarantined
 *                 ({@code rule:<name>} for {@link DecodeStatus#RULE_VIOLATION})
 * @param schemaId the id from the header; null when the header did not parse
 * @param record   the record resolved to the pipeline's reader schema (strings are Avro {@code Utf8}, read them as
 *                 {@link CharSequence}); non-null exactly for {@link DecodeStatus#OK} and
 *                 {@link DecodeStatus#RULE_VIOLATION}
 */
public record DecodeResult(DecodeStatus status, String reason, Integer schemaId, GenericRecord record) {

    public DecodeResult {
        Objects.requireNonNull(status, "status");
        if ((status == DecodeStatus.OK) != (reason == null)) {
            throw new IllegalArgumentException("reason must be null exactly when status is OK; got status "
                    + status + " with reason " + reason);
        }
        boolean hasRecord = status == DecodeStatus.OK || status == DecodeStatus.RULE_VIOLATION;
        if (hasRecord != (record != null)) {
            throw new IllegalArgumentException("record must be present exactly for OK and RULE_VIOLATION; got status "
                    + status + (record == null ? " without" : " with") + " a record");
        }
        boolean hasId = status != DecodeStatus.NULL_VALUE && status != DecodeStatus.BAD_MAGIC;
        if (hasId != (schemaId != null)) {
            throw new IllegalArgumentException("schemaId must be present exactly when the header parsed; got status "
                    + status + " with schemaId " + schemaId);
        }
    }

    static DecodeResult ok(int schemaId, GenericRecord record) {
        return new DecodeResult(DecodeStatus.OK, null, schemaId, record);
    }

    static DecodeResult nullValue() {
        return new DecodeResult(DecodeStatus.NULL_VALUE, "null value", null, null);
    }

    static DecodeResult badMagic(String reason) {
        return new DecodeResult(DecodeStatus.BAD_MAGIC, reason, null, null);
    }

    static DecodeResult unknownSchema(int schemaId, String reason) {
        return new DecodeResult(DecodeStatus.UNKNOWN_SCHEMA, reason, schemaId, null);
    }

    static DecodeResult malformed(int schemaId, String reason) {
        return new DecodeResult(DecodeStatus.MALFORMED, reason, schemaId, null);
    }

    static DecodeResult ruleViolation(int schemaId, String ruleName, GenericRecord record) {
        return new DecodeResult(DecodeStatus.RULE_VIOLATION, "rule:" + ruleName, schemaId, record);
    }

    /** True when the record goes on to Silver. */
    public boolean isOk() {
        return status == DecodeStatus.OK;
    }
}

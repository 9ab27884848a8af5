package com.retailer.bluegreen.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The Confluent wire format of a Kafka record value: byte 0 is the magic byte {@code 0x00}, bytes 1–4 the schema id
 * (big-endian), then the Avro binary body written with the schema that id names.
 */
public final class WireFormat {
    /** The only magic byte this format defines. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus the 4-byte schema id. */
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Frames an Avro body: magic byte, big-endian {@code schemaId}, then {@code avroBody}. */
    public static byte[] encode(int schemaId, byte[] avroBody) {
        Objects.requireNonNull(avroBody, "avroBody");
        return ByteBuffer.allocate(HEADER_LENGTH + avroBody.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(avroBody)
                .array();
    }

    /** The full wire value of {@code record}: its Avro binary body, written with its own schema, framed with {@code schemaId}. */
    public static byte[] encode(int schemaId, GenericRecord record) {
        return encode(schemaId, body(record));
    }

    /** The Avro binary body of {@code record}, written with the record's own (writer) schema. */
    public static byte[] body(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an Avro body of " + record.getSchema().getFullName(), e);
        }
        return out.toByteArray();
    }

    /**
     * Reads the header of a framed value. Never throws for bad input: a value too short to hold a header, or with a
     * magic byte other than 0, comes back as {@link Header.Invalid} naming the length or the byte.
     *
     * @param value a non-null record value
     */
    public static Header parseHeader(byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length < HEADER_LENGTH) {
            return new Header.Invalid("value is " + value.length + " byte(s) long, shorter than the "
                    + HEADER_LENGTH + "-byte Confluent header (magic byte + schema id)");
        }
        if (value[0] != MAGIC_BYTE) {
            return new Header.Invalid(String.format(
                    "magic byte is 0x%02x, expected 0x00 (not Confluent wire format)", value[0] & 0xff));
        }
        return new Header.Valid(ByteBuffer.wrap(value, 1, 4).getInt(), HEADER_LENGTH, value.length - HEADER_LENGTH);
    }

    /** The outcome of {@link #parseHeader(byte[])}. */
    public sealed interface Header {
        /** A well-formed header; the Avro body is {@code value[bodyOffset, bodyOffset + bodyLength)}. */
        record Valid(int schemaId, int bodyOffset, int bodyLength) implements Header {
        }

        /** Not Confluent wire format; {@code reason} names the offending byte or length. */
        record Invalid(String reason) implements Header {
        }
    }
}

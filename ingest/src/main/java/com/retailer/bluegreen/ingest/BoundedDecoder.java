package com.retailer.bluegreen.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A {@link Decoder} over an in-memory Avro body that rejects a string or bytes length longer than what is left of
 * the body before allocating for it.
 *
 * <p>Why: Avro's {@link BinaryDecoder} allocates the length it reads first, so one corrupt varint (say 10^9) costs a
 * gigabyte and can kill an executor with {@link OutOfMemoryError}; the batch is retried, hits the same record and
 * dies again. Here the record fails as {@code MALFORMED} and is quarantined instead. Block counts of arrays and maps
 * are left to Avro's own limits; the pipeline's schemas have neither.
 */
final class BoundedDecoder extends Decoder {
    private final BinaryDecoder in;

    BoundedDecoder(BinaryDecoder in) {
        this.in = in;
    }

    /** Bytes not yet read from the body. */
    int remaining() throws IOException {
        return in.inputStream().available();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checkedLength("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        if (length > 0) {
            in.readFixed(result.getBytes(), 0, length);
        }
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checkedLength("bytes");
        byte[] bytes = new byte[length];
        in.readFixed(bytes, 0, length);
        return ByteBuffer.wrap(bytes);
    }

    private int checkedLength(String what) throws IOException {
        long length = in.readLong();
        if (length < 0) {
            throw new AvroRuntimeException("Malformed data. Length is negative: " + length);
        }
        int remaining = remaining();
        if (length > remaining) {
            throw new AvroRuntimeException("Malformed data. " + what + " length " + length + " is longer than the "
                    + remaining + " byte(s) left in the body (truncated or corrupt value)");
        }
        return (int) length;
    }

    // Everything else is read exactly as BinaryDecoder reads it.

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return in.readArrayStart();
    }

    @Override
    public long arrayNext() throws IOException {
        return in.arrayNext();
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long readMapStart() throws IOException {
        return in.readMapStart();
    }

    @Override
    public long mapNext() throws IOException {
        return in.mapNext();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}

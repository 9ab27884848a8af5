package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.ingest.SchemaNotFoundException;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Test-only decoding of wire values straight with Avro (not the pipeline's decoder), to check that what the
 * generator wrote is what its expectations claim.
 */
final class AvroProbe {
    /** The header-and-body status of a value, and the reader-resolved record when it decoded. */
    record Probe(String status, GenericRecord record) {
    }

    private AvroProbe() {
    }

    static Probe probe(byte[] value, SchemaRegistry registry, Schema reader) {
        if (value == null || value.length == 0) {
            return new Probe("NULL_VALUE", null);
        }
        if (value.length < 5 || value[0] != 0) {
            return new Probe("BAD_MAGIC", null);
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaNotFoundException e) {
            return new Probe("UNKNOWN_SCHEMA", null);
        }
        byte[] body = Arrays.copyOfRange(value, 5, value.length);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, null);
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(writer, reader == null ? writer : reader)
                    .read(null, decoder);
            return decoder.isEnd() ? new Probe("DECODED", record) : new Probe("MALFORMED", null);
        } catch (IOException | RuntimeException e) {
            return new Probe("MALFORMED", null);
        }
    }
}

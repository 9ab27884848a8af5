package com.retailer.bluegreen.ingest;

import com.retailer.bluegreen.layout.Domain;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Turns one Kafka record value of a domain into a {@link DecodeResult}, following the decode-status table of
 * docs/semantics.md exactly, in its order: {@code NULL_VALUE}, {@code BAD_MAGIC}, {@code UNKNOWN_SCHEMA},
 * {@code MALFORMED}, {@code RULE_VIOLATION}, {@code OK}.
 *
 * <p>Bodies are read with the writer schema the header's id names and resolved to the domain's reader schema
 * ({@link ReaderSchemas#forDomain(Domain)}), so orders v1 records come out with {@code currency = "USD"} and
 * {@code channel = "unknown"}.
 *
 * <p>A {@link RegistryUnavailableException} from the registry is never turned into a status: it propagates out of
 * {@link #decode(byte[])} so the batch fails and is retried.
 *
 * <p>Thread-safe: one instance may be shared by every task of an executor. Writer schemas and their datum readers
 * are cached per schema id for the life of the instance (ids are immutable).
 */
public final class RecordDecoder {
    private final Domain domain;
    private final SchemaRegistry registry;
    private final Schema readerSchema;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readersById = new ConcurrentHashMap<>();

    public RecordDecoder(Domain domain, SchemaRegistry registry) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.readerSchema = ReaderSchemas.forDomain(domain);
    }

    public Domain domain() {
        return domain;
    }

    /**
     * Decodes one record value.
     *
     * @param value the Kafka record value; may be null
     * @throws RegistryUnavailableException if the registry cannot be asked about the header's schema id
     */
    public DecodeResult decode(byte[] value) {
        if (value == null || value.length == 0) {
            return DecodeResult.nullValue();
        }
        WireFormat.Header header = WireFormat.parseHeader(value);
        if (header instanceof WireFormat.Header.Invalid invalid) {
            return DecodeResult.badMagic(invalid.reason());
        }
        WireFormat.Header.Valid framed = (WireFormat.Header.Valid) header;
        int schemaId = framed.schemaId();

        GenericDatumReader<GenericRecord> reader;
        try {
            reader = readerFor(schemaId);
        } catch (SchemaNotFoundException e) {
            return DecodeResult.unknownSchema(schemaId, "schema id " + schemaId + " not found in the registry ("
                    + e.getMessage() + ")");
        }

        GenericRecord record;
        try {
            record = readBody(reader, value, framed);
        } catch (MalformedBodyException e) {
            return DecodeResult.malformed(schemaId, e.getMessage());
        }

        Optional<String> violated = BlockingRules.firstViolation(domain, record);
        return violated.isPresent()
                ? DecodeResult.ruleViolation(schemaId, violated.get(), record)
                : DecodeResult.ok(schemaId, record);
    }

    private GenericDatumReader<GenericRecord> readerFor(int schemaId) throws SchemaNotFoundException {
        GenericDatumReader<GenericRecord> cached = readersById.get(schemaId);
        if (cached != null) {
            return cached;
        }
        // Outside computeIfAbsent: the lookup throws a checked exception and may block on HTTP. Two threads missing
        // at once both build a reader; both are equivalent and one wins.
        Schema writerSchema = registry.schemaById(schemaId);
        GenericDatumReader<GenericRecord> built = new GenericDatumReader<>(writerSchema, readerSchema);
        GenericDatumReader<GenericRecord> raced = readersById.putIfAbsent(schemaId, built);
        return raced != null ? raced : built;
    }

    private static GenericRecord readBody(GenericDatumReader<GenericRecord> reader, byte[] value,
                                          WireFormat.Header.Valid framed) throws MalformedBodyException {
        BoundedDecoder decoder = new BoundedDecoder(DecoderFactory.get()
                .binaryDecoder(value, framed.bodyOffset(), framed.bodyLength(), null));
        GenericRecord record;
        int leftOver;
        try {
            record = reader.read(null, decoder);
            leftOver = decoder.remaining();
        } catch (EOFException e) {
            throw new MalformedBodyException("body ended before the record did (truncated value): " + describe(e));
        } catch (IOException | RuntimeException e) {
            // Corrupt bodies surface as many runtime types (AvroRuntimeException "Length is negative",
            // ArrayIndexOutOfBounds on a bad union branch, AvroTypeException, SystemLimitException...). The registry
            // is not called in here, so a RegistryUnavailableException cannot be swallowed.
            throw new MalformedBodyException(describe(e));
        }
        if (leftOver > 0) {
            throw new MalformedBodyException(leftOver + " byte(s) left over after the record (body is "
                    + framed.bodyLength() + " bytes); the value was written with a different schema or is corrupt");
        }
        return record;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // Avro's own messages stand alone; a bare JDK message ("Index 7 out of bounds for length 2") needs its type.
        return e instanceof AvroRuntimeException ? message : e.getClass().getSimpleName() + ": " + message;
    }

    /** Internal signal that the body does not decode; carries the reason Bronze stores. */
    private static final class MalformedBodyException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedBodyException(String message) {
            super(message, null, false, false);
        }
    }
}

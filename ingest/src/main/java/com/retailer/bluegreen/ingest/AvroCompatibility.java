package com.retailer.bluegreen.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Judges a new schema against a subject's earlier versions at a {@link CompatibilityLevel}, with Avro's own
 * reader/writer resolution rules ({@link SchemaCompatibility#checkReaderWriterCompatibility}), the way the Confluent
 * registry does: the latest version only, or every earlier version newest first for a {@code _TRANSITIVE} level,
 * stopping at the first version it breaks.
 *
 * <p>The messages follow the shape of Confluent's: one {@code {errorType:'...', description:'...',
 * additionalInfo:'<Avro's message>'}} per incompatibility, then {@code {oldSchemaVersion: N}},
 * {@code {oldSchema: '...'}} and {@code {validateFields: 'false', compatibility: 'LEVEL'}}.
 */
final class AvroCompatibility {

    /** An earlier, not soft-deleted version of the subject. */
    record Earlier(int version, Schema schema) {
    }

    private AvroCompatibility() {
    }

    /**
     * @param earlier the subject's earlier versions that count, oldest first
     * @return why {@code candidate} breaks {@code level}; empty if it does not
     */
    static List<String> problems(CompatibilityLevel level, Schema candidate, List<Earlier> earlier) {
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return List.of();
        }
        List<Earlier> against = new ArrayList<>(level.transitive() ? earlier : earlier.subList(earlier.size() - 1,
                earlier.size()));
        Collections.reverse(against);
        for (Earlier old : against) {
            List<String> messages = new ArrayList<>();
            if (level.earlierReadsNew()) {
                messages.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate)
                        .getResult().getIncompatibilities(), "old", "new"));
            }
            if (level.newReadsEarlier()) {
                messages.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema())
                        .getResult().getIncompatibilities(), "new", "old"));
            }
            if (!messages.isEmpty()) {
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema() + "'}");
                messages.add("{validateFields: 'false', compatibility: '" + level + "'}");
                return List.copyOf(messages);
            }
        }
        return List.of();
    }

    private static List<String> describe(List<Incompatibility> incompatibilities, String reader, String writer) {
        List<String> out = new ArrayList<>();
        for (Incompatibility i : incompatibilities) {
            out.add("{errorType:'" + i.getType() + "', description:'" + description(i, reader, writer)
                    + "', additionalInfo:'" + i.getMessage() + "'}");
        }
        return out;
    }

    private static String description(Incompatibility i, String reader, String writer) {
        String at = "path '" + i.getLocation() + "'";
        return switch (i.getType()) {
            case TYPE_MISMATCH -> "The type at " + at + " in the " + reader + " schema cannot read the type in the "
                    + writer + " schema";
            case NAME_MISMATCH -> "The name at " + at + " differs between the " + reader + " and the " + writer
                    + " schema";
            case FIXED_SIZE_MISMATCH -> "The size of the FIXED type at " + at + " differs between the " + reader
                    + " and the " + writer + " schema";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema lacks enum symbols '" + i.getMessage() + "' at "
                    + at + " that the " + writer + " schema has";
            case MISSING_UNION_BRANCH -> "The " + reader + " schema lacks a union branch at " + at + " that the "
                    + writer + " schema has";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + i.getMessage() + "' at " + at + " in the "
                    + reader + " schema has no default value and is missing in the " + writer + " schema";
            default -> i.getType() + " at " + at;
        };
    }
}

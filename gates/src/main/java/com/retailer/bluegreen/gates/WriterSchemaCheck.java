package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.ingest.ReaderSchemas;
import com.retailer.bluegreen.ingest.RegistryUnavailableException;
import com.retailer.bluegreen.ingest.SchemaNotFoundException;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.layout.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Checks every writer schema id a domain's records carry against the pipeline's reader schema for that domain, with
 * Avro's own reader/writer resolution rules. Every id present in retained Kafka and Bronze is checked, not only the
 * latest: a replay or a late producer may still send any of them.
 *
 * <p>The registry is asked only for the schemas behind the ids ({@code GET /schemas/ids/{id}}), not for its own
 * compatibility verdict ({@code POST /compatibility/...}): that judges a new schema against a subject's registered
 * versions at the subject's level, which vouches neither for ids written while the level was looser nor for the
 * pipeline's reader schema.
 */
public final class WriterSchemaCheck {

    private WriterSchemaCheck() {
    }

    /**
     * @param schemaIds per domain, the distinct schema ids found in its topic's retained records and its Bronze table
     * @param registry  where the ids are looked up
     * @throws RegistryUnavailableException if the registry cannot answer: the gate cannot be decided, so the caller
     *                                      reports an error and retries later (never a pass or a fail)
     */
    public static WriterSchemaFindings check(Map<Domain, Set<Integer>> schemaIds, SchemaRegistry registry) {
        List<WriterSchemaFindings.Finding> out = new ArrayList<>();
        schemaIds.forEach((domain, ids) -> {
            Schema reader = ReaderSchemas.forDomain(domain);
            for (int id : new TreeSet<>(ids)) {
                out.add(finding(domain, id, reader, registry));
            }
        });
        return new WriterSchemaFindings(out);
    }

    private static WriterSchemaFindings.Finding finding(Domain domain, int id, Schema reader, SchemaRegistry registry) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaNotFoundException unknown) {
            return new WriterSchemaFindings.Finding(domain, id,
                    WriterSchemaFindings.Compatibility.UNKNOWN_TO_REGISTRY, null);
        }
        SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return new WriterSchemaFindings.Finding(domain, id, WriterSchemaFindings.Compatibility.COMPATIBLE, null);
        }
        String reason = pair.getResult().getIncompatibilities().stream()
                .map(i -> where(reader, i.getLocation()) + i.getMessage() + " (at " + i.getLocation() + ")")
                .collect(Collectors.joining("; "));
        return new WriterSchemaFindings.Finding(domain, id, WriterSchemaFindings.Compatibility.INCOMPATIBLE,
                reason.isEmpty() ? pair.getDescription() : reason);
    }

    /**
     * The reader field an Avro incompatibility location ({@code /fields/3/type}, a JSON pointer into the reader
     * schema) points at, as {@code "field quantity_delta: "}; empty when it names no field.
     */
    static String where(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema at = reader;
        String[] tokens = location == null ? new String[0] : location.split("/");
        try {
            for (int i = 0; i < tokens.length; i++) {
                if (tokens[i].equals("fields") && i + 1 < tokens.length) {
                    Schema.Field field = at.getFields().get(Integer.parseInt(tokens[++i]));
                    names.add(field.name());
                    at = field.schema();
                } else if (tokens[i].equals("items")) {
                    at = at.getElementType();
                } else if (tokens[i].equals("values")) {
                    at = at.getValueType();
                } else if (tokens[i].matches("\\d+") && at.getType() == Schema.Type.UNION) {
                    at = at.getTypes().get(Integer.parseInt(tokens[i]));
                }
            }
        } catch (RuntimeException notThere) {
            // A location this walk does not understand: the raw pointer is still in the message.
        }
        return names.isEmpty() ? "" : "field " + String.join(".", names) + ": ";
    }
}

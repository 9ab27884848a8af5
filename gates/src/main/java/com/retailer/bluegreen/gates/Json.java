package com.retailer.bluegreen.gates;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The one JSON mapper of the gates. Evidence is the results' record components as Jackson writes them (in
 * declaration order, map entries sorted by key, instants as ISO-8601 text), so equal results give equal text.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }))
            .build();

    private Json() {
    }

    /** A result's evidence: its components without the verdict and failures, which the report carries itself. */
    static JsonNode evidence(GateResult result) {
        ObjectNode node = MAPPER.valueToTree(result);
        node.remove("verdict");
        node.remove("failures");
        return node;
    }

    /** The inverse of {@link #evidence}: a result of {@code type} from its verdict, failures and evidence. */
    static <T extends GateResult> T result(Class<T> type, Verdict verdict, List<String> failures, JsonNode evidence) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("verdict", verdict.name());
        ArrayNode list = node.putArray("failures");
        failures.forEach(list::add);
        node.setAll((ObjectNode) evidence.deepCopy());
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the evidence of a " + type.getSimpleName() + " does not read back: "
                    + e.getOriginalMessage() + "; was the report written by another version of the gates?", e);
        }
    }
}

package com.retailer.bluegreen.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Contract} as JSON, the form it takes in an audit record's {@code details}, so every record says exactly
 * which views and columns its epoch published:
 * {@code [{"view":…,"source":…,"columns":[{"name":…,"type":…}]}]}, in contract order. Plain Java.
 */
final class ContractJson {
    static final String FIELD = "contract";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractJson() {
    }

    static ArrayNode write(Contract contract) {
        ArrayNode views = JSON.createArrayNode();
        for (Contract.View v : contract.views().values()) {
            ArrayNode columns = views.addObject().put("view", v.name()).put("source", v.sourceTable())
                    .putArray("columns");
            v.columns().forEach(c -> columns.addObject().put("name", c.name()).put("type", c.type()));
        }
        return views;
    }

    /** The contract in a record's details, if it has one. */
    static Optional<Contract> fromDetails(String details) {
        if (details == null) {
            return Optional.empty();
        }
        try {
            JsonNode views = JSON.readTree(details).get(FIELD);
            return views == null || !views.isArray() || views.isEmpty() ? Optional.empty() : Optional.of(read(views));
        } catch (Exception e) {
            throw new IllegalStateException("An audit record's details hold a contract that cannot be read ("
                    + e.getMessage() + "); the record was written by another tool or edited. Run audit verify.", e);
        }
    }

    static Contract read(JsonNode views) {
        List<Contract.View> out = new ArrayList<>();
        for (JsonNode v : views) {
            List<Contract.Column> columns = new ArrayList<>();
            for (JsonNode c : v.get("columns")) {
                columns.add(new Contract.Column(c.get("name").asText(), c.get("type").asText()));
            }
            out.add(new Contract.View(v.get("view").asText(), v.get("source").asText(), columns));
        }
        return Contract.of(out);
    }
}

package com.retailer.bluegreen.publish;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the consumer contract from its file ({@code conf/contract.yaml}, pointed at by {@code publish.contract}):
 *
 * <pre>
 * views:
 *   daily_revenue:               # the view's name in the published schema
 *     source: daily_revenue      # the table it reads in each colour's schema
 *     description: Finance …     # optional, for people
 *     columns:                   # name: Spark SQL type, in the order the view exposes them
 *       order_date: DATE
 *       revenue_cents: BIGINT
 * </pre>
 *
 * Every problem is reported at once ({@link ContractFileException}): a view without a source or columns, a column
 * declared twice, a type Spark does not know (with the Spark spelling when the file uses another dialect's), a name
 * that is not a lower-case identifier, an unknown key. Plain Java; the file is read before any Spark session starts.
 */
public final class ContractFile {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,127}");
    private static final Set<String> VIEW_KEYS = Set.of("source", "description", "columns");

    private ContractFile() {
    }

    /**
     * The contract in the file at {@code path}.
     *
     * @param key the configuration key naming the file ({@code publish.contract}), quoted in errors
     * @throws ContractFileException if the file cannot be read or is not a valid contract
     */
    public static Contract load(Path path, String key) {
        String source = "'" + path + "' (" + key + ")";
        try {
            return parse(Files.readString(path), source);
        } catch (NoSuchFileException e) {
            throw PublishErrors.contractFile(source, List.of("the file does not exist (resolved against "
                    + Path.of("").toAbsolutePath() + "); set " + key + " to the path of the contract, such as"
                    + " conf/contract.yaml"));
        } catch (IOException e) {
            throw PublishErrors.contractFile(source, List.of("the file cannot be read: " + e));
        }
    }

    /** The contract in {@code yaml}; {@code source} says where it came from, in errors. */
    public static Contract parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            String why = e.getOriginalMessage().startsWith("Duplicate field")
                    ? e.getOriginalMessage() + ": a view, or a column of one view, is declared twice; declare each"
                    + " once" : "the YAML is malformed: " + e.getOriginalMessage();
            throw PublishErrors.contractFile(source, List.of(where + why));
        }
        List<String> problems = new ArrayList<>();
        JsonNode views = root == null ? null : root.get("views");
        if (root == null || !root.isObject() || views == null || !views.isObject() || views.isEmpty()) {
            throw PublishErrors.contractFile(source, List.of("expected a map 'views:' with at least one view, each"
                    + " with 'source:' and 'columns:'"));
        }
        fields(root).forEachRemaining(f -> {
            if (!f.getKey().equals("views")) {
                problems.add("unknown key '" + f.getKey() + "' at the top level: expected only 'views'");
            }
        });
        List<Contract.View> parsed = new ArrayList<>();
        fields(views).forEachRemaining(v -> {
            Contract.View view = view(v.getKey(), v.getValue(), problems);
            if (view != null) {
                parsed.add(view);
            }
        });
        if (!problems.isEmpty()) {
            throw PublishErrors.contractFile(source, problems);
        }
        return Contract.of(parsed);
    }

    /**
     * The file form of {@code contract}, which {@link #parse} reads back as an equal contract, after {@code header}
     * as YAML comment lines. Descriptions are not part of a {@link Contract}, so none are written.
     */
    public static String render(Contract contract, String header) {
        com.fasterxml.jackson.databind.node.ObjectNode root = YAML.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode views = root.putObject("views");
        contract.views().values().forEach(v -> {
            com.fasterxml.jackson.databind.node.ObjectNode view = views.putObject(v.name());
            view.put("source", v.sourceTable());
            com.fasterxml.jackson.databind.node.ObjectNode columns = view.putObject("columns");
            v.columns().forEach(c -> columns.put(c.name(), c.type()));
        });
        StringBuilder sb = new StringBuilder();
        header.lines().forEach(l -> sb.append("# ").append(l).append('\n'));
        try {
            return sb + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the contract as YAML", e);
        }
    }

    private static Contract.View view(String name, JsonNode node, List<String> problems) {
        int before = problems.size();
        identifier(problems, "view name '" + name + "'", name);
        if (!node.isObject()) {
            problems.add("view '" + name + "': expected a map with 'source:' and 'columns:'");
            return null;
        }
        fields(node).forEachRemaining(f -> {
            if (!VIEW_KEYS.contains(f.getKey())) {
                problems.add("view '" + name + "': unknown key '" + f.getKey() + "', expected source, columns or"
                        + " description");
            }
        });
        JsonNode source = node.get("source");
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            problems.add("view '" + name + "' has no source: name the table it reads in each colour's schema,"
                    + " e.g. 'source: " + name + "'");
        } else {
            identifier(problems, "view '" + name + "': source table '" + source.asText() + "'", source.asText());
        }
        List<Contract.Column> columns = columns(name, node.get("columns"), problems);
        if (problems.size() > before) {
            return null;
        }
        return new Contract.View(name, source.asText(), columns);
    }

    private static List<Contract.Column> columns(String view, JsonNode node, List<String> problems) {
        List<Contract.Column> out = new ArrayList<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            problems.add("view '" + view + "' has no columns: expected 'columns:' mapping each column name to its"
                    + " Spark SQL type, in the order the view exposes them");
            return out;
        }
        fields(node).forEachRemaining(c -> {
            String column = c.getKey();
            String what = "view '" + view + "': column '" + column + "'";
            identifier(problems, what, column);
            if (column.equals(Contract.RELEASE_ID)) {
                problems.add(what + " is added to every view by the publisher itself; remove it from the file");
                return;
            }
            JsonNode type = c.getValue();
            if (type == null || !type.isTextual() || type.asText().isBlank()) {
                problems.add(what + " has no type: expected " + KnownTypes.EXAMPLES);
                return;
            }
            String normalised = SqlTypes.normalise(type.asText());
            KnownTypes.problem(normalised).ifPresentOrElse(
                    p -> problems.add(what + " has unknown type '" + type.asText() + "': " + p),
                    () -> {
                        if (IDENTIFIER.matcher(column).matches()) {
                            out.add(new Contract.Column(column, normalised));
                        }
                    });
        });
        return out;
    }

    private static void identifier(List<String> problems, String what, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            problems.add(what + " is not a lower-case identifier (letters, digits or '_', not starting with a"
                    + " digit), so it cannot be used in SQL unquoted");
        }
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.fields();
    }
}

package com.retailer.bluegreen.publish;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The consumer contract: which views the publisher exposes in the published schema, the columns (name and Spark SQL
 * type, in order) each view promises, and the colour table each view reads. Plain Java, immutable.
 *
 * <p>The contract only grows ({@link #grow}): consumers may rely on every view and column it ever listed, so a
 * newer contract may add views and columns but never drop one or change a type. Every view additionally exposes
 * {@value #RELEASE_ID}, which the contract therefore may not declare itself.
 *
 * <p>Names are lower-case identifiers ({@code [a-z_][a-z0-9_]*}), so they are used in SQL unquoted. Types are
 * normalised to upper case with aliases resolved ({@code INTEGER} → {@code INT}, {@code LONG} → {@code BIGINT},
 * ...), so {@code "decimal(10, 2)"} and {@code "DECIMAL(10,2)"} are the same type.
 *
 * @param views the views by name, in declaration order
 */
public record Contract(Map<String, View> views) {
    /** The column every view adds after the contract's columns: the release the view serves. */
    public static final String RELEASE_ID = "release_id";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,127}");

    /** Validates the contract: at least one view, each map key equal to its view's name. */
    public Contract {
        if (views == null || views.isEmpty()) {
            throw PublishErrors.invalidContract("it has no views; a contract lists at least one published view");
        }
        Map<String, View> copy = new LinkedHashMap<>();
        views.forEach((name, view) -> {
            if (view == null || !view.name().equals(name)) {
                throw PublishErrors.invalidContract("view key '" + name + "' does not match its view's name");
            }
            copy.put(name, view);
        });
        views = Collections.unmodifiableMap(copy);
    }

    /** A contract of {@code views}, in the order given; duplicate view names are refused. */
    public static Contract of(List<View> views) {
        Map<String, View> byName = new LinkedHashMap<>();
        for (View v : views) {
            if (byName.put(v.name(), v) != null) {
                throw PublishErrors.invalidContract("view '" + v.name() + "' is declared twice");
            }
        }
        return new Contract(byName);
    }

    /** The view named {@code name}, if the contract has one. */
    public Optional<View> view(String name) {
        return Optional.ofNullable(views.get(name));
    }

    /**
     * Checks that {@code newer} only grows this contract and returns it: every view of this contract is still there,
     * with every column at the same type (new columns and new views may be added, in any position).
     *
     * @throws ContractException naming the first view or column that was dropped or changed type; the newer
     *                           contract must not be used
     */
    public Contract grow(Contract newer) {
        for (View old : views.values()) {
            View now = newer.views().get(old.name());
            if (now == null) {
                throw PublishErrors.viewDropped(old.name());
            }
            for (Column column : old.columns()) {
                Optional<Column> still = now.column(column.name());
                if (still.isEmpty()) {
                    throw PublishErrors.columnDropped(old.name(), column);
                }
                if (!still.get().type().equals(column.type())) {
                    throw PublishErrors.typeChanged(old.name(), column, still.get().type());
                }
            }
        }
        return newer;
    }

    /**
     * One published view: {@code <publishedSchema>.<name>} reads {@code <colourSchema>.<sourceTable>}.
     *
     * @param name        the view's name in the published schema
     * @param sourceTable the table in each colour's schema that the view reads
     * @param columns     the promised columns, in order (at least one; {@value #RELEASE_ID} is added by the publisher)
     */
    public record View(String name, String sourceTable, List<Column> columns) {
        public View {
            name = identifier("view name", name);
            sourceTable = identifier("source table of view '" + name + "'", sourceTable);
            if (columns == null || columns.isEmpty()) {
                throw PublishErrors.invalidContract("view '" + name + "' has no columns");
            }
            columns = List.copyOf(columns);
            Set<String> seen = new HashSet<>();
            for (Column c : columns) {
                if (!seen.add(c.name())) {
                    throw PublishErrors.invalidContract("view '" + name + "' declares column '" + c.name()
                            + "' twice");
                }
                if (c.name().equals(RELEASE_ID)) {
                    throw PublishErrors.invalidContract("view '" + name + "' declares '" + RELEASE_ID + "', which"
                            + " the publisher adds to every view itself; remove it from the contract");
                }
            }
        }

        /** Shorthand: {@code View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "BIGINT")}. */
        public static View of(String name, String sourceTable, String... columnNamesAndTypes) {
            if (columnNamesAndTypes.length % 2 != 0) {
                throw PublishErrors.invalidContract("view '" + name + "': columns must come as name, type pairs");
            }
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < columnNamesAndTypes.length; i += 2) {
                columns.add(new Column(columnNamesAndTypes[i], columnNamesAndTypes[i + 1]));
            }
            return new View(name, sourceTable, columns);
        }

        /** The column named {@code name}, if this view has one. */
        public Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /**
     * One promised column.
     *
     * @param name a lower-case identifier
     * @param type a Spark SQL type, e.g. {@code DATE}, {@code STRING}, {@code BIGINT}, {@code DECIMAL(18,2)};
     *             stored normalised ({@link SqlTypes#normalise})
     */
    public record Column(String name, String type) {
        public Column {
            name = identifier("column name", name);
            if (type == null || type.isBlank()) {
                throw PublishErrors.invalidContract("column '" + name + "' has no type");
            }
            type = SqlTypes.normalise(type);
        }
    }

    private static String identifier(String what, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw PublishErrors.invalidContract(what + " '" + value + "' is not a lower-case identifier"
                    + " (letters, digits or '_', not starting with a digit)");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}

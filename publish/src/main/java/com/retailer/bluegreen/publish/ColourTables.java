package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.ColourLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A colour's source tables as the contract sees them: whether each exists and satisfies the contract, the
 * {@code SELECT} each view would run on it, and the Delta version of each. Read-only; plain Java over the
 * {@link Catalog}.
 */
final class ColourTables {

    private ColourTables() {
    }

    /**
     * The {@code SELECT} of every view of {@code contract} on {@code layout}'s tables serving {@code releaseId}, in
     * contract order: exactly the text {@code ALTER VIEW} stores.
     *
     * @throws ContractViolationException if a source table is missing (all missing ones are named) or has a column
     *                                    of a type that does not widen to the contract's (the first such view)
     */
    static Map<String, String> selects(Catalog catalog, ColourLayout layout, Contract contract, String releaseId) {
        List<String> missing = new ArrayList<>();
        String firstMissingView = null;
        for (Contract.View v : contract.views().values()) {
            String table = layout.qualifiedTable(v.sourceTable());
            if (!catalog.tableExists(table)) {
                missing.add(table);
                firstMissingView = firstMissingView == null ? v.name() : firstMissingView;
            }
        }
        if (!missing.isEmpty()) {
            throw PublishErrors.colourNotReady(layout.colour(), firstMissingView, missing);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Contract.View v : contract.views().values()) {
            out.put(v.name(), ViewSql.select(contract, v.name(), layout, columns(catalog,
                    layout.qualifiedTable(v.sourceTable())), releaseId));
        }
        return out;
    }

    /** Source table → its current Delta version, for every distinct source table of {@code contract}. */
    static Map<String, Long> versions(Catalog catalog, ColourLayout layout, Contract contract) {
        Map<String, Long> out = new TreeMap<>();
        for (Contract.View v : contract.views().values()) {
            String table = layout.qualifiedTable(v.sourceTable());
            if (!out.containsKey(table) && catalog.tableExists(table)) {
                // A source that is not a Delta table (a view, say) has no version to record.
                catalog.version(table).ifPresent(version -> out.put(table, version));
            }
        }
        return out;
    }

    /** View → the qualified table it reads in {@code layout}'s colour. */
    static Map<String, String> sources(ColourLayout layout, Contract contract) {
        Map<String, String> out = new LinkedHashMap<>();
        contract.views().values().forEach(v -> out.put(v.name(), layout.qualifiedTable(v.sourceTable())));
        return out;
    }

    /** Column name (lower case) → Spark SQL type of table {@code name}, in table order. */
    static Map<String, String> columns(Catalog catalog, String name) {
        Map<String, String> columns = new LinkedHashMap<>();
        catalog.columns(name).forEach(c -> columns.put(c.name(), c.type()));
        return columns;
    }
}

package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.ColourLayout;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A colour's source tables as the contract sees them: whether each exists and satisfies the contract, the
 * {@code SELECT} each view would run on it, and the Delta version of each. Read-only.
 */
final class ColourTables {
    private static final Logger LOG = LoggerFactory.getLogger(ColourTables.class);

    private ColourTables() {
    }

    /**
     * The {@code SELECT} of every view of {@code contract} on {@code layout}'s tables serving {@code releaseId}, in
     * contract order: exactly the text {@code ALTER VIEW} stores.
     *
     * @throws ContractViolationException if a source table is missing (all missing ones are named) or has a column
     *                                    of a type that does not widen to the contract's (the first such view)
     */
    static Map<String, String> selects(SparkSession spark, ColourLayout layout, Contract contract, String releaseId) {
        List<String> missing = new ArrayList<>();
        String firstMissingView = null;
        for (Contract.View v : contract.views().values()) {
            String table = layout.qualifiedTable(v.sourceTable());
            if (!spark.catalog().tableExists(table)) {
                missing.add(table);
                firstMissingView = firstMissingView == null ? v.name() : firstMissingView;
            }
        }
        if (!missing.isEmpty()) {
            throw PublishErrors.colourNotReady(layout.colour(), firstMissingView, missing);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Contract.View v : contract.views().values()) {
            out.put(v.name(), ViewSql.select(contract, v.name(), layout, columns(spark, layout, v), releaseId));
        }
        return out;
    }

    /** Source table → its current Delta version, for every distinct source table of {@code contract}. */
    static Map<String, Long> versions(SparkSession spark, ColourLayout layout, Contract contract) {
        Map<String, Long> out = new TreeMap<>();
        for (Contract.View v : contract.views().values()) {
            String table = layout.qualifiedTable(v.sourceTable());
            if (!out.containsKey(table) && spark.catalog().tableExists(table)) {
                try {
                    out.put(table, DeltaTable.forName(spark, table).history(1).first().<Long>getAs("version"));
                } catch (Exception notDelta) {
                    // A source that is not a Delta table (a view, say) has no version to record.
                    LOG.warn("[{}] {} has no Delta version to record: {}", layout.jobName(), table,
                            notDelta.toString());
                }
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

    private static Map<String, String> columns(SparkSession spark, ColourLayout layout, Contract.View view) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (StructField f : spark.table(layout.qualifiedTable(view.sourceTable())).schema().fields()) {
            columns.put(f.name().toLowerCase(Locale.ROOT), f.dataType().sql());
        }
        return columns;
    }
}

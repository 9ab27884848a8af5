package com.retailer.bluegreen.gates;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The schema gate's finding ({@link SchemaGate}).
 *
 * @param columns       every contract column checked, with the types found in each colour
 * @param added         candidate columns beyond the contract, {@code table.column (TYPE)}: allowed, listed
 * @param missingTables source tables of the contract that the candidate does not have
 * @param writerSchemas every writer schema id checked against its domain's reader schema
 */
public record SchemaResult(Verdict verdict, List<String> failures, List<ColumnCheck> columns, List<String> added,
                           List<String> missingTables, List<WriterSchemaFindings.Finding> writerSchemas)
        implements GateResult {

    public SchemaResult {
        Objects.requireNonNull(verdict, "verdict");
        failures = List.copyOf(failures);
        columns = List.copyOf(columns);
        added = List.copyOf(added);
        missingTables = List.copyOf(missingTables);
        writerSchemas = List.copyOf(writerSchemas);
        Results.requireConsistent("schema", verdict, failures);
    }

    /**
     * One contract column as each colour has it.
     *
     * @param candidateType {@code null} when the candidate lacks the column
     * @param liveType      {@code null} when there is no live colour or it lacks the column
     * @param problems      what is wrong with it in the candidate; empty when it is fine
     */
    public record ColumnCheck(String view, String table, String column, String contractType, String candidateType,
                              Boolean candidateNullable, String liveType, Boolean liveNullable,
                              List<String> problems) {
        public ColumnCheck {
            problems = List.copyOf(problems);
        }
    }

    @Override
    public String gate() {
        return "schema";
    }

    @Override
    public String summary() {
        long bad = columns.stream().filter(c -> !c.problems().isEmpty()).count();
        long incompatible = writerSchemas.stream()
                .filter(f -> f.compatibility() == WriterSchemaFindings.Compatibility.INCOMPATIBLE).count();
        long unknown = writerSchemas.stream()
                .filter(f -> f.compatibility() == WriterSchemaFindings.Compatibility.UNKNOWN_TO_REGISTRY).count();
        return String.format(Locale.ROOT, "%d columns (%d failing, %d added), %d tables missing, %d writer schemas"
                + " (%d bad, %d unknown)", columns.size(), bad, added.size(), missingTables.size(),
                writerSchemas.size(), incompatible, unknown);
    }
}

package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.SqlTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schema gate: does the candidate colour still serve every contract column, typed so the publisher can cast it
 * without loss, and can its reader schemas read every Avro writer schema its records carry? Plain Java.
 *
 * <p>For each column of each contract view, in the view's source table of the candidate:
 * <ul>
 *   <li>missing: fails;</li>
 *   <li>its type {@code T} must equal, or safely widen, the contract's type and the live colour's type of the same
 *       column (if the live colour has it), by the publisher's rules ({@link SqlTypes#widensTo}: integral to wider
 *       integral, {@code FLOAT} to {@code DOUBLE}, decimal precision up with scale kept, integral to a decimal that
 *       holds it). A narrowing or a change of kind fails, naming both types;</li>
 *   <li>it must also be publishable as the contract's type, and a view casts to the contract type, so a candidate
 *       type <em>wider</em> than the contract's would be narrowed on the way out. That fails too, telling the author
 *       to widen the contract: a release that publishes a widened column as a new contract column (the contract only
 *       grows, so the old column cannot change type). Together the two rules mean a contract column keeps the
 *       contract's exact type; against the live colour a widening is fine (live may lag a contract widening);</li>
 *   <li>nullability must not tighten: a column the live colour lets be null must not be {@code NOT NULL} in the
 *       candidate, where rows the live colour accepts would fail to write.</li>
 * </ul>
 * Columns the candidate has beyond the contract are allowed and listed; a missing source table fails. Writer
 * schemas ({@link WriterSchemaCheck}) that the reader cannot resolve fail; ids unknown to the registry are counted
 * only (Bronze quarantines their records in every colour alike).
 */
public final class SchemaGate {

    private SchemaGate() {
    }

    /**
     * @param effectiveContract the contract the promotion would publish (the stored one grown by the file)
     * @param candidateTables   source table name → its columns, in the candidate colour's schema
     * @param liveTables        the same for the live colour; empty when there is none
     * @param avro              the writer-schema findings; {@link WriterSchemaFindings#none()} if not checked
     */
    public static SchemaResult evaluate(Colours colours, Contract effectiveContract,
                                        Map<String, List<TableColumn>> candidateTables,
                                        Map<String, List<TableColumn>> liveTables, WriterSchemaFindings avro) {
        Map<String, Map<String, TableColumn>> candidate = byName(candidateTables);
        Map<String, Map<String, TableColumn>> live = byName(liveTables);
        Set<String> failures = new LinkedHashSet<>();
        List<SchemaResult.ColumnCheck> checks = new ArrayList<>();
        List<String> missingTables = new ArrayList<>();
        Map<String, Set<String>> contractColumns = new HashMap<>();
        for (Contract.View view : effectiveContract.views().values()) {
            String table = view.sourceTable();
            Map<String, TableColumn> have = candidate.get(table);
            if (have == null) {
                if (!missingTables.contains(table)) {
                    missingTables.add(table);
                    failures.add(colours.candidateId() + " has no table " + table + " (read by view " + view.name()
                            + "): every source table of the contract must exist in the candidate before it is"
                            + " validated");
                }
                continue;
            }
            Map<String, TableColumn> liveColumns = live.getOrDefault(table, Map.of());
            for (Contract.Column c : view.columns()) {
                contractColumns.computeIfAbsent(table, t -> new HashSet<>()).add(c.name());
                SchemaResult.ColumnCheck check = check(colours, view.name(), table, c,
                        Optional.ofNullable(have.get(c.name())), Optional.ofNullable(liveColumns.get(c.name())));
                failures.addAll(check.problems());
                checks.add(check);
            }
        }
        List<String> added = new ArrayList<>();
        candidate.forEach((table, columns) -> {
            if (contractColumns.containsKey(table)) {
                columns.values().stream().filter(c -> !contractColumns.get(table).contains(c.name()))
                        .forEach(c -> added.add(table + "." + c.name() + " (" + SqlTypes.normalise(c.type()) + ")"));
            }
        });
        for (WriterSchemaFindings.Finding f : avro.findings()) {
            if (f.compatibility() == WriterSchemaFindings.Compatibility.INCOMPATIBLE) {
                failures.add(f.domain().id() + " writer schema id " + f.schemaId() + " cannot be read with the"
                        + " pipeline's reader schema: " + f.reason() + ". Records written with it would not decode in "
                        + colours.candidateId() + "; make the reader schema resolve it (add a default, keep the type)");
            }
        }
        List<String> all = List.copyOf(failures);
        return new SchemaResult(Results.verdictOf(all), all, checks, added.stream().sorted().toList(), missingTables,
                avro.findings());
    }

    private static SchemaResult.ColumnCheck check(Colours colours, String view, String table, Contract.Column c,
                                                  Optional<TableColumn> candidate, Optional<TableColumn> live) {
        String name = table + "." + c.name();
        String green = colours.candidateId();
        List<String> problems = new ArrayList<>();
        String liveType = live.map(l -> SqlTypes.normalise(l.type())).orElse(null);
        Boolean liveNullable = live.map(TableColumn::nullable).orElse(null);
        if (candidate.isEmpty()) {
            problems.add(green + " drops contract column " + name + " (" + c.type() + ")");
            return new SchemaResult.ColumnCheck(view, table, c.name(), c.type(), null, null, liveType, liveNullable,
                    problems);
        }
        String type = SqlTypes.normalise(candidate.get().type());
        if (!type.equals(c.type())) {
            if (SqlTypes.widensTo(c.type(), type)) {
                problems.add(name + ": contract says " + c.type() + ", " + green + " has " + type + ": widen the"
                        + " contract column (add a new column or a release with a widened contract)");
            } else {
                problems.add(green + " " + change(c.type(), type) + " contract column " + name + ": contract says "
                        + c.type() + ", " + green + " has " + type);
            }
        }
        if (liveType != null && !type.equals(liveType) && !SqlTypes.widensTo(liveType, type)) {
            problems.add(green + " " + change(liveType, type) + " " + name + " from " + liveType + " in "
                    + colours.liveId() + " to " + type);
        }
        if (Boolean.TRUE.equals(liveNullable) && !candidate.get().nullable()) {
            problems.add(green + " tightens " + name + " to NOT NULL while " + colours.liveId() + " allows nulls:"
                    + " rows " + colours.liveId() + " accepts would fail to write in " + green);
        }
        return new SchemaResult.ColumnCheck(view, table, c.name(), c.type(), type, candidate.get().nullable(),
                liveType, liveNullable, problems);
    }

    /** "narrows" when the candidate's type would widen back to the reference, otherwise a change of kind. */
    private static String change(String reference, String candidate) {
        return SqlTypes.widensTo(candidate, reference) ? "narrows" : "changes the type of";
    }

    private static Map<String, Map<String, TableColumn>> byName(Map<String, List<TableColumn>> tables) {
        Map<String, Map<String, TableColumn>> out = new TreeMap<>();
        tables.forEach((table, columns) -> {
            Map<String, TableColumn> byColumn = new LinkedHashMap<>();
            columns.forEach(c -> byColumn.put(c.name(), c));
            out.put(table.toLowerCase(Locale.ROOT), byColumn);
        });
        return out;
    }
}

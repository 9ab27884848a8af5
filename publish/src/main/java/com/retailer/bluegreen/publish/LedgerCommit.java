package com.retailer.bluegreen.publish;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One commit of the ledger's storage (or of its anchor) as its history records it: on Delta, one row of
 * {@code DESCRIBE HISTORY}. Plain values, so the core judges the history without Spark ({@link LedgerHistory}).
 *
 * @param version    the table version the commit produced (0 for the one that created the table)
 * @param at         when it was committed
 * @param operation  what it was, as the storage names it ({@code CREATE TABLE AS SELECT}, {@code MERGE},
 *                   {@code WRITE}, {@code DELETE}, {@code UPDATE}, {@code RESTORE}, {@code ADD COLUMNS}, …)
 * @param parameters the operation's parameters (for a {@code WRITE} its {@code mode}; for a {@code RESTORE} the
 *                   version restored), as text
 * @param metrics    the operation's metrics (for a {@code MERGE} the rows it inserted, updated and deleted), as text
 * @param user       who committed it, where the storage records it (Databricks does; open-source Delta does not);
 *                   null when unknown
 */
public record LedgerCommit(long version, Instant at, String operation, Map<String, String> parameters,
                           Map<String, String> metrics, String user) {

    public LedgerCommit {
        operation = operation == null ? "" : operation;
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** The metric {@code name} as a number, if the commit has it and it is one. */
    public Optional<Long> metric(String name) {
        String value = metrics.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The parameter {@code name}, if the commit has it. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** {@code version N, OPERATION at T[ by user]}, for messages. */
    public String describe() {
        return "version " + version + ", " + operation + " at " + at + (user == null ? "" : " by " + user);
    }
}

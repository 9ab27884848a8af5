package com.retailer.bluegreen.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One data-quality expectation declared in configuration ({@code quality.expectations.<table>.<name>:
 * "<action>: <SQL boolean expression>"}), evaluated by the pipeline on every record of every batch, as the row it
 * would contribute to the Silver table. A record passes when the expression is true; false or NULL fails it.
 *
 * @param table  the Silver table: orders, inventory_movements or shipments
 * @param name   a lower-case identifier, unique per table
 * @param action what a failing record does
 * @param sql    the boolean expression over the table's columns, e.g. {@code status IN ('PICKED', 'PACKED')}
 */
public record Expectation(String table, String name, Action action, String sql) {

    /** What happens to a record that fails the expectation. */
    public enum Action {
        /** Counted; the record goes on to Silver. */
        WARN,
        /** Counted; the record stays in Bronze (status OK) but is kept out of Silver. */
        DROP,
        /** Counted; the record is kept out of Silver and shows in the quarantine view with the expectation's name. */
        QUARANTINE,
        /** The whole batch fails before anything is written; the job stops. */
        FAIL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Expectation {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(sql, "sql");
    }

    /** As configured: {@code <action>: <sql>}. */
    @Override
    public String toString() {
        return action.id() + ": " + sql;
    }

    /** {@code <table>.<name>}, as metrics and gate reports name it. */
    public String qualifiedName() {
        return table + "." + name;
    }

    /** Parses {@code "<action>: <sql>"}; throws {@link Parsers.Invalid} naming what it expected. */
    static Expectation parse(String table, String name, String text) {
        int colon = text.indexOf(':');
        String expectation = "expected '<action>: <SQL boolean expression>' with action warn, drop, quarantine or"
                + " fail, such as \"quarantine: status IN ('PICKED', 'PACKED', 'SHIPPED', 'DELIVERED')\"";
        if (colon <= 0) {
            throw new Parsers.Invalid(expectation);
        }
        String action = text.substring(0, colon).trim().toUpperCase(Locale.ROOT);
        String sql = text.substring(colon + 1).trim();
        Action a;
        try {
            a = Action.valueOf(action);
        } catch (IllegalArgumentException e) {
            throw new Parsers.Invalid(expectation);
        }
        if (sql.isEmpty()) {
            throw new Parsers.Invalid(expectation);
        }
        return new Expectation(table, name, a, sql);
    }
}

package com.retailer.bluegreen.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Judges the commit history of the ledger's storage and of its anchor: which commits the ledger makes itself, and
 * which were made around it. Plain Java over {@link LedgerCommit}s, so the same rules hold for Delta and for the
 * in-memory stores.
 *
 * <p>The ledger's own commits: version 0 creates it ({@value #CREATE_LEDGER}, with its genesis head); every later
 * commit is one append, a {@value #MERGE} that inserted exactly one record and updated exactly one row (the head),
 * deleting none; a MERGE that changed nothing is harmless (an append that lost a race can commit one). The anchor's:
 * version 0 creates it ({@value #CREATE_ANCHOR}) and every later commit is a {@value #WRITE} in mode
 * {@code Append}. Both may also be compacted ({@value #OPTIMIZE}, which never changes data) and vacuumed
 * ({@code VACUUM START}/{@code END}) with at least their retention. Anything else (DELETE, UPDATE, RESTORE, an
 * overwrite, a schema or property change, a MERGE of another shape) is reported with its version, operation and time.
 * A history that no longer begins at version 0, or has a gap, is reported too: what it no longer shows cannot be
 * judged. When every commit is the ledger's own, the number of appends must equal the number of records.
 */
final class LedgerHistory {
    static final String CREATE_LEDGER = "CREATE TABLE AS SELECT";
    static final String CREATE_ANCHOR = "CREATE TABLE";
    static final String MERGE = "MERGE";
    static final String WRITE = "WRITE";
    static final String OPTIMIZE = "OPTIMIZE";
    static final String VACUUM_START = "VACUUM START";
    static final String VACUUM_END = "VACUUM END";
    /** The MERGE metrics an append is judged by (Delta's names). */
    static final String INSERTED = "numTargetRowsInserted";
    static final String UPDATED = "numTargetRowsUpdated";
    static final String DELETED = "numTargetRowsDeleted";

    private static final String LEDGER_WRITES = "the ledger only ever commits its creation (version 0, "
            + CREATE_LEDGER + ") and one MERGE per append (one record inserted, the head row updated)";
    private static final String ANCHOR_WRITES = "the anchor only ever commits its creation (version 0, "
            + CREATE_ANCHOR + ") and appends (" + WRITE + ", mode Append)";

    private LedgerHistory() {
    }

    /**
     * The problems in the ledger's history; {@code records} is how many records the ledger holds (every append
     * added one).
     */
    static List<AuditProblem> judgeLedger(String location, List<LedgerCommit> history, long records) {
        return judge(location, history, records, true);
    }

    /** The problems in the anchor's history; {@code entries} is how many entries the anchor holds. */
    static List<AuditProblem> judgeAnchor(String location, List<LedgerCommit> history, long entries) {
        return judge(location, history, entries, false);
    }

    private static List<AuditProblem> judge(String location, List<LedgerCommit> unsorted, long rows, boolean ledger) {
        List<AuditProblem> out = new ArrayList<>();
        String what = ledger ? "ledger" : "anchor";
        if (unsorted.isEmpty()) {
            out.add(AuditProblem.history(location, "the " + what + " has no history at all, so none of its commits"
                    + " can be shown to be its own"));
            return out;
        }
        List<LedgerCommit> history = unsorted.stream().sorted(Comparator.comparingLong(LedgerCommit::version))
                .toList();
        LedgerCommit first = history.get(0);
        boolean complete = first.version() == 0;
        if (!complete) {
            out.add(AuditProblem.history(location, "the history begins at version " + first.version() + " ("
                    + first.at() + "), not at the " + what + "'s creation: the commits before it are no longer in"
                    + " the log (removed after delta.logRetentionDuration, 7 years here, or by hand), so they can"
                    + " no longer be shown to be the " + what + "'s own"));
        }
        long added = 0;
        long expected = first.version();
        for (LedgerCommit c : history) {
            if (c.version() != expected) {
                complete = false;
                out.add(AuditProblem.history(location, "the history has no commit for version"
                        + (c.version() - expected == 1 ? " " + expected : "s " + expected + " to "
                        + (c.version() - 1)) + ": its log entries were removed by hand, so what they did cannot"
                        + " be judged"));
            }
            expected = c.version() + 1;
            Optional<String> foreign;
            if (c.version() == 0) {
                String create = ledger ? CREATE_LEDGER : CREATE_ANCHOR;
                foreign = c.operation().equals(create) ? Optional.empty()
                        : Optional.of("version 0 is not the " + what + "'s creation (" + create + ")");
                if (foreign.isEmpty() && !ledger && !appendOnlyAtCreation(c)) {
                    foreign = Optional.of("the anchor was created without delta.appendOnly = true, so it does"
                            + " not refuse updates and deletes; it was not created by the ledger");
                }
            } else {
                foreign = ledger ? ledgerCommit(c) : anchorCommit(c);
            }
            if (foreign.isPresent()) {
                out.add(AuditProblem.history(location, c, foreign.get() + "; " + (ledger ? LEDGER_WRITES
                        : ANCHOR_WRITES) + (c.user() == null ? "" : "; committed by " + c.user())));
            } else if (c.version() > 0) {
                added += rowsAdded(c, ledger);
            }
        }
        if (complete && out.isEmpty() && added != rows) {
            out.add(AuditProblem.history(location, "the history holds " + added + (ledger ? " appends" : " anchored"
                    + " entries") + " since the " + what + " was created, but the " + what + " holds " + rows
                    + (ledger ? " records" : " entries") + ": rows were added or removed without a commit of their"
                    + " own (its files were changed by hand)"));
        }
        return out;
    }

    /** How many records (ledger) or entries (anchor) a legitimate commit added. */
    private static long rowsAdded(LedgerCommit c, boolean ledger) {
        if (ledger) {
            return c.operation().equals(MERGE) ? c.metric(INSERTED).orElse(0L) : 0;
        }
        return c.operation().equals(WRITE) ? c.metric("numOutputRows").orElse(0L) : 0;
    }

    /** Why a commit after version 0 is not the ledger's own; empty when it is. */
    private static Optional<String> ledgerCommit(LedgerCommit c) {
        if (c.operation().equals(MERGE)) {
            Optional<Long> inserted = c.metric(INSERTED);
            Optional<Long> updated = c.metric(UPDATED);
            long deleted = c.metric(DELETED).orElse(0L);
            if (inserted.isEmpty() || updated.isEmpty()) {
                return Optional.of("a MERGE whose metrics were not recorded, so it cannot be shown to be an append"
                        + " (keep spark.databricks.delta.history.metricsEnabled on)");
            }
            boolean append = inserted.get() == 1 && updated.get() == 1 && deleted == 0;
            boolean noOp = inserted.get() == 0 && updated.get() == 0 && deleted == 0;
            return append || noOp ? Optional.empty() : Optional.of("a MERGE that inserted " + inserted.get()
                    + ", updated " + updated.get() + " and deleted " + deleted + " rows is not an append");
        }
        return maintenance(c) ? maintenanceProblem(c) : Optional.of(foreign(c));
    }

    /** Why a commit after version 0 is not the anchor's own; empty when it is. */
    private static Optional<String> anchorCommit(LedgerCommit c) {
        if (c.operation().equals(WRITE)) {
            String mode = c.parameter("mode").orElse("");
            return mode.equalsIgnoreCase("Append") ? Optional.empty() : Optional.of(foreign(c));
        }
        return maintenance(c) ? maintenanceProblem(c) : Optional.of(foreign(c));
    }

    /** Whether {@code c} is maintenance that never changes the data: OPTIMIZE or VACUUM. */
    private static boolean maintenance(LedgerCommit c) {
        return switch (c.operation()) {
            case OPTIMIZE, VACUUM_START, VACUUM_END -> true;
            default -> false;
        };
    }

    /**
     * Why maintenance {@code c} is still a problem: a VACUUM that deleted files younger than the table's retention
     * (the versions it removed can no longer be restored or compared). Empty otherwise.
     */
    private static Optional<String> maintenanceProblem(LedgerCommit c) {
        if (!c.operation().equals(VACUUM_START)) {
            return Optional.empty();
        }
        Optional<Long> specified = c.parameter("specifiedRetentionMillis").flatMap(LedgerHistory::number);
        Optional<Long> retention = c.parameter("defaultRetentionMillis").flatMap(LedgerHistory::number);
        if (specified.isPresent() && retention.isPresent() && specified.get() < retention.get()) {
            return Optional.of("a VACUUM that deleted files younger than the table's retention (" + specified.get()
                    + " ms instead of " + retention.get() + " ms): the earlier versions it removed can no longer"
                    + " be restored or compared");
        }
        return Optional.empty();
    }

    /** What a commit that is not the ledger's own did, as far as its operation says. */
    private static String foreign(LedgerCommit c) {
        String op = c.operation();
        return switch (op) {
            case "DELETE" -> "rows were deleted" + count(c, "numDeletedRows");
            case "UPDATE" -> "rows were updated" + count(c, "numUpdatedRows");
            case "RESTORE" -> "the table was restored to " + c.parameter("version").map(v -> "version " + v)
                    .or(() -> c.parameter("timestamp").map(t -> "its state at " + t)).orElse("an earlier version");
            case "TRUNCATE" -> "the table was truncated";
            case WRITE -> c.parameter("mode").orElse("").equalsIgnoreCase("Overwrite") ? "the table was overwritten"
                    : "rows were written around the ledger (" + c.parameter("mode").orElse("no mode") + ")"
                    + count(c, "numOutputRows");
            case "CREATE OR REPLACE TABLE AS SELECT", "REPLACE TABLE AS SELECT", "CREATE OR REPLACE TABLE",
                 "REPLACE TABLE", "CREATE TABLE", "CREATE TABLE AS SELECT" -> "the table was created again or replaced";
            case "ADD COLUMNS", "CHANGE COLUMN", "CHANGE COLUMNS", "REPLACE COLUMNS", "DROP COLUMNS", "RENAME COLUMN",
                 "UPDATE SCHEMA" -> "the table's schema was changed";
            case "SET TBLPROPERTIES", "UNSET TBLPROPERTIES" -> "the table's properties were changed"
                    + c.parameter("properties").map(p -> " (" + p + ")").orElse("");
            case "STREAMING UPDATE" -> "a streaming query wrote to the table";
            default -> op + " is not one of its own commits";
        };
    }

    private static String count(LedgerCommit c, String metric) {
        return c.metric(metric).map(n -> " (" + n + ")").orElse("");
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the anchor's creation set {@code delta.appendOnly = true}, as far as its parameters show. */
    private static boolean appendOnlyAtCreation(LedgerCommit create) {
        String properties = create.parameter("properties").orElse(null);
        if (properties == null) {
            return true; // the storage does not report properties (the in-memory one): nothing to judge by
        }
        return properties.replace(" ", "").contains("\"delta.appendOnly\":\"true\"");
    }
}

package com.retailer.bluegreen.ingest.bronze;

/** Time-zone independent SQL for UTC calendar dates, so results never depend on a session's time zone. */
public final class SqlDates {
    private SqlDates() {
    }

    /** SQL for the UTC date of an epoch-millisecond expression. */
    public static String utcDateOfMillis(String millisExpr) {
        return "date_from_unix_date(cast(floor((" + millisExpr + ") / 86400000D) as int))";
    }

    /** SQL for the UTC date of a TIMESTAMP expression. */
    public static String utcDateOf(String timestampExpr) {
        return utcDateOfMillis("unix_millis(" + timestampExpr + ")");
    }
}

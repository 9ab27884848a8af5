package com.retailer.bluegreen.testsupport;

import java.util.List;

/**
 * One reader's query against the published views, as a BI tool would run it: by view name, through the SQL
 * endpoint.
 *
 * @param name             names the query in summaries (e.g. {@code orders}, {@code orders_join_revenue})
 * @param sql              the statement, e.g. {@code SELECT order_id, release_id FROM retail_ops.orders}
 * @param releaseIdColumns the result columns that carry a view's {@code release_id}, one per view the query reads
 *                         (a join of two views selects both, under distinct names); each must hold exactly one
 *                         value per result, or the result mixed two releases of one view
 */
public record ReaderQuery(String name, String sql, List<String> releaseIdColumns) {
    public ReaderQuery {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A reader query needs a name.");
        }
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("Reader query '" + name + "' has no SQL.");
        }
        releaseIdColumns = List.copyOf(releaseIdColumns);
    }

    /** {@code SELECT <columns>, release_id FROM retail_ops.<view>}: one view, one release id per result. */
    public static ReaderQuery ofView(String view, String columns) {
        return new ReaderQuery(view, "SELECT " + columns + ", release_id FROM retail_ops." + view,
                List.of("release_id"));
    }

    /**
     * Daily revenue joined with the fulfillment SLA on the day: each side must come from one release (the two views
     * switch independently, so the sides may differ from each other while they switch).
     */
    public static ReaderQuery revenueJoinSla(String columns) {
        return new ReaderQuery("revenue_x_sla", "SELECT " + columns + ", r.release_id AS revenue_release,"
                + " s.release_id AS sla_release FROM retail_ops.daily_revenue r JOIN retail_ops.fulfillment_sla s"
                + " ON r.order_date = s.ship_date", List.of("revenue_release", "sla_release"));
    }
}

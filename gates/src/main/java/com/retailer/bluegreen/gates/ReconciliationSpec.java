package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.layout.Domain;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What to reconcile in one keyed table, and over which Kafka offsets. Each Silver table is fed by one topic; its rows
 * carry {@code src_partition} and {@code src_offset}, the record that produced the row's current state.
 *
 * <p>A row is <em>in range</em> when {@code lowerExclusive(p) <= src_offset < cut(p)} for its partition {@code p}
 * (no lower bound when {@code lowerExclusive} lacks {@code p}); <em>beyond the cut</em> when
 * {@code src_offset >= cut(p)}, or when the cut does not name its partition (a partition neither colour had read
 * when the cut was taken: missing partitions below the highest one count as cut 0); <em>before the range</em>
 * otherwise, and then ignored: pre-bootstrap history of a clone equals its source by construction.
 *
 * @param table              the table's name, used in messages
 * @param keyColumns         the table's key
 * @param businessTimeColumn an immutable business time carried in the row (not a processing time), bucketed by
 *                           UTC hour
 * @param comparedColumns    the columns hashed, in this order: everything but {@code src_partition} and
 *                           {@code src_offset} (a release may pick a different winning record of equal content)
 * @param lowerExclusive     partition → first offset of the candidate's own history (its bootstrap cut);
 *                           rows below it are pre-bootstrap; empty for a candidate built from scratch
 * @param cut                partition → C, the smaller of the two colours' committed offsets (next offset to
 *                           read); every partition of the topic
 * @param intended           a difference the release declares for this table, if any
 */
public record ReconciliationSpec(String table, List<String> keyColumns, String businessTimeColumn,
                                 List<String> comparedColumns, Map<Integer, Long> lowerExclusive,
                                 Map<Integer, Long> cut, Optional<IntendedDifference> intended) {

    /** The Kafka coordinates every Silver row carries. */
    public static final List<String> SOURCE_COLUMNS = List.of("src_partition", "src_offset");

    public ReconciliationSpec {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("a reconciliation spec names its table");
        }
        keyColumns = nonEmpty(table, "keyColumns", keyColumns);
        comparedColumns = nonEmpty(table, "comparedColumns", comparedColumns);
        if (businessTimeColumn == null || businessTimeColumn.isBlank()) {
            throw new IllegalArgumentException("the reconciliation spec of " + table + " needs a business time"
                    + " column to bucket rows by");
        }
        cut = offsets(table, "cut", cut);
        lowerExclusive = offsets(table, "lowerExclusive", lowerExclusive);
        if (cut.isEmpty()) {
            throw new IllegalArgumentException("the cut of " + table + " names no partition; it must give C for"
                    + " every partition of the table's topic");
        }
        if (!cut.keySet().containsAll(lowerExclusive.keySet())) {
            throw new IllegalArgumentException("the lower bounds of " + table + " name partitions " + lowerExclusive
                    .keySet() + " but the cut only " + cut.keySet() + "; both come from the same topic");
        }
        intended = intended == null ? Optional.empty() : intended;
        intended.ifPresent(d -> {
            if (!d.table().equals(table)) {
                throw new IllegalArgumentException("the intended difference for " + d.table()
                        + " was given to the spec of " + table);
            }
        });
    }

    /**
     * The spec of a domain's Silver table, with its key, business time and columns (docs/semantics.md, "Silver").
     * {@code shipments} is bucketed by {@code last_event_ts}, the event time of the winning event: it is never
     * null and is carried in the data, so equal rows fall into the same hour in both colours. It moves when a
     * shipment progresses, but a key touched beyond the cut is excluded from both colours, so within the cut equal
     * state means equal bucket; a real difference may show in two hours instead of one. Its milestone timestamps can
     * be null, and {@code picked_ts} is missing when the PICKED event arrives late, so they would not do.
     */
    public static ReconciliationSpec silver(Domain domain, Map<Integer, Long> lowerExclusive, Map<Integer, Long> cut,
                                            Optional<IntendedDifference> intended) {
        return switch (domain) {
            case ORDERS -> new ReconciliationSpec(domain.silverTable(), List.of("order_id"), "order_ts",
                    List.of("order_id", "seq", "op", "is_deleted", "customer_id", "order_ts", "order_date", "region",
                            "category", "sku", "quantity", "amount_cents", "status", "currency", "channel",
                            "source_ts"), lowerExclusive, cut, intended);
            case INVENTORY -> new ReconciliationSpec(domain.silverTable(), List.of("event_id"), "event_ts",
                    List.of("event_id", "sku", "warehouse_id", "quantity_delta", "reason", "event_ts", "event_date"),
                    lowerExclusive, cut, intended);
            case FULFILLMENT -> new ReconciliationSpec(domain.silverTable(), List.of("shipment_id"), "last_event_ts",
                    List.of("shipment_id", "order_id", "status", "status_rank", "warehouse_id", "carrier_id",
                            "picked_ts", "packed_ts", "shipped_ts", "delivered_ts", "last_event_ts"),
                    lowerExclusive, cut, intended);
        };
    }

    private static List<String> nonEmpty(String table, String what, List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("the reconciliation spec of " + table + " needs " + what);
        }
        return List.copyOf(columns);
    }

    private static Map<Integer, Long> offsets(String table, String what, Map<Integer, Long> offsets) {
        TreeMap<Integer, Long> sorted = new TreeMap<>();
        (offsets == null ? Map.<Integer, Long>of() : offsets).forEach((p, o) -> {
            if (p == null || p < 0 || o == null || o < 0) {
                throw new IllegalArgumentException(what + " of " + table + " must map partitions >= 0 to offsets"
                        + " >= 0, found " + p + " -> " + o);
            }
            sorted.put(p, o);
        });
        return Collections.unmodifiableMap(sorted);
    }
}

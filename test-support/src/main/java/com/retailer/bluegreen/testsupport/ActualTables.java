package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.transforms.Features;
import com.retailer.bluegreen.transforms.Tables;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a colour's tables actually hold, read with Spark into the {@link Oracle}'s row records (matched by column name:
 * component {@code srcPartition} ↔ column {@code src_partition}), so tests compare like with like.
 */
public final class ActualTables {
    private ActualTables() {
    }

    public static Expected read(SparkSession spark, ColourLayout layout) {
        Map<Coord, String> bronze = new HashMap<>();
        Map<Coord, String> quarantine = new HashMap<>();
        for (Domain d : Domain.values()) {
            for (Row r : table(spark, layout, d.bronzeTable())
                    .selectExpr("topic", "partition", "offset", "decode_status", "reason").collectAsList()) {
                Coord c = new Coord(r.getString(0), r.getInt(1), r.getLong(2));
                String status = r.getString(3);
                bronze.put(c, status);
                if (!"OK".equals(status)) {
                    quarantine.put(c, "RULE_VIOLATION".equals(status) ? r.getString(4) : status);
                }
            }
        }
        return new Expected(bronze, quarantine,
                rows(spark, layout, Tables.ORDERS, Expected.OrderRow.class, Expected.OrderRow::orderId),
                rows(spark, layout, Tables.MOVEMENTS, Expected.MovementRow.class, Expected.MovementRow::eventId),
                rows(spark, layout, Tables.SHIPMENTS, Expected.ShipmentRow.class, Expected.ShipmentRow::shipmentId),
                rows(spark, layout, Tables.REVENUE, Expected.RevenueRow.class,
                        r -> new Expected.RevenueKey(r.orderDate(), r.region(), r.category())),
                rows(spark, layout, Tables.ON_HAND, Expected.OnHandRow.class,
                        r -> new Expected.OnHandKey(r.sku(), r.warehouseId())),
                rows(spark, layout, Tables.SLA, Expected.SlaRow.class,
                        r -> new Expected.SlaKey(r.shipDate(), r.warehouseId(), r.carrierId())),
                rows(spark, layout, Tables.REF_PRODUCTS, Expected.ProductRow.class,
                        r -> new Expected.ProductKey(r.sku(), r.effectiveDate())),
                rows(spark, layout, Tables.REF_WAREHOUSES, Expected.WarehouseRow.class,
                        r -> new Expected.WarehouseKey(r.warehouseId(), r.effectiveDate())),
                rows(spark, layout, Tables.REF_CARRIERS, Expected.CarrierRow.class,
                        r -> new Expected.CarrierKey(r.carrierId(), r.effectiveDate())));
    }

    /** {@code daily_revenue.units_sold} per key, as a colour running release 2 holds it. */
    public static Map<Expected.RevenueKey, Long> unitsSold(SparkSession spark, ColourLayout layout) {
        Map<Expected.RevenueKey, Long> out = new HashMap<>();
        for (Row r : table(spark, layout, Tables.REVENUE)
                .selectExpr("order_date", "region", "category", Features.UNITS_SOLD).collectAsList()) {
            Object day = r.get(0);
            java.time.LocalDate date = day instanceof java.sql.Date d ? d.toLocalDate() : (java.time.LocalDate) day;
            out.put(new Expected.RevenueKey(date, r.getString(1), r.getString(2)),
                    r.isNullAt(3) ? null : r.getLong(3));
        }
        return out;
    }

    /** Bronze rows minus distinct (topic, partition, offset): 0 when no record was written twice. */
    public static long bronzeDuplicates(SparkSession spark, ColourLayout layout) {
        long dup = 0;
        for (Domain d : Domain.values()) {
            var df = table(spark, layout, d.bronzeTable());
            dup += df.count() - df.select("topic", "partition", "offset").distinct().count();
        }
        return dup;
    }

    public static org.apache.spark.sql.Dataset<Row> table(SparkSession spark, ColourLayout layout, String name) {
        return spark.read().format("delta").load(layout.tableLocation(name));
    }

    private static <K, R extends Record> Map<K, R> rows(SparkSession spark, ColourLayout layout, String table,
                                                        Class<R> type, Function<R, K> key) {
        RecordComponent[] components = type.getRecordComponents();
        String[] columns = new String[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            columns[i] = snake(components[i].getName());
            types[i] = components[i].getType();
        }
        Map<K, R> out = new HashMap<>();
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            List<Row> collected = table(spark, layout, table).selectExpr(columns).collectAsList();
            for (Row r : collected) {
                Object[] values = new Object[columns.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.get(i);
                }
                R row = ctor.newInstance(values);
                if (out.put(key.apply(row), row) != null) {
                    throw new AssertionError(table + " holds two rows for key " + key.apply(row));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot map " + table + " to " + type.getSimpleName(), e);
        }
        return out;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}

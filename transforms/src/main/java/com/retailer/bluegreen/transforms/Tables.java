package com.retailer.bluegreen.transforms;

import com.retailer.bluegreen.ingest.bronze.Bronze;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.SqlNames;
import com.retailer.bluegreen.layout.Locations;
import com.retailer.bluegreen.layout.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every table of a colour, declared once, and the idempotent DDL that creates them in the colour's schema at the
 * colour's storage locations (both from {@link ColourLayout}). Silver tables carry the change data feed that Gold
 * reads; all tables use deletion vectors and liquid clustering on their merge keys.
 */
public final class Tables {
    private static final Logger LOG = LoggerFactory.getLogger(Tables.class);
    public static final String ORDERS = "orders";
    public static final String MOVEMENTS = "inventory_movements";
    public static final String SHIPMENTS = "shipments";
    public static final String REVENUE = "daily_revenue";
    public static final String ON_HAND = "inventory_on_hand";
    public static final String SLA = "fulfillment_sla";
    public static final String REF_PRODUCTS = "ref_products";
    public static final String REF_WAREHOUSES = "ref_warehouses";
    public static final String REF_CARRIERS = "ref_carriers";
    public static final String QUARANTINE = "quarantine";
    /** Per-batch quality figures of the colour ({@link QualityMetrics}); never cloned by a bootstrap. */
    public static final String QUALITY_METRICS = "quality_metrics";
    static final String QUALITY_METRICS_DDL = """
            query STRING NOT NULL, batch_id BIGINT NOT NULL, batch_kafka_ts TIMESTAMP, metric STRING NOT NULL,
            action STRING, evaluated BIGINT, failed BIGINT""";

    private static final Map<String, String> PLAIN = Map.of("delta.enableDeletionVectors", "true");
    /**
     * Bronze keeps file statistics only on the columns that queries filter or cluster on, not on the key, the raw
     * value and the decoded payload: Delta otherwise builds a statistics projection over the payload's whole nested
     * struct for every file it writes, which profiling showed as a large share of a colour job's CPU
     * (docs/benchmarks.md, "Bronze statistics"). Clustering columns must be among them.
     */
    static final String BRONZE_STATS_COLUMNS = "topic,partition,offset,kafka_ts,kafka_date,schema_id,decode_status,"
            + "batch_id";
    private static final Map<String, String> BRONZE = Map.of("delta.enableDeletionVectors", "true",
            "delta.dataSkippingStatsColumns", BRONZE_STATS_COLUMNS);
    private static final Map<String, String> WITH_CDF = Map.of(
            "delta.enableDeletionVectors", "true", "delta.enableChangeDataFeed", "true");

    private Tables() {
    }

    /** Every table's name, whatever the features. */
    public static List<String> names() {
        return all(Features.NONE).stream().map(TableDef::name).toList();
    }

    /** Every table of a colour running with {@code features}. */
    public static List<TableDef> all(Features features) {
        List<TableDef> defs = new ArrayList<>();
        for (Domain d : Domain.values()) {
            defs.add(new TableDef(d.bronzeTable(), Bronze.schema(d).toDDL(), List.of("kafka_date", "partition"),
                    BRONZE));
        }
        defs.add(new TableDef(ORDERS, """
                order_id STRING NOT NULL, seq BIGINT, op STRING, is_deleted BOOLEAN, customer_id STRING,
                order_ts TIMESTAMP, order_date DATE, region STRING, category STRING, sku STRING, quantity INT,
                amount_cents BIGINT, status STRING, currency STRING, channel STRING, source_ts TIMESTAMP,
                src_partition INT, src_offset BIGINT""", List.of("order_id"), WITH_CDF));
        defs.add(new TableDef(MOVEMENTS, """
                event_id STRING NOT NULL, sku STRING, warehouse_id STRING, quantity_delta INT, reason STRING,
                event_ts TIMESTAMP, event_date DATE, src_partition INT, src_offset BIGINT""",
                List.of("event_id"), WITH_CDF));
        defs.add(new TableDef(SHIPMENTS, """
                shipment_id STRING NOT NULL, order_id STRING, status STRING, status_rank INT, warehouse_id STRING,
                carrier_id STRING, picked_ts TIMESTAMP, packed_ts TIMESTAMP, shipped_ts TIMESTAMP,
                delivered_ts TIMESTAMP, last_event_ts TIMESTAMP, src_partition INT, src_offset BIGINT""",
                List.of("shipment_id"), WITH_CDF));
        defs.add(new TableDef(REVENUE, """
                order_date DATE, region STRING, category STRING, revenue_cents BIGINT, order_count BIGINT"""
                + (features.unitsSold() ? ", " + Features.UNITS_SOLD + " BIGINT" : ""),
                List.of("order_date", "region", "category"), PLAIN));
        defs.add(new TableDef(ON_HAND, """
                sku STRING, warehouse_id STRING, on_hand BIGINT, movement_count BIGINT""",
                List.of("sku", "warehouse_id"), PLAIN));
        defs.add(new TableDef(SLA, """
                ship_date DATE, warehouse_id STRING, carrier_id STRING, shipped_count BIGINT, delivered_count BIGINT,
                on_time_count BIGINT, delivery_seconds BIGINT""",
                List.of("ship_date", "warehouse_id", "carrier_id"), PLAIN));
        defs.add(new TableDef(QUALITY_METRICS, QUALITY_METRICS_DDL, List.of("query", "batch_id"), PLAIN));
        defs.add(new TableDef(REF_PRODUCTS, """
                sku STRING NOT NULL, category STRING, price_cents BIGINT, effective_date DATE NOT NULL,
                file_checksum STRING""", List.of("sku", "effective_date"), PLAIN));
        defs.add(new TableDef(REF_WAREHOUSES, """
                warehouse_id STRING NOT NULL, region STRING, effective_date DATE NOT NULL, file_checksum STRING""",
                List.of("warehouse_id", "effective_date"), PLAIN));
        defs.add(new TableDef(REF_CARRIERS, """
                carrier_id STRING NOT NULL, name STRING, effective_date DATE NOT NULL, file_checksum STRING""",
                List.of("carrier_id", "effective_date"), PLAIN));
        return List.copyOf(defs);
    }

    /**
     * Creates the colour's schema, tables (for {@code features}) and quarantine view if absent. Safe to run on every
     * start. An existing table whose feature columns do not match {@code features} is refused
     * ({@link FeatureMismatchException}): a generation keeps the release it started with.
     */
    public static void ensure(SparkSession spark, ColourLayout layout, Features features) {
        ensureSchema(spark, layout);
        // Independent catalog operations, each loading a Delta snapshot: run a few at a time.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (TableDef def : all(features)) {
                created.add(pool.submit(() -> ensure(spark, layout, def)));
            }
            for (Future<?> f : created) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the tables of " + layout.schema(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("cannot create the tables of " + layout.schema(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        spark.sql(quarantineViewSql(layout));
    }

    /**
     * Creates the colour's schema, marked with its owner (pipeline/colour), or checks the mark of an existing one:
     * a schema another pipeline or colour created is refused before any table is created or registered in it.
     */
    static void ensureSchema(SparkSession spark, ColourLayout layout) {
        String owner = layout.ownerTag();
        spark.sql("CREATE SCHEMA IF NOT EXISTS " + layout.qualifiedSchema() + " WITH DBPROPERTIES ("
                + SqlNames.stringLiteral(ColourLayout.OWNER_PROPERTY) + " = " + SqlNames.stringLiteral(owner) + ")");
        String properties = "";
        for (Row r : spark.sql("DESCRIBE SCHEMA EXTENDED " + layout.qualifiedSchema()).collectAsList()) {
            if (r.getString(0).toLowerCase(java.util.Locale.ROOT).contains("properties")) {
                properties = r.getString(1);
            }
        }
        if (!properties.contains("(" + ColourLayout.OWNER_PROPERTY + "," + owner + ")")) {
            throw new SchemaOwnershipException("Schema " + layout.qualifiedSchema() + " is not owned by " + owner
                    + " (its properties: " + (properties.isEmpty() ? "none" : properties) + "). A colour writes only"
                    + " into the schema it created; check 'pipeline' and 'catalog' in the configuration, or drop"
                    + " the schema if it is a leftover.");
        }
    }

    /**
     * The table exists at the layout's location with its definition, and the catalog name points there. A name
     * registered at another location (an earlier generation of this colour) is re-pointed: dropping an external
     * table removes only the catalog entry, never the data.
     */
    private static void ensure(SparkSession spark, ColourLayout layout, TableDef def) {
        String location = layout.tableLocation(def.name());
        if (!DeltaTable.isDeltaTable(spark, location)) {
            spark.sql(createSql(layout, def));
        } else if (def.name().equals(REVENUE)) {
            boolean has = List.of(DeltaTable.forPath(spark, location).toDF().schema().fieldNames())
                    .contains(Features.UNITS_SOLD);
            boolean wants = def.columnsDdl().contains(Features.UNITS_SOLD);
            if (has != wants) {
                throw new FeatureMismatchException(layout.jobName() + " generation " + layout.generation() + ": "
                        + location + (has ? " has " : " lacks ") + Features.UNITS_SOLD + " but transforms.unitsSold"
                        + " is " + wants + ". A generation keeps the release it started with and its live tables are"
                        + " never altered: set transforms.unitsSold back to " + has + ", or start a new generation"
                        + " (raise colours." + layout.colour().id() + ".generation and bootstrap it).");
            }
        }
        String name = layout.qualifiedTable(def.name());
        if (spark.catalog().tableExists(name)) {
            String registered = registeredLocation(spark, name);
            if (sameLocation(registered, location)) {
                return;
            }
            LOG.warn("{} is registered at {} but this generation's table is at {}: re-registering the name",
                    name, registered, location);
            spark.sql("DROP TABLE " + name);
        }
        spark.sql("CREATE TABLE IF NOT EXISTS " + name + " USING delta LOCATION " + SqlNames.stringLiteral(location));
    }

    /**
     * The colour's table names that are registered at a location other than this layout's: the names
     * {@link #ensure} would re-point (an earlier generation's tables, in consumers' view if the colour is live).
     */
    public static java.util.List<String> registeredElsewhere(SparkSession spark, ColourLayout layout) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String table : names()) {
            String name = layout.qualifiedTable(table);
            if (spark.catalog().tableExists(name)
                    && !sameLocation(registeredLocation(spark, name), layout.tableLocation(table))) {
                out.add(name);
            }
        }
        return out;
    }

    private static String registeredLocation(SparkSession spark, String name) {
        for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
            if ("Location".equals(r.getString(0))) {
                return r.getString(1);
            }
        }
        return "";
    }

    static boolean sameLocation(String a, String b) {
        return Locations.same(a, b);
    }

    /** DDL creating the table by path (not by name), so the definition always lands at the derived location. */
    static String createSql(ColourLayout layout, TableDef def) {
        String props = def.properties().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'").collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + SqlNames.pathIdentifier(layout.tableLocation(def.name()))
                + " (" + def.columnsDdl().replace('\n', ' ') + ") USING delta"
                + " CLUSTER BY (" + String.join(", ", def.clusterBy()) + ")"
                + " TBLPROPERTIES (" + props + ")";
    }

    /** Quarantine is a view over Bronze, never a side table: input count = Bronze count, always. */
    static String quarantineViewSql(ColourLayout layout) {
        String union = java.util.Arrays.stream(Domain.values())
                .map(d -> "SELECT '" + d.id() + "' AS domain, topic, partition, offset, kafka_ts, schema_id, "
                        + "decode_status, reason, batch_id, key, value FROM " + layout.qualifiedTable(d.bronzeTable())
                        + " WHERE decode_status <> 'OK'")
                .collect(Collectors.joining(" UNION ALL "));
        return "CREATE VIEW IF NOT EXISTS " + layout.qualifiedTable(QUARANTINE) + " AS " + union;
    }
}

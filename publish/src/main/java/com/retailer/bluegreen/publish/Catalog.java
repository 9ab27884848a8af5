package com.retailer.bluegreen.publish;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the catalog the published views and the colour tables live in, as the publisher and the gates need it. On
 * Databricks it is Unity Catalog, locally a Hive metastore (or the session catalog), both through Spark SQL on the
 * job's session ({@code publish.spark.SparkCatalog}); the unit tests use an in-memory one. Every implementation
 * passes {@code CatalogContract}. Names are qualified ({@code catalog.schema.name}).
 */
public interface Catalog {

    /** A column as the catalog has it: name in lower case, Spark SQL type, nullability. */
    record Column(String name, String type, boolean nullable) {
    }

    /** A view as the catalog has it: its stored query text and its properties. */
    record View(String text, Map<String, String> properties) {
        public View {
            properties = Map.copyOf(properties);
        }
    }

    /** Whether a table or view of that name exists. */
    boolean tableExists(String name);

    /** The columns of table or view {@code name}, in table order. */
    List<Column> columns(String name);

    /** The current Delta version of table {@code name}; empty if it is not a Delta table (a view, say). */
    Optional<Long> version(String name);

    /** View {@code name}: its stored SQL text and properties; empty if there is no such view. */
    Optional<View> view(String name);

    /** The stored SQL text of view {@code name}; empty if there is no such view. */
    default Optional<String> viewText(String name) {
        return view(name).map(View::text);
    }

    /** Creates schema {@code schema} if it does not exist. */
    void createSchemaIfAbsent(String schema);

    /** {@code CREATE VIEW name TBLPROPERTIES (properties) AS select}: the first publication of a view. */
    void createView(String name, String select, Map<String, String> properties);

    /** Sets properties of view {@code name}, keeping its query and grants. */
    void setViewProperties(String name, Map<String, String> properties);

    /**
     * {@code ALTER VIEW name AS select}: repoints an existing view in place, so its grants and properties survive and
     * readers never find the name missing ({@code CREATE OR REPLACE VIEW} would drop both).
     */
    void alterView(String name, String select);
}

package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.publish.Catalog;
import com.retailer.bluegreen.layout.SqlNames;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Catalog} through Spark SQL on the job's session: Unity Catalog on Databricks, a Hive metastore or the
 * session catalog locally; the same code path everywhere. A view's text is what {@code DESCRIBE TABLE EXTENDED}
 * reports, which every catalog Spark talks to reports verbatim.
 */
public final class SparkCatalog implements Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCatalog.class);

    private final SparkSession spark;

    public SparkCatalog(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public boolean tableExists(String name) {
        return spark.catalog().tableExists(name);
    }

    @Override
    public List<Column> columns(String name) {
        List<Column> out = new ArrayList<>();
        for (StructField f : spark.table(name).schema().fields()) {
            out.add(new Column(f.name().toLowerCase(Locale.ROOT), f.dataType().sql(), f.nullable()));
        }
        return out;
    }

    @Override
    public Optional<Long> version(String name) {
        try {
            return Optional.of(DeltaTable.forName(spark, name).history(1).first().<Long>getAs("version"));
        } catch (Exception notDelta) { // a view, or another format: no version to record
            LOG.warn("{} has no Delta version to record: {}", name, notDelta.toString());
            return Optional.empty();
        }
    }

    /** Text and properties from one {@code DESCRIBE TABLE EXTENDED}. */
    @Override
    public Optional<View> view(String name) {
        if (!spark.catalog().tableExists(name)) {
            return Optional.empty();
        }
        String text = null;
        Map<String, String> properties = Map.of();
        for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
            if ("View Text".equals(r.getString(0))) {
                text = r.getString(1);
            } else if ("Table Properties".equals(r.getString(0))) {
                properties = properties(r.getString(1));
            }
        }
        return text == null ? Optional.empty() : Optional.of(new View(text, properties));
    }

    /** Spark's rendering {@code [k1=v1, k2=v2]} of a table's properties, read back. */
    static Map<String, String> properties(String rendered) {
        Map<String, String> out = new LinkedHashMap<>();
        String inner = rendered == null ? "" : rendered.trim();
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        for (String pair : inner.split(", ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    @Override
    public void createSchemaIfAbsent(String schema) {
        spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema);
    }

    @Override
    public void createView(String name, String select, Map<String, String> properties) {
        spark.sql("CREATE VIEW " + name + (properties.isEmpty() ? "" : " TBLPROPERTIES (" + literals(properties)
                + ")") + " AS " + select);
    }

    @Override
    public void setViewProperties(String name, Map<String, String> properties) {
        spark.sql("ALTER VIEW " + name + " SET TBLPROPERTIES (" + literals(properties) + ")");
    }

    private static String literals(Map<String, String> properties) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(properties).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(SqlNames.stringLiteral(k)).append(" = ").append(SqlNames.stringLiteral(v)));
        return sb.toString();
    }

    @Override
    public void alterView(String name, String select) {
        spark.sql("ALTER VIEW " + name + " AS " + select);
    }
}

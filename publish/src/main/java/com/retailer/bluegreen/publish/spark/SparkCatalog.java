package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.publish.Catalog;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    @Override
    public Optional<String> viewText(String name) {
        if (!spark.catalog().tableExists(name)) {
            return Optional.empty();
        }
        for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
            if ("View Text".equals(r.getString(0))) {
                return Optional.ofNullable(r.getString(1));
            }
        }
        return Optional.empty();
    }

    @Override
    public void createSchemaIfAbsent(String schema) {
        spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema);
    }

    @Override
    public void createView(String name, String select) {
        spark.sql("CREATE VIEW " + name + " AS " + select);
    }

    @Override
    public void alterView(String name, String select) {
        spark.sql("ALTER VIEW " + name + " AS " + select);
    }
}

package com.retailer.bluegreen.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Table;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The catalog as JDBC's {@code DatabaseMetaData} presents it ({@code getSchemas}, {@code getTables}, ...): result
 * columns named as the JDBC specification names them, read from the session catalog. What a BI tool shows when a
 * user browses the SQL endpoint.
 */
final class CatalogListing {
    /** A listing's columns and rows. */
    record Listing(StructType schema, List<Row> rows) {
    }

    private CatalogListing() {
    }

    /** No catalogs: the endpoint serves one (Spark's session catalog), as Spark's Thrift Server does. */
    static Listing catalogs() {
        return new Listing(new StructType().add("TABLE_CAT", DataTypes.StringType), List.of());
    }

    static Listing schemas(SparkSession spark, String schemaPattern) {
        Pattern schemas = likePattern(schemaPattern);
        List<Row> rows = new ArrayList<>();
        for (String schema : schemaNames(spark)) {
            if (schemas.matcher(schema).matches()) {
                rows.add(RowFactory.create(schema, ""));
            }
        }
        return new Listing(new StructType().add("TABLE_SCHEM", DataTypes.StringType)
                .add("TABLE_CATALOG", DataTypes.StringType), rows);
    }

    /** Tables ({@code TABLE}) and views ({@code VIEW}) whose schema and name match, of the requested types. */
    static Listing tables(SparkSession spark, String schemaPattern, String tablePattern, List<String> tableTypes)
            throws AnalysisException {
        Pattern schemas = likePattern(schemaPattern);
        Pattern tables = likePattern(tablePattern);
        List<String> types = tableTypes == null ? List.of("TABLE", "VIEW")
                : tableTypes.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList();
        List<Row> rows = new ArrayList<>();
        for (String schema : schemaNames(spark)) {
            if (!schemas.matcher(schema).matches()) {
                continue;
            }
            for (Table t : spark.catalog().listTables(schema).collectAsList()) {
                String type = "VIEW".equalsIgnoreCase(t.tableType()) ? "VIEW" : "TABLE";
                if (!t.isTemporary() && tables.matcher(t.name()).matches() && types.contains(type)) {
                    rows.add(RowFactory.create("", schema, t.name(), type,
                            t.description() == null ? "" : t.description()));
                }
            }
        }
        return new Listing(new StructType().add("TABLE_CAT", DataTypes.StringType)
                .add("TABLE_SCHEM", DataTypes.StringType).add("TABLE_NAME", DataTypes.StringType)
                .add("TABLE_TYPE", DataTypes.StringType).add("REMARKS", DataTypes.StringType), rows);
    }

    static Listing tableTypes() {
        return new Listing(new StructType().add("TABLE_TYPE", DataTypes.StringType),
                List.of(RowFactory.create("TABLE"), RowFactory.create("VIEW")));
    }

    private static List<String> schemaNames(SparkSession spark) {
        return spark.sql("SHOW SCHEMAS").collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    /** A JDBC search pattern ({@code %}, {@code _}; null or empty = everything) as a case-insensitive regex. */
    static Pattern likePattern(String like) {
        if (like == null || like.isEmpty() || "*".equals(like)) {
            return Pattern.compile(".*");
        }
        StringBuilder re = new StringBuilder();
        for (char ch : like.toCharArray()) {
            switch (ch) {
                case '%', '*' -> re.append(".*");
                case '_' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}

package com.retailer.bluegreen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Locations;
import com.retailer.bluegreen.layout.SqlNames;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A colour whose storage base is a directory named with a backquote, a quote and what would, spliced unquoted, end
 * the identifier or literal and go on as SQL. {@link Tables#ensure} (both splices: {@code CREATE TABLE delta.`…`}
 * and {@code CREATE TABLE <name> … LOCATION '…'}) must put every table at exactly that directory, register each
 * name there, and read and write through both; a second run must find them in place. Then the quoting helper's
 * forms, read back by Spark's own parser.
 */
@Tag("spark")
class QuotedLocationSparkTest {
    private static final String HOSTILE = "o'brien`s lake` RETAIN 0 HOURS; --' COMMENT 'x";

    @TempDir
    Path dir;

    @Test
    void tables_land_exactly_in_a_directory_whose_name_holds_a_backquote_and_a_quote() throws Exception {
        SparkSession spark = HandMade.deltaSession("quoted-location-test");
        Path base = dir.resolve(HOSTILE);
        ColourLayout layout = new ColourLayout("quoting", Colour.BLUE, 1, "spark_catalog",
                dir.resolve("ckpt").toString(), base.toString());
        // The session catalog's schema directory goes under the test's directory, not the module's.
        spark.sql("CREATE SCHEMA IF NOT EXISTS " + layout.qualifiedSchema() + " LOCATION "
                + SqlNames.stringLiteral(dir.resolve("schema").toUri().toString()) + " WITH DBPROPERTIES ("
                + SqlNames.stringLiteral(ColourLayout.OWNER_PROPERTY) + " = "
                + SqlNames.stringLiteral(layout.ownerTag()) + ")");
        try {
            Tables.ensure(spark, layout, Features.NONE);
            Tables.ensure(spark, layout, Features.NONE);

            String orders = layout.tableLocation(Tables.ORDERS);
            assertTrue(orders.startsWith(base.toString() + "/"), orders);
            for (String table : Tables.names()) {
                String location = layout.tableLocation(table);
                assertTrue(DeltaTable.isDeltaTable(spark, location), "no Delta table at " + location);
                assertTrue(Locations.same(location, registered(spark, layout.qualifiedTable(table))),
                        table + " is registered at " + registered(spark, layout.qualifiedTable(table)));
            }
            try (Stream<Path> children = Files.list(dir)) {
                assertEquals(Set.of("schema", HOSTILE), children.map(p -> p.getFileName().toString())
                        .collect(Collectors.toSet()), "nothing written beside the colour's own directory");
            }

            spark.sql("INSERT INTO " + layout.qualifiedTable(Tables.REF_CARRIERS)
                    + " VALUES ('c-1', " + SqlNames.stringLiteral(HOSTILE) + ", DATE'2025-11-20', 'sum')");
            List<Row> byPath = spark.sql("SELECT name FROM "
                    + SqlNames.pathIdentifier(layout.tableLocation(Tables.REF_CARRIERS))).collectAsList();
            assertEquals(1, byPath.size());
            assertEquals(HOSTILE, byPath.get(0).getString(0), "the literal reads back as written");
        } finally {
            spark.sql("DROP SCHEMA IF EXISTS " + layout.qualifiedSchema() + " CASCADE");
        }
    }

    @Test
    void spark_reads_every_quoted_form_back_as_the_original_text() {
        SparkSession spark = HandMade.deltaSession("quoted-location-test");
        for (String text : new String[] {HOSTILE, "a\\b\\'c", "`", "'", "\\", "x''y", "\\u0041"}) {
            Row r = spark.sql("SELECT " + SqlNames.stringLiteral(text) + " AS "
                    + SqlNames.backquoted(text)).first();
            assertEquals(text, r.getString(0), "literal of " + text);
            assertEquals(text, r.schema().fieldNames()[0], "identifier of " + text);
        }
    }

    private static String registered(SparkSession spark, String name) {
        for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
            if ("Location".equals(r.getString(0))) {
                return r.getString(1);
            }
        }
        return "";
    }
}

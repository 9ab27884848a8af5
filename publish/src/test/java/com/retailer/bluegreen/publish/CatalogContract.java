package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Catalog} must do, run against each implementation (in memory, Spark's catalog). A subclass
 * gives a catalog and creates tables in it its own way; names are unique per test run.
 */
public abstract class CatalogContract {

    protected abstract Catalog catalog();

    /** A unique schema name (catalog-qualified) for one test. */
    protected abstract String newSchema();

    /** Creates Delta table {@code name} with columns {@code a STRING} and {@code b BIGINT}, and one commit. */
    protected abstract void givenTable(String name);

    @Test
    public void tables_report_their_columns_and_delta_version() {
        String schema = newSchema();
        catalog().createSchemaIfAbsent(schema);
        catalog().createSchemaIfAbsent(schema);
        assertFalse(catalog().tableExists(schema + ".t"));
        givenTable(schema + ".t");
        assertTrue(catalog().tableExists(schema + ".t"));
        assertEquals(List.of(new Catalog.Column("a", "STRING", true), new Catalog.Column("b", "BIGINT", true)),
                catalog().columns(schema + ".t"));
        assertTrue(catalog().version(schema + ".t").isPresent());
    }

    @Test
    public void a_view_is_created_once_then_altered_in_place_and_its_text_read_back_verbatim() {
        String schema = newSchema();
        catalog().createSchemaIfAbsent(schema);
        givenTable(schema + ".t");
        String view = schema + ".v";
        assertEquals(Optional.empty(), catalog().viewText(view));
        String first = "SELECT CAST(a AS STRING) AS a, 'r-1' AS release_id FROM " + schema + ".t";
        catalog().createView(view, first, Map.of("bluegreen.control", "/lake/p/control/publish_state"));
        assertEquals(Optional.of(first), catalog().viewText(view));
        assertThrows(Exception.class, () -> catalog().createView(view, first, Map.of()), "created only once");
        String second = "SELECT CAST(b AS BIGINT) AS b, 'r-2' AS release_id FROM " + schema + ".t";
        catalog().alterView(view, second);
        assertEquals(Optional.of(second), catalog().viewText(view));
        assertEquals("/lake/p/control/publish_state", catalog().view(view).orElseThrow().properties()
                .get("bluegreen.control"), "ALTER VIEW keeps the view's properties");
        catalog().setViewProperties(view, Map.of("bluegreen.note", "x"));
        assertEquals(Optional.of(second), catalog().viewText(view), "setting properties keeps the query");
        assertEquals("x", catalog().view(view).orElseThrow().properties().get("bluegreen.note"));
        assertTrue(catalog().tableExists(view));
        assertEquals(Optional.empty(), catalog().version(view), "a view has no Delta version");
        assertThrows(Exception.class, () -> catalog().alterView(schema + ".missing", second));
    }
}

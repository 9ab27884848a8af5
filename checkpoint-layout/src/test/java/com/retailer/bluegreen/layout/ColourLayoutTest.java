package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColourLayoutTest {

    private static ColourLayout layout(Colour colour, int generation) {
        return new ColourLayout("retail", colour, generation, "main", "/Volumes/main/ops/checkpoints",
                "s3://lake-bucket/retail");
    }

    @Test
    void blue_names_follow_the_one_name_scheme() {
        ColourLayout blue = layout(Colour.BLUE, 1);
        assertEquals("retail_blue", blue.schema());
        assertEquals("main.retail_blue", blue.qualifiedSchema());
        assertEquals("main.retail", blue.publishedSchema());
        assertEquals("main.retail_blue.orders", blue.qualifiedTable("orders"));
        assertEquals("/Volumes/main/ops/checkpoints/retail/blue/g1", blue.checkpointRoot());
        assertEquals("/Volumes/main/ops/checkpoints/retail/blue/g1/orders", blue.checkpointLocation(Query.ORDERS));
        assertEquals("s3://lake-bucket/retail/retail/blue/g1", blue.storageRoot());
        assertEquals("s3://lake-bucket/retail/retail/blue/g1/tables/bronze_orders", blue.tableLocation("bronze_orders"));
        assertEquals("retail.blue.g1.orders.bronze_orders", blue.txnAppId(Query.ORDERS, "bronze_orders"));
        assertEquals("retail-blue-orders", blue.groupIdPrefix(Query.ORDERS));
        assertEquals("retail-blue", blue.jobName());
    }

    @Test
    void green_names_differ_from_blue_only_by_colour() {
        ColourLayout green = layout(Colour.GREEN, 1);
        assertEquals("main.retail_green", green.qualifiedSchema());
        assertEquals("main.retail", green.publishedSchema());
        assertEquals("/Volumes/main/ops/checkpoints/retail/green/g1/gold", green.checkpointLocation(Query.GOLD));
        assertEquals("s3://lake-bucket/retail/retail/green/g1/tables/shipments", green.tableLocation("shipments"));
        assertEquals("retail.green.g1.fulfillment.shipments", green.txnAppId(Query.FULFILLMENT, "shipments"));
        assertEquals("retail-green-inventory", green.groupIdPrefix(Query.INVENTORY));
        assertEquals("retail-green", green.jobName());
    }

    @Test
    void a_new_generation_gets_new_app_ids_and_a_new_checkpoint_root_but_keeps_schema_and_group() {
        ColourLayout g1 = layout(Colour.GREEN, 1);
        ColourLayout g2 = g1.nextGeneration();
        assertEquals(2, g2.generation());
        assertEquals("/Volumes/main/ops/checkpoints/retail/green/g2", g2.checkpointRoot());
        assertEquals("retail.green.g2.orders.orders", g2.txnAppId(Query.ORDERS, "orders"));
        assertNotEquals(g1.txnAppId(Query.ORDERS, "orders"), g2.txnAppId(Query.ORDERS, "orders"));
        assertNotEquals(g1.checkpointLocation(Query.ORDERS), g2.checkpointLocation(Query.ORDERS));
        assertNotEquals(g1.storageRoot(), g2.storageRoot());
        assertEquals(g1.qualifiedSchema(), g2.qualifiedSchema());
        assertEquals(g1.groupIdPrefix(Query.ORDERS), g2.groupIdPrefix(Query.ORDERS));
    }

    @ParameterizedTest
    @CsvSource({
            "s3://bucket/x,            s3://bucket/x/retail/blue/g3",
            "s3://bucket/x/,           s3://bucket/x/retail/blue/g3",
            "s3://bucket,              s3://bucket/retail/blue/g3",
            "/Volumes/main/x,          /Volumes/main/x/retail/blue/g3",
            "/Volumes/main/x//,        /Volumes/main/x/retail/blue/g3",
            "/tmp/./a//b/../c,         /tmp/a/c/retail/blue/g3",
            "./local/checkpoints,      local/checkpoints/retail/blue/g3",
            "local/checkpoints/,       local/checkpoints/retail/blue/g3",
            "file:///tmp/ckpt/,        file:///tmp/ckpt/retail/blue/g3",
            "dbfs:/Volumes/main/x,     dbfs:/Volumes/main/x/retail/blue/g3",
            "abfss://c@acct.dfs.core.windows.net/p/, abfss://c@acct.dfs.core.windows.net/p/retail/blue/g3",
            "/,                        /retail/blue/g3",
    })
    void joins_bases_with_or_without_trailing_slash_and_uri_schemes(String base, String expectedRoot) {
        ColourLayout l = new ColourLayout("retail", Colour.BLUE, 3, "main", base, base);
        assertEquals(expectedRoot, l.checkpointRoot());
        assertEquals(expectedRoot, l.storageRoot());
        assertEquals(expectedRoot + "/reference", l.checkpointLocation(Query.REFERENCE));
    }

    @Test
    void accessors_return_the_normalised_bases_so_equal_locations_make_equal_layouts() {
        ColourLayout a = new ColourLayout("retail", Colour.BLUE, 1, "main", "s3://b/x/", "/v/lake//");
        ColourLayout b = new ColourLayout("retail", Colour.BLUE, 1, "main", "s3://b/x", "/v/lake");
        assertEquals("s3://b/x", a.checkpointBase());
        assertEquals("/v/lake", a.storageBase());
        assertEquals(b, a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Retail", "1retail", "retail-ops", "", "a234567890123456789012345678901234567890123"})
    void rejects_pipeline_names_outside_the_pattern(String pipeline) {
        InvalidLayoutException e = assertThrows(InvalidLayoutException.class,
                () -> new ColourLayout(pipeline, Colour.BLUE, 1, "main", "/c", "/s"));
        assertEquals("pipeline", e.component());
        assertTrue(e.getMessage().startsWith("Invalid pipeline '" + pipeline + "': expected"), e.getMessage());
    }

    @Test
    void accepts_a_pipeline_name_of_41_characters() {
        String name = "a" + "1".repeat(40);
        assertEquals(name, new ColourLayout(name, Colour.BLUE, 1, "main", "/c", "/s").pipeline());
    }

    @Test
    void rejects_generation_zero_a_bad_catalog_blank_bases_and_odd_table_names() {
        assertThrows(InvalidLayoutException.class, () -> new ColourLayout("r", Colour.BLUE, 0, "main", "/c", "/s"));
        assertThrows(InvalidLayoutException.class, () -> new ColourLayout("r", Colour.BLUE, 1, "my catalog", "/c", "/s"));
        assertThrows(InvalidLayoutException.class, () -> new ColourLayout("r", Colour.BLUE, 1, "main", " ", "/s"));
        assertThrows(InvalidLayoutException.class, () -> new ColourLayout("r", Colour.BLUE, 1, "main", "/c", "s3:///x"));
        assertThrows(InvalidLayoutException.class, () -> new ColourLayout("r", Colour.BLUE, 1, "main", "/../x", "/s"));
        assertThrows(InvalidLayoutException.class, () -> new ColourLayout("r", null, 1, "main", "/c", "/s"));
        ColourLayout ok = new ColourLayout("r", Colour.BLUE, 1, "main", "/c", "/s");
        assertThrows(InvalidLayoutException.class, () -> ok.qualifiedTable("orders; drop"));
        assertThrows(InvalidLayoutException.class, () -> ok.tableLocation("../escape"));
        assertThrows(InvalidLayoutException.class, () -> ok.txnAppId(Query.GOLD, ""));
    }
}

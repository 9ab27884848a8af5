package com.retailer.bluegreen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TablesTest {
    private final ColourLayout green = new ColourLayout("retail_ops", Colour.GREEN, 3, "main", "/ckpt", "s3://lake");

    @Test
    void everyTableIsCreatedAtTheColoursGenerationLocation() {
        Set<String> names = new HashSet<>();
        for (TableDef def : Tables.all(Features.NONE)) {
            assertTrue(names.add(def.name()), "declared once: " + def.name());
            String sql = Tables.createSql(green, def);
            assertTrue(sql.startsWith("CREATE TABLE IF NOT EXISTS delta.`s3://lake/retail_ops/green/g3/tables/"
                    + def.name() + "` ("), sql);
            assertTrue(sql.contains("'delta.enableDeletionVectors' = 'true'"), sql);
        }
        assertEquals(13, names.size(), "3 Bronze, 3 Silver, 3 Gold, quality metrics, 3 reference");
    }

    /** Statistics on what Bronze is filtered and clustered by, none on the raw bytes and the decoded payload. */
    @Test
    void bronzeKeepsStatisticsOnItsClusteringAndFilterColumnsOnly() {
        for (com.retailer.bluegreen.layout.Domain d : com.retailer.bluegreen.layout.Domain.values()) {
            TableDef bronze = Tables.all(Features.NONE).stream().filter(t -> t.name().equals(d.bronzeTable()))
                    .findFirst().orElseThrow();
            Set<String> stats = Set.of(bronze.properties().get("delta.dataSkippingStatsColumns").split(","));
            assertTrue(stats.containsAll(bronze.clusterBy()), "clustering needs statistics: " + stats);
            assertTrue(stats.containsAll(Set.of("offset", "batch_id", "decode_status")), stats.toString());
            for (String raw : new String[] {"key", "value", "payload"}) {
                assertFalse(stats.contains(raw), raw + " in " + stats);
            }
            Set<String> columns = new HashSet<>();
            for (String c : org.apache.spark.sql.types.StructType.fromDDL(bronze.columnsDdl()).fieldNames()) {
                columns.add(c);
            }
            assertTrue(columns.containsAll(stats), "every statistics column exists: " + stats + " in " + columns);
        }
    }

    @Test
    void aCatalogLocationIsTheSameWhateverItsSchemeOrTrailingSlash() {
        assertTrue(Tables.sameLocation("file:/tmp/lake/t", "/tmp/lake/t/"));
        assertTrue(Tables.sameLocation("file:///tmp/lake/t", "/tmp/lake/t"));
        assertTrue(Tables.sameLocation("s3://b/lake/t/", "s3://b/lake/t"));
        assertFalse(Tables.sameLocation("/tmp/lake/g1/t", "/tmp/lake/g2/t"));
    }

    @Test
    void onlySilverTablesCarryTheChangeDataFeedThatGoldReads() {
        for (TableDef def : Tables.all(Features.NONE)) {
            boolean silver = Set.of(Tables.ORDERS, Tables.MOVEMENTS, Tables.SHIPMENTS).contains(def.name());
            assertEquals(silver, "true".equals(def.properties().get("delta.enableChangeDataFeed")), def.name());
        }
    }

    @Test
    void quarantineIsAViewOverEveryBronzeTableNeverASideTable() {
        String sql = Tables.quarantineViewSql(green);
        assertTrue(sql.startsWith("CREATE VIEW IF NOT EXISTS main.retail_ops_green.quarantine AS "), sql);
        for (String bronze : new String[] {"bronze_orders", "bronze_inventory", "bronze_fulfillment"}) {
            assertTrue(sql.contains("FROM main.retail_ops_green." + bronze + " WHERE decode_status <> 'OK'"), sql);
        }
    }

    @Test
    void theReleaseThatAddsUnitsSoldChangesOnlyDailyRevenue() {
        Map<String, TableDef> plain = new HashMap<>();
        Tables.all(Features.NONE).forEach(d -> plain.put(d.name(), d));
        for (TableDef def : Tables.all(new Features(true))) {
            if (def.name().equals(Tables.REVENUE)) {
                assertEquals(plain.get(def.name()).columnsDdl() + ", units_sold BIGINT", def.columnsDdl());
            } else {
                assertEquals(plain.get(def.name()), def, def.name());
            }
        }
    }
}

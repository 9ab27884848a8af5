package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsistentCutTest {

    @TempDir
    Path dir;

    static ConsistentCut sample() {
        Map<Domain, DomainCut> domains = new HashMap<>();
        domains.put(Domain.FULFILLMENT, new DomainCut(-1, "fulfillment.events", Map.of(1, 4L, 0, 3L)));
        domains.put(Domain.ORDERS, new DomainCut(12, "orders.cdc", Map.of(10, 5L, 2, 1150L, 0, 1200L)));
        domains.put(Domain.INVENTORY, new DomainCut(7, "inventory.events", Map.of(0, 0L)));
        Map<String, Long> versions = new HashMap<>(Map.of("orders", 14L, "bronze_orders", 13L, "daily_revenue", 9L,
                "ref_products", 2L));
        return new ConsistentCut("retail_ops", Colour.BLUE, 3, 41, domains, versions,
                Instant.parse("2026-11-20T12:00:00.123456789Z"));
    }

    @Test
    void json_round_trips_and_equal_cuts_have_equal_text() {
        ConsistentCut cut = sample();
        String json = cut.toJson();

        ConsistentCut back = ConsistentCut.fromJson(json);

        assertEquals(cut, back);
        assertEquals(json, back.toJson());
        assertTrue(json.startsWith("{\n  \"format\" : \"consistent-cut/v1\",\n  \"pipeline\" : \"retail_ops\",\n"
                + "  \"colour\" : \"blue\",\n  \"generation\" : 3,\n  \"goldBatch\" : 41,\n"
                + "  \"takenAt\" : \"2026-11-20T12:00:00.123456789Z\",\n  \"domains\" : {\n    \"orders\" : {"), json);
        assertTrue(json.indexOf("\"orders\" : {") < json.indexOf("\"inventory\"")
                && json.indexOf("\"inventory\"") < json.indexOf("\"fulfillment\""), "domains in Domain order");
        assertTrue(json.replaceAll("\\s", "").contains("\"offsets\":{\"0\":1200,\"2\":1150,\"10\":5}"),
                "partitions in numeric order: " + json);
        assertTrue(json.replaceAll("\\s", "").contains("\"tableVersions\":{\"bronze_orders\":13,\"daily_revenue\":9,"
                + "\"orders\":14,\"ref_products\":2}"), json);
    }

    /** {@link #sample()}'s JSON form, written by hand: the cut file format other colours and operators read. */
    private static final String SAMPLE_JSON = """
            {
              "format" : "consistent-cut/v1",
              "pipeline" : "retail_ops",
              "colour" : "blue",
              "generation" : 3,
              "goldBatch" : 41,
              "takenAt" : "2026-11-20T12:00:00.123456789Z",
              "domains" : {
                "orders" : {
                  "batchId" : 12,
                  "topic" : "orders.cdc",
                  "offsets" : {
                    "0" : 1200,
                    "2" : 1150,
                    "10" : 5
                  }
                },
                "inventory" : {
                  "batchId" : 7,
                  "topic" : "inventory.events",
                  "offsets" : {
                    "0" : 0
                  }
                },
                "fulfillment" : {
                  "batchId" : -1,
                  "topic" : "fulfillment.events",
                  "offsets" : {
                    "0" : 3,
                    "1" : 4
                  }
                }
              },
              "tableVersions" : {
                "bronze_orders" : 13,
                "daily_revenue" : 9,
                "orders" : 14,
                "ref_products" : 2
              }
            }
            """;

    @Test
    void a_fixed_cut_serialises_to_exactly_the_golden_text_and_parses_back_from_it() {
        ConsistentCut cut = sample();

        assertEquals(SAMPLE_JSON, cut.toJson());
        assertEquals(cut, ConsistentCut.fromJson(SAMPLE_JSON));
    }

    @Test
    void writes_and_reads_the_bootstrap_cut_file() throws IOException {
        Path file = dir.resolve("g2").resolve("_bootstrap").resolve("cut.json");
        ConsistentCut cut = sample();

        cut.write(Storage.local(), file.toString());
        cut.write(Storage.local(), file.toString());                                   // replaces, leaves no temporary file

        assertEquals(cut, ConsistentCut.read(Storage.local(), file.toString()));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void reading_a_missing_or_foreign_file_fails_clearly() throws IOException {
        CutException missing = assertThrows(CutException.class, () -> ConsistentCut.read(Storage.local(), dir.resolve("cut.json").toString()));
        assertTrue(missing.getMessage().contains("the file does not exist"), missing.getMessage());

        Path other = dir.resolve("other.json");
        Files.writeString(other, sample().toJson().replace("consistent-cut/v1", "consistent-cut/v9"));
        CutException format = assertThrows(CutException.class, () -> ConsistentCut.read(Storage.local(), other.toString()));
        assertTrue(format.getMessage().contains("its format is 'consistent-cut/v9'"), format.getMessage());

        Files.writeString(other, sample().toJson().replace("\"goldBatch\" : 41,", ""));
        CutException field = assertThrows(CutException.class, () -> ConsistentCut.read(Storage.local(), other.toString()));
        assertTrue(field.getMessage().contains("field 'goldBatch' is missing"), field.getMessage());
    }

    @Test
    void a_cut_covers_every_domain() {
        ConsistentCut full = sample();
        Map<Domain, DomainCut> two = new HashMap<>(full.domains());
        two.remove(Domain.INVENTORY);
        assertThrows(IllegalArgumentException.class, () -> new ConsistentCut("retail_ops", Colour.BLUE, 1, 0, two,
                full.tableVersions(), full.takenAt()));
    }

    @Test
    void starting_offsets_add_partitions_created_after_the_cut_at_earliest() {
        DomainCut d = sample().domains().get(Domain.ORDERS);

        assertEquals("{\"orders.cdc\":{\"0\":1200,\"1\":-2,\"2\":1150,\"10\":5,\"11\":-2}}",
                d.startingOffsetsJson(Set.of(0, 1, 2, 10, 11)));
        assertEquals("{\"orders.cdc\":{\"0\":1200,\"2\":1150,\"10\":5}}", d.startingOffsetsJson(Set.of(0, 2, 10)));
    }

    @Test
    void starting_offsets_refuse_a_topic_that_lost_a_partition_of_the_cut() {
        DomainCut d = sample().domains().get(Domain.ORDERS);

        CutException e = assertThrows(CutException.class, () -> d.startingOffsetsJson(Set.of(0, 1, 2)));

        assertTrue(e.getMessage().contains("reads partitions [10] of topic orders.cdc but the topic now has partitions"),
                e.getMessage());
    }
}

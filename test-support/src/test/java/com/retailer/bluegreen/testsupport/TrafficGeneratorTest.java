package com.retailer.bluegreen.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.layout.Domain;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static List<GeneratedRecord> run(GeneratorConfig config) {
        return new TrafficGenerator(new InMemorySchemaRegistry(), config).generate();
    }

    @Test
    void sameSeedGivesIdenticalBytes() {
        GeneratorConfig config = GeneratorConfig.of(7, "det", NOW, 5_000);
        List<GeneratedRecord> a = run(config);
        List<GeneratedRecord> b = run(config);
        assertEquals(a, b);
        for (int i = 0; i < a.size(); i++) {
            assertTrue(java.util.Arrays.equals(a.get(i).value(), b.get(i).value()));
        }
        assertNotEquals(a, run(config.withSeed(8)));
    }

    @Test
    void registersOrdersV1AndV2UnderTheTopicSubject() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        GeneratorConfig config = GeneratorConfig.of(1, "reg", NOW, 100)
                .withTopics(Map.of(Domain.ORDERS, "orders.cdc.test"));
        TrafficGenerator generator = new TrafficGenerator(registry, config);
        List<Integer> orderIds = registry.versions(SchemaRegistry.valueSubject("orders.cdc.test"));
        assertEquals(List.of(generator.schemaId(Domain.ORDERS, 1), generator.schemaId(Domain.ORDERS, 2)), orderIds);
        assertEquals(List.of(generator.schemaId(Domain.INVENTORY, 1)),
                registry.versions(SchemaRegistry.valueSubject("inventory.events")));
        assertTrue(generator.generate().stream().filter(r -> r.domain() == Domain.ORDERS)
                .allMatch(r -> r.topic().equals("orders.cdc.test")));
    }

    @Test
    void generateCountIsAboutTheRequestedSize() {
        TrafficGenerator generator = new TrafficGenerator(new InMemorySchemaRegistry(),
                GeneratorConfig.of(3, "cnt", NOW, 10));
        int size = generator.generateCount(20_000).size();
        assertTrue(size > 18_000 && size < 22_500, "size " + size);
    }

    @Test
    void chunksContinueTheStreamWithFreshIdsAndLaterTimes() {
        TrafficGenerator generator = new TrafficGenerator(new InMemorySchemaRegistry(),
                GeneratorConfig.of(5, "str", NOW, 2_000));
        List<GeneratedRecord> first = generator.generate();
        Iterator<List<GeneratedRecord>> chunks = generator.chunks();
        assertEquals(first, chunks.next());
        List<GeneratedRecord> second = chunks.next();
        Set<String> firstKeys = orderIds(first);
        assertTrue(orderIds(second).stream().noneMatch(firstKeys::contains));
        Iterator<GeneratedRecord> stream = generator.stream();
        for (GeneratedRecord r : first) {
            assertEquals(r, stream.next());
        }
        assertEquals(second.get(0), stream.next());
    }

    private static Set<String> orderIds(List<GeneratedRecord> records) {
        return records.stream().filter(r -> r.expectation() instanceof Expectation.OrderChange)
                .map(r -> ((Expectation.OrderChange) r.expectation()).orderId()).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    @Test
    void everyBusinessKeyCarriesTheRunTagAndKafkaKeysFollowTheSpec() {
        List<GeneratedRecord> records = run(GeneratorConfig.of(11, "tagX", NOW, 3_000));
        Set<String> keys = new HashSet<>();
        for (GeneratedRecord r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertTrue(!key.isEmpty(), "every record has a key");
            keys.add(key);
            if (r.expectation() instanceof Expectation.OrderChange o && !o.orderId().isEmpty()) {
                assertTrue(o.orderId().startsWith("tagX-o-"), o.orderId());
                assertEquals(o.orderId(), key);
            } else if (r.expectation() instanceof Expectation.InventoryEvent i && !i.sku().isEmpty()) {
                assertTrue(i.eventId().startsWith("tagX-i-"), i.eventId());
                assertEquals(i.sku(), key);
            } else if (r.expectation() instanceof Expectation.FulfillmentEvent f && !f.shipmentId().isEmpty()) {
                assertTrue(f.shipmentId().startsWith("tagX-s-") && f.orderId().startsWith("tagX-o-"), f.toString());
                assertEquals(f.shipmentId(), key);
            }
        }
        assertTrue(keys.size() > 100);
    }

    @Test
    void aStreamOfSmallChunksCyclesThroughEveryPoisonKindOnEveryTopic() {
        TrafficGenerator generator = new TrafficGenerator(new InMemorySchemaRegistry(),
                GeneratorConfig.of(11L, "small", java.time.Instant.parse("2026-11-20T12:00:00Z"), 1000));
        java.util.Set<String> seen = new java.util.TreeSet<>();
        java.util.Iterator<List<GeneratedRecord>> chunks = generator.chunks();
        for (int i = 0; i < 12; i++) {
            for (GeneratedRecord r : chunks.next()) {
                if (r.expectation() instanceof Expectation.Poison p) {
                    seen.add(r.domain() + ":" + p.expectedStatus());
                }
            }
        }
        for (com.retailer.bluegreen.layout.Domain d : com.retailer.bluegreen.layout.Domain.values()) {
            for (String status : List.of("NULL_VALUE", "BAD_MAGIC", "UNKNOWN_SCHEMA", "MALFORMED")) {
                org.junit.jupiter.api.Assertions.assertTrue(seen.contains(d + ":" + status),
                        d + ":" + status + " missing from " + seen);
            }
        }
    }
}

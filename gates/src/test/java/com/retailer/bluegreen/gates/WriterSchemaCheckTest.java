package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.ingest.CompatibilityLevel;
import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.ingest.ReaderSchemas;
import com.retailer.bluegreen.ingest.RegistryUnavailableException;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.layout.Domain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class WriterSchemaCheckTest {
    private static final String SUBJECT = SchemaRegistry.valueSubject("inventory.events");

    /** The inventory record with the given fields (name, Avro type JSON, optional default JSON). */
    private static Schema inventory(String... fields) {
        StringBuilder json = new StringBuilder("{\"type\":\"record\",\"name\":\"InventoryEvent\","
                + "\"namespace\":\"com.retailer.inventory\",\"fields\":[");
        for (int i = 0; i < fields.length; i++) {
            json.append(i == 0 ? "" : ",").append(fields[i]);
        }
        return new Schema.Parser().parse(json.append("]}").toString());
    }

    private static final String EVENT_ID = "{\"name\":\"event_id\",\"type\":\"string\"}";
    private static final String SKU = "{\"name\":\"sku\",\"type\":\"string\"}";
    private static final String WAREHOUSE = "{\"name\":\"warehouse_id\",\"type\":\"string\"}";
    private static final String DELTA = "{\"name\":\"quantity_delta\",\"type\":\"int\"}";
    private static final String REASON = "{\"name\":\"reason\",\"type\":\"string\"}";
    private static final String TS = "{\"name\":\"event_ts_ms\",\"type\":\"long\"}";

    @Test
    void evolvedCompatibleIncompatibleAndUnknownIdsAreEachReported() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        // Ids written under a subject whose level let incompatible versions in (the gate must still judge them).
        registry.setCompatibility(SUBJECT, CompatibilityLevel.NONE);
        int current = registry.register(SUBJECT, ReaderSchemas.forDomain(Domain.INVENTORY));
        int evolved = registry.register(SUBJECT, inventory(EVENT_ID, SKU, WAREHOUSE, DELTA, REASON, TS,
                "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}"));
        int noReason = registry.register(SUBJECT, inventory(EVENT_ID, SKU, WAREHOUSE, DELTA, TS));
        int textDelta = registry.register(SUBJECT, inventory(EVENT_ID, SKU, WAREHOUSE,
                "{\"name\":\"quantity_delta\",\"type\":\"string\"}", REASON, TS));
        int unknown = 99;

        WriterSchemaFindings findings = WriterSchemaCheck.check(
                Map.of(Domain.INVENTORY, Set.of(textDelta, unknown, current, noReason, evolved)), registry);

        List<WriterSchemaFindings.Finding> f = findings.findings();
        assertEquals(List.of(1, 2, 3, 4, 99), f.stream().map(WriterSchemaFindings.Finding::schemaId).toList());
        assertEquals(WriterSchemaFindings.Compatibility.COMPATIBLE, f.get(0).compatibility());
        assertEquals(WriterSchemaFindings.Compatibility.COMPATIBLE, f.get(1).compatibility());
        assertNull(f.get(1).reason());
        assertEquals(WriterSchemaFindings.Compatibility.INCOMPATIBLE, f.get(2).compatibility());
        assertTrue(f.get(2).reason().startsWith("field reason: "), f.get(2).reason());
        assertEquals(WriterSchemaFindings.Compatibility.INCOMPATIBLE, f.get(3).compatibility());
        assertTrue(f.get(3).reason().startsWith("field quantity_delta: reader type: INT not compatible with writer"
                + " type: STRING"), f.get(3).reason());
        assertEquals(WriterSchemaFindings.Compatibility.UNKNOWN_TO_REGISTRY, f.get(4).compatibility());
    }

    @Test
    void anUnreachableRegistryLeavesTheGateUndecided() {
        SchemaRegistry down = new SchemaRegistry() {
            @Override
            public int register(String subject, Schema schema) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Schema schemaById(int id) {
                throw new RegistryUnavailableException("connection refused", null);
            }
        };

        assertThrows(RegistryUnavailableException.class,
                () -> WriterSchemaCheck.check(Map.of(Domain.ORDERS, Set.of(1)), down));
    }
}

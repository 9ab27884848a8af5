package com.retailer.bluegreen.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.retailer.bluegreen.layout.Domain;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

class ReaderSchemasTest {

    @Test
    void eachDomainReadsWithItsDocumentedRecordType() {
        assertEquals("com.retailer.orders.OrderChange", ReaderSchemas.forDomain(Domain.ORDERS).getFullName());
        assertEquals("com.retailer.inventory.InventoryEvent", ReaderSchemas.forDomain(Domain.INVENTORY).getFullName());
        assertEquals("com.retailer.fulfillment.FulfillmentEvent",
                ReaderSchemas.forDomain(Domain.FULFILLMENT).getFullName());
    }

    @Test
    void schemasAreParsedOnceAndShared() {
        assertSame(ReaderSchemas.forDomain(Domain.ORDERS), ReaderSchemas.forDomain(Domain.ORDERS));
        assertSame(ReaderSchemas.forDomain(Domain.ORDERS), ReaderSchemas.latestWriter(Domain.ORDERS));
    }

    @Test
    void ordersShipTwoWriterVersionsOldestFirstAndTheOthersOne() {
        List<Schema> orders = ReaderSchemas.writerVersions(Domain.ORDERS);
        assertEquals(2, orders.size());
        assertEquals(null, orders.get(0).getField("before").schema().getTypes().get(1).getField("currency"));
        assertEquals(1, ReaderSchemas.writerVersions(Domain.INVENTORY).size());
        assertEquals(1, ReaderSchemas.writerVersions(Domain.FULFILLMENT).size());
    }

    @Test
    void everyWriterVersionCanBeReadWithTheReaderSchema() {
        for (Domain domain : Domain.values()) {
            for (Schema writer : ReaderSchemas.writerVersions(domain)) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(ReaderSchemas.forDomain(domain), writer);
                assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE, result.getType(),
                        domain + ": " + result.getDescription());
            }
        }
    }

    @Test
    void registerAllRegistersEveryVersionUnderTheTopicsValueSubject() throws Exception {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        List<Integer> ids = ReaderSchemas.registerAll(registry, Domain.ORDERS, "orders.cdc");
        assertEquals(List.of(1, 2), ids);
        assertEquals(List.of("orders.cdc-value"), registry.subjects());
        assertEquals(List.of(1, 2), registry.versions("orders.cdc-value"));
        assertEquals(ReaderSchemas.writerVersions(Domain.ORDERS).get(0), registry.schemaById(1));
        assertEquals(2, ReaderSchemas.registerLatest(registry, Domain.ORDERS, "orders.cdc"));
    }

    @Test
    void registerLatestUsesTheGivenTopicNotTheDefault() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        ReaderSchemas.registerLatest(registry, Domain.INVENTORY, "blue.inventory");
        assertEquals(List.of("blue.inventory-value"), registry.subjects());
    }
}

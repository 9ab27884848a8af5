package com.retailer.bluegreen.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.layout.Domain;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SchemaRegistry} must do, run against each implementation (Iceberg's {@code CatalogTests}
 * pattern). Subclasses provide a fresh, empty registry per test.
 */
public abstract class SchemaRegistryContract {
    private static final Schema ORDERS_V1 = ReaderSchemas.writerVersions(Domain.ORDERS).get(0);
    private static final Schema ORDERS_V2 = ReaderSchemas.writerVersions(Domain.ORDERS).get(1);
    private static final Schema INVENTORY = ReaderSchemas.forDomain(Domain.INVENTORY);

    private SchemaRegistry registry;

    /** A new registry that holds no schemas. */
    protected abstract SchemaRegistry newEmptyRegistry() throws Exception;

    /** Releases whatever {@link #newEmptyRegistry()} started. */
    protected void tearDown() throws Exception {
    }

    @BeforeEach
    final void setUpRegistry() throws Exception {
        registry = newEmptyRegistry();
    }

    @AfterEach
    final void closeRegistry() throws Exception {
        registry.close();
        tearDown();
    }

    @Test
    void registeringTheSameSchemaTwiceReturnsTheSameId() {
        int first = registry.register("orders.cdc-value", ORDERS_V2);
        int second = registry.register("orders.cdc-value", ORDERS_V2);
        assertEquals(first, second);
    }

    @Test
    void registeringAnEqualSchemaParsedSeparatelyReturnsTheSameId() throws Exception {
        int first = registry.register("orders.cdc-value", ORDERS_V2);
        String pretty = new ObjectMapper().readTree(ORDERS_V2.toString()).toPrettyString();
        Schema reparsed = new Schema.Parser().parse(pretty);
        assertEquals(first, registry.register("orders.cdc-value", reparsed));
    }

    @Test
    void theSameSchemaGetsTheSameIdInEverySubject() {
        int blue = registry.register("blue.orders-value", ORDERS_V2);
        int green = registry.register("green.orders-value", ORDERS_V2);
        assertEquals(blue, green);
    }

    @Test
    void differentSchemasGetDifferentIds() {
        int v1 = registry.register("orders.cdc-value", ORDERS_V1);
        int v2 = registry.register("orders.cdc-value", ORDERS_V2);
        int inventory = registry.register("inventory.events-value", INVENTORY);
        assertNotEquals(v1, v2);
        assertNotEquals(v2, inventory);
        assertNotEquals(v1, inventory);
    }

    @Test
    void aRegisteredSchemaIsReturnedByItsId() throws Exception {
        int v1 = registry.register("orders.cdc-value", ORDERS_V1);
        int inventory = registry.register("inventory.events-value", INVENTORY);
        assertEquals(ORDERS_V1, registry.schemaById(v1));
        assertEquals(INVENTORY, registry.schemaById(inventory));
    }

    @Test
    void anUnknownIdRaisesSchemaNotFoundNamingTheId() {
        registry.register("orders.cdc-value", ORDERS_V2);
        SchemaNotFoundException e = assertThrows(SchemaNotFoundException.class, () -> registry.schemaById(987_654));
        assertEquals(987_654, e.schemaId());
    }

    @Test
    void anEmptyRegistryKnowsNoId() {
        assertThrows(SchemaNotFoundException.class, () -> registry.schemaById(1));
    }
}

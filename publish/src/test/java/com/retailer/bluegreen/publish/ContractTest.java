package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContractTest {
    static final Contract V1 = Contract.of(List.of(
            Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "BIGINT"),
            Contract.View.of("order_counts", "order_counts", "status", "STRING", "n", "BIGINT")));

    @Test
    void aContractThatAddsViewsAndColumnsGrows() {
        Contract v2 = Contract.of(List.of(
                Contract.View.of("daily_revenue", "daily_revenue_v2", "day", "date", "avg_basket", "DOUBLE",
                        "revenue", "bigint"),
                Contract.View.of("order_counts", "order_counts", "status", "STRING", "n", "LONG"),
                Contract.View.of("stock", "stock", "sku", "STRING")));
        assertSame(v2, V1.grow(v2));
        assertSame(V1, V1.grow(V1));
    }

    @Test
    void droppingAViewIsRefusedNamingTheView() {
        Contract v2 = Contract.of(List.of(V1.views().get("daily_revenue")));
        ContractException e = assertThrows(ContractException.class, () -> V1.grow(v2));
        assertTrue(e.getMessage().contains("drops view 'order_counts'"), e.getMessage());
    }

    @Test
    void droppingAColumnIsRefusedNamingViewAndColumn() {
        Contract v2 = Contract.of(List.of(
                Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE"),
                V1.views().get("order_counts")));
        ContractException e = assertThrows(ContractException.class, () -> V1.grow(v2));
        assertTrue(e.getMessage().contains("drops column 'revenue' (BIGINT) of view 'daily_revenue'"), e.getMessage());
        assertTrue(e.getMessage().contains("CAST(NULL AS BIGINT)"), e.getMessage());
    }

    @Test
    void changingATypeIsRefusedNamingBothTypes() {
        Contract v2 = Contract.of(List.of(
                Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "DECIMAL(18,2)"),
                V1.views().get("order_counts")));
        ContractException e = assertThrows(ContractException.class, () -> V1.grow(v2));
        assertTrue(e.getMessage().contains("changes column 'revenue' of view 'daily_revenue' from BIGINT to"
                + " DECIMAL(18,2)"), e.getMessage());
    }

    @Test
    void typesAreNormalised() {
        assertEquals("DECIMAL(10,2)", new Contract.Column("x", " decimal( 10 , 2 ) ").type());
        assertEquals("DECIMAL(10,0)", new Contract.Column("x", "DECIMAL").type());
        assertEquals("INT", new Contract.Column("x", "integer").type());
        assertEquals("MAP<STRING,BIGINT>", new Contract.Column("x", "map<string, long>").type());
    }

    @Test
    void invalidContractsAreRefused() {
        assertThrows(ContractException.class, () -> Contract.of(List.of()));
        assertThrows(ContractException.class, () -> Contract.View.of("v", "t"));
        assertThrows(ContractException.class, () -> Contract.View.of("v", "t", "a", "INT", "a", "INT"));
        assertThrows(ContractException.class, () -> Contract.View.of("Bad-Name", "t", "a", "INT"));
        assertThrows(ContractException.class, () -> Contract.View.of("v", "t", "a b", "INT"));
        ContractException reserved = assertThrows(ContractException.class,
                () -> Contract.View.of("v", "t", "release_id", "STRING"));
        assertTrue(reserved.getMessage().contains("adds to every view itself"), reserved.getMessage());
        assertThrows(ContractException.class, () -> Contract.of(List.of(
                Contract.View.of("v", "t", "a", "INT"), Contract.View.of("v", "u", "a", "INT"))));
    }
}

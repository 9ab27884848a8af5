package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The effective contract: what was published, grown by the file; and its JSON form in audit records. No Spark. */
class EffectiveContractTest {
    private static final Contract STORED = Contract.of(List.of(
            Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "BIGINT", "region", "STRING"),
            Contract.View.of("orders", "orders", "order_id", "STRING")));

    @Test
    void withNothingStoredTheFileIsTheContract() {
        EffectiveContract e = EffectiveContract.merge(Optional.empty(), STORED, true);
        assertSame(STORED, e.contract());
        assertEquals(List.of(), e.kept());
    }

    @Test
    void aFileThatDropsAColumnOrViewKeepsPublishingItAndAddsItsNewOnes() {
        Contract file = Contract.of(List.of(
                Contract.View.of("daily_revenue", "daily_revenue_v2", "avg_basket", "DOUBLE", "day", "date",
                        "revenue", "BIGINT"),
                Contract.View.of("stock", "inventory_on_hand", "sku", "STRING")));
        EffectiveContract e = EffectiveContract.merge(Optional.of(STORED), file, true);
        Contract.View revenue = e.contract().views().get("daily_revenue");
        assertEquals("daily_revenue_v2", revenue.sourceTable(), "the file may re-point a view");
        assertEquals(List.of("day", "revenue", "region", "avg_basket"),
                revenue.columns().stream().map(Contract.Column::name).toList(), "published order first, then new");
        assertEquals(List.of("daily_revenue", "orders", "stock"), List.copyOf(e.contract().views().keySet()));
        assertEquals(List.of("daily_revenue.region (STRING)", "view orders"), e.kept());
        assertSame(e.contract(), STORED.grow(e.contract()));
    }

    @Test
    void aChangedTypeRefusesAPromotionButARollbackKeepsThePublishedType() {
        Contract file = Contract.of(List.of(
                Contract.View.of("daily_revenue", "daily_revenue", "day", "DATE", "revenue", "DECIMAL(18,2)",
                        "region", "STRING"),
                Contract.View.of("orders", "orders", "order_id", "STRING")));
        ContractException refused = assertThrows(ContractException.class,
                () -> EffectiveContract.merge(Optional.of(STORED), file, true));
        assertTrue(refused.getMessage().contains("changes column 'revenue' of view 'daily_revenue' from BIGINT to"
                + " DECIMAL(18,2)"), refused.getMessage());
        EffectiveContract lenient = EffectiveContract.merge(Optional.of(STORED), file, false);
        assertEquals(STORED, lenient.contract());
        assertEquals(List.of("daily_revenue.revenue is BIGINT (published), DECIMAL(18,2) in the contract file"),
                lenient.conflicts());
    }

    @Test
    void theContractRoundTripsThroughAuditRecordDetails() throws Exception {
        String details = new ObjectMapper().createObjectNode().set(ContractJson.FIELD, ContractJson.write(STORED))
                .toString();
        assertEquals(Optional.of(STORED), ContractJson.fromDetails(details));
        assertEquals(Optional.empty(), ContractJson.fromDetails("{\"gates\":[]}"));
        assertEquals(Optional.empty(), ContractJson.fromDetails(null));
        assertTrue(details.startsWith("{\"contract\":[{\"view\":\"daily_revenue\",\"source\":\"daily_revenue\","
                + "\"columns\":[{\"name\":\"day\",\"type\":\"DATE\"}"), details);
    }
}

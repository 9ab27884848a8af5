package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.publish.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaGateTest {
    private static final Colours GREEN_VS_BLUE = new Colours(Colour.GREEN, Colour.BLUE);
    private static final Contract CONTRACT = Contract.of(List.of(
            Contract.View.of("orders", "orders", "order_id", "STRING", "channel", "STRING", "quantity", "INT",
                    "amount_cents", "BIGINT", "price", "DECIMAL(10,2)")));

    /** The columns as DESCRIBE spells them: lower case, blanks in decimals. */
    private static List<TableColumn> ordersAsContract() {
        return new ArrayList<>(List.of(new TableColumn("order_id", "string", false),
                new TableColumn("channel", "string", true), new TableColumn("quantity", "int", true),
                new TableColumn("amount_cents", "bigint", true), new TableColumn("price", "decimal(10, 2)", true)));
    }

    private static List<TableColumn> replace(List<TableColumn> columns, TableColumn column) {
        List<TableColumn> out = new ArrayList<>(columns);
        out.replaceAll(c -> c.name().equals(column.name()) ? column : c);
        return out;
    }

    private static SchemaResult evaluate(List<TableColumn> green, List<TableColumn> blue) {
        return SchemaGate.evaluate(GREEN_VS_BLUE, CONTRACT, Map.of("orders", green),
                blue == null ? Map.of() : Map.of("orders", blue), WriterSchemaFindings.none());
    }

    @Test
    void aCandidateWithTheContractsColumnsPassesAndListsWhatItAdds() {
        List<TableColumn> green = ordersAsContract();
        green.add(new TableColumn("coupon_code", "string", true));
        green.add(new TableColumn("src_offset", "bigint", true));

        SchemaResult result = evaluate(green, ordersAsContract());

        assertEquals(Verdict.PASS, result.verdict());
        assertEquals(List.of(), result.failures());
        assertEquals(List.of("orders.coupon_code (STRING)", "orders.src_offset (BIGINT)"), result.added());
        assertEquals(5, result.columns().size());
        assertEquals("DECIMAL(10,2)", result.columns().get(4).candidateType());
    }

    @Test
    void aDroppedContractColumnFailsNamingTableColumnAndType() {
        List<TableColumn> green = ordersAsContract();
        green.removeIf(c -> c.name().equals("channel"));

        SchemaResult result = evaluate(green, ordersAsContract());

        assertEquals(Verdict.FAIL, result.verdict());
        assertEquals(List.of("green drops contract column orders.channel (STRING)"), result.failures());
    }

    @Test
    void aNarrowedTypeFailsNamingTheColumnAndBothTypesAgainstContractAndLive() {
        SchemaResult result = evaluate(replace(ordersAsContract(), new TableColumn("amount_cents", "int", true)),
                ordersAsContract());

        assertEquals(List.of(
                "green narrows contract column orders.amount_cents: contract says BIGINT, green has INT",
                "green narrows orders.amount_cents from BIGINT in blue to INT"), result.failures());
    }

    @Test
    void aChangeOfKindFailsAsATypeChange() {
        SchemaResult result = evaluate(replace(ordersAsContract(), new TableColumn("amount_cents", "string", true)),
                null);

        assertEquals(List.of("green changes the type of contract column orders.amount_cents: contract says BIGINT,"
                + " green has STRING"), result.failures());
    }

    @Test
    void aTypeWiderThanTheContractFailsAskingForAWidenedContract() {
        SchemaResult result = evaluate(replace(ordersAsContract(), new TableColumn("quantity", "bigint", true)),
                ordersAsContract());

        assertEquals(List.of("orders.quantity: contract says INT, green has BIGINT: widen the contract column"
                + " (add a new column or a release with a widened contract)"), result.failures());
    }

    @Test
    void aDecimalWithMorePrecisionThanTheLiveColoursPassesWhenItIsTheContractsType() {
        // Live still has the narrower decimal it was published with (cast up by the view); green matches the contract.
        SchemaResult result = evaluate(ordersAsContract(),
                replace(ordersAsContract(), new TableColumn("price", "decimal(8,2)", true)));

        assertEquals(Verdict.PASS, result.verdict());
        assertEquals("DECIMAL(8,2)", result.columns().get(4).liveType());
    }

    @Test
    void tighteningNullabilityFailsOnlyWhereTheLiveColourAllowsNulls() {
        List<TableColumn> green = replace(ordersAsContract(), new TableColumn("channel", "string", false));

        assertEquals(List.of("green tightens orders.channel to NOT NULL while blue allows nulls: rows blue accepts"
                + " would fail to write in green"), evaluate(green, ordersAsContract()).failures());
        assertEquals(Verdict.PASS, evaluate(green, null).verdict());
    }

    @Test
    void aMissingSourceTableFailsNamingIt() {
        SchemaResult result = SchemaGate.evaluate(Colours.withoutLive(Colour.GREEN), CONTRACT, Map.of(), Map.of(),
                WriterSchemaFindings.none());

        assertEquals(List.of("orders"), result.missingTables());
        assertEquals(1, result.failures().size());
        assertTrue(result.failures().get(0).startsWith("green has no table orders (read by view orders)"),
                result.failures().get(0));
    }

    @Test
    void anIncompatibleWriterSchemaFailsAndAnUnknownOneIsOnlyCounted() {
        WriterSchemaFindings avro = new WriterSchemaFindings(List.of(
                new WriterSchemaFindings.Finding(Domain.INVENTORY, 3,
                        WriterSchemaFindings.Compatibility.INCOMPATIBLE, "reason at /fields/4"),
                new WriterSchemaFindings.Finding(Domain.INVENTORY, 9,
                        WriterSchemaFindings.Compatibility.UNKNOWN_TO_REGISTRY, null)));

        SchemaResult result = SchemaGate.evaluate(GREEN_VS_BLUE, CONTRACT, Map.of("orders", ordersAsContract()),
                Map.of(), avro);

        assertEquals(1, result.failures().size());
        assertTrue(result.failures().get(0).startsWith("inventory writer schema id 3 cannot be read with the"
                + " pipeline's reader schema: reason at /fields/4."), result.failures().get(0));
        assertTrue(result.summary().endsWith("2 writer schemas (1 bad, 1 unknown)"), result.summary());
    }
}

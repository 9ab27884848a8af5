package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract file: its format, and every problem reported at once naming view and column. No Spark. */
class ContractFileTest {
    static final Path SHIPPED = Path.of(System.getProperty("basedir", "."), "..", "conf", "contract.yaml");

    private static ContractFileException invalid(String yaml) {
        return assertThrows(ContractFileException.class, () -> ContractFile.parse(yaml, "'test.yaml'"));
    }

    @Test
    void theShippedContractListsTheGoldTablesAndSilverOrdersInFileOrder() {
        Contract c = ContractFile.load(SHIPPED, "publish.contract");
        assertEquals(List.of("daily_revenue", "inventory_on_hand", "fulfillment_sla", "orders", "shipments"),
                List.copyOf(c.views().keySet()));
        Contract.View revenue = c.views().get("daily_revenue");
        assertEquals("daily_revenue", revenue.sourceTable());
        assertEquals(List.of(new Contract.Column("order_date", "DATE"), new Contract.Column("region", "STRING"),
                new Contract.Column("category", "STRING"), new Contract.Column("revenue_cents", "BIGINT"),
                new Contract.Column("order_count", "BIGINT")), revenue.columns());
        assertEquals("INT", c.views().get("orders").column("quantity").orElseThrow().type());
    }

    @Test
    void typesAreNormalisedAndNestedTypesAccepted() {
        Contract c = ContractFile.parse("""
                views:
                  v:
                    source: t
                    columns:
                      a: decimal(18, 2)
                      b: array<string>
                      c: "map<string, struct<x: int, y: array<bigint>>>"
                      d: long
                      e: varchar(10)
                """, "'x'");
        assertEquals(List.of("DECIMAL(18,2)", "ARRAY<STRING>", "MAP<STRING,STRUCT<X:INT,Y:ARRAY<BIGINT>>>", "BIGINT",
                "VARCHAR(10)"), c.views().get("v").columns().stream().map(Contract.Column::type).toList());
    }

    @Test
    void everyProblemIsReportedTogetherNamingViewAndColumn() {
        ContractFileException e = invalid("""
                views:
                  daily_revenue:
                    columns:
                      order_date: DATETIME
                      revenue: NUMBER
                      amount: decimal(40,2)
                  orders:
                    source: orders
                    colums:
                      order_id: STRING
                  Bad-View:
                    source: t
                    columns:
                      release_id: STRING
                      ok: map<string>
                """);
        assertEquals(List.of(
                "view 'daily_revenue' has no source: name the table it reads in each colour's schema, e.g."
                        + " 'source: daily_revenue'",
                "view 'daily_revenue': column 'order_date' has unknown type 'DATETIME': expected "
                        + KnownTypes.EXAMPLES + " (did you mean TIMESTAMP?)",
                "view 'daily_revenue': column 'revenue' has unknown type 'NUMBER': expected " + KnownTypes.EXAMPLES
                        + " (did you mean DECIMAL(p,s)?)",
                "view 'daily_revenue': column 'amount' has unknown type 'decimal(40,2)': expected "
                        + KnownTypes.EXAMPLES,
                "view 'orders': unknown key 'colums', expected source, columns or description",
                "view 'orders' has no columns: expected 'columns:' mapping each column name to its Spark SQL type,"
                        + " in the order the view exposes them",
                "view name 'Bad-View' is not a lower-case identifier (letters, digits or '_', not starting with a"
                        + " digit), so it cannot be used in SQL unquoted",
                "view 'Bad-View': column 'release_id' is added to every view by the publisher itself; remove it"
                        + " from the file",
                "view 'Bad-View': column 'ok' has unknown type 'map<string>': expected " + KnownTypes.EXAMPLES),
                e.problems());
        assertTrue(e.getMessage().startsWith("Consumer contract 'test.yaml' has 9 problems, so nothing was"
                + " published or recorded:\n  view 'daily_revenue' has no source"), e.getMessage());
        assertTrue(e.getMessage().endsWith("and run the command again."), e.getMessage());
    }

    @Test
    void aColumnDeclaredTwiceIsNamedWithItsLine() {
        ContractFileException e = invalid("""
                views:
                  v:
                    source: t
                    columns:
                      a: INT
                      a: BIGINT
                """);
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("line 6: Duplicate field 'a'"), e.problems().get(0));
        assertTrue(e.problems().get(0).endsWith("is declared twice; declare each once"), e.problems().get(0));
    }

    @Test
    void aMissingFileNamesTheKeyAndWhereItWasLookedFor() {
        ContractFileException e = assertThrows(ContractFileException.class,
                () -> ContractFile.load(Path.of("no/such/contract.yaml"), "publish.contract"));
        assertTrue(e.getMessage().contains("Consumer contract 'no/such/contract.yaml' (publish.contract) has 1"
                + " problem"), e.getMessage());
        assertTrue(e.getMessage().contains("the file does not exist (resolved against "), e.getMessage());
    }

    @Test
    void aFileWithoutViewsOrWithUnknownKeysIsRefused() {
        assertTrue(invalid("view: {}\n").getMessage().contains("expected a map 'views:' with at least one view"));
        assertTrue(invalid("").getMessage().contains("expected a map 'views:'"));
        assertTrue(invalid("views: {v: {source: t, columns: {a: INT}}}\nversion: 2\n").problems()
                .contains("unknown key 'version' at the top level: expected only 'views'"));
        assertTrue(invalid("views: [a, b]\n").getMessage().contains("expected a map 'views:'"));
        assertTrue(invalid("views:\n  v: {source: t, columns: {a: INT}\n").problems().get(0)
                .contains("the YAML is malformed"));
    }

    @Test
    void aRenderedContractReadsBackAsTheSameContract() {
        Contract contract = Contract.of(List.of(
                Contract.View.of("daily_revenue", "daily_revenue", "order_date", "DATE", "units_sold", "BIGINT"),
                Contract.View.of("orders", "orders", "order_id", "STRING", "amount", "DECIMAL(18,2)")));
        String yaml = ContractFile.render(contract, "release 2\nadds units_sold");
        assertTrue(yaml.startsWith("# release 2\n# adds units_sold\n"), yaml);
        assertEquals(contract, ContractFile.parse(yaml, "'rendered'"));
    }
}

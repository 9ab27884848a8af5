package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewSqlTest {
    private static final Contract CONTRACT = Contract.of(List.of(Contract.View.of("daily_revenue", "daily_revenue",
            "day", "DATE", "revenue", "BIGINT", "avg_basket", "DOUBLE")));
    private static final ColourLayout BLUE = new ColourLayout("retail_ops", Colour.BLUE, 3, "main", "/ckpt", "/data");

    @Test
    void firstPublishCreatesTheViewAndMissingColumnsAreTypedNulls() {
        String sql = ViewSql.statement(CONTRACT, "daily_revenue", BLUE,
                Map.of("DAY", "DATE", "revenue", "INT", "extra", "STRING"), "r-1", false);
        assertEquals("CREATE VIEW main.retail_ops.daily_revenue AS SELECT CAST(day AS DATE) AS day,"
                + " CAST(revenue AS BIGINT) AS revenue, CAST(NULL AS DOUBLE) AS avg_basket, 'r-1' AS release_id"
                + " FROM main.retail_ops_blue.daily_revenue", sql);
    }

    @Test
    void laterPublishesAlterTheViewAndNeverReplaceIt() {
        String sql = ViewSql.statement(CONTRACT, "daily_revenue", BLUE,
                Map.of("day", "DATE", "revenue", "BIGINT", "avg_basket", "DOUBLE"), "r-2", true);
        assertTrue(sql.startsWith("ALTER VIEW main.retail_ops.daily_revenue AS SELECT "), sql);
        assertTrue(sql.contains("CAST(avg_basket AS DOUBLE) AS avg_basket"), sql);
        assertFalse(sql.contains("REPLACE"), sql);
    }

    @Test
    void theReleaseIdIsEscaped() {
        assertEquals("'it\\'s \\\\ r-1' AS release_id",
                ViewSql.selectList(CONTRACT.views().get("daily_revenue"), BLUE, Map.of(), "it's \\ r-1").get(3));
        assertThrows(ContractException.class, () -> ViewSql.select(CONTRACT, "daily_revenue", BLUE, Map.of(), " "));
    }

    @Test
    void aColourWhoseColumnHasAnIncompatibleTypeIsRefused() {
        ContractViolationException e = assertThrows(ContractViolationException.class, () -> ViewSql.statement(
                CONTRACT, "daily_revenue", BLUE, Map.of("day", "TIMESTAMP", "revenue", "STRING"), "r-1", true));
        assertEquals("daily_revenue", e.view());
        assertEquals(List.of("day is TIMESTAMP where the contract says DATE",
                "revenue is STRING where the contract says BIGINT"), e.problems());
        assertTrue(e.getMessage().contains("main.retail_ops_blue.daily_revenue does not satisfy the contract of view"
                + " 'daily_revenue'"), e.getMessage());
    }

    @Test
    void anUnknownViewIsRefused() {
        ContractException e = assertThrows(ContractException.class,
                () -> ViewSql.statement(CONTRACT, "nope", BLUE, Map.of(), "r-1", true));
        assertTrue(e.getMessage().contains("'nope' is not in the consumer contract"), e.getMessage());
    }

    @Test
    void onlyLosslessCastsAreAccepted() {
        assertTrue(SqlTypes.widensTo("INT", "BIGINT"));
        assertTrue(SqlTypes.widensTo("tinyint", "INT"));
        assertTrue(SqlTypes.widensTo("FLOAT", "DOUBLE"));
        assertTrue(SqlTypes.widensTo("DATE", "TIMESTAMP"));
        assertTrue(SqlTypes.widensTo("INT", "DECIMAL(12,2)"));
        assertTrue(SqlTypes.widensTo("DECIMAL(10,2)", "DECIMAL(12,3)"));
        assertTrue(SqlTypes.widensTo("decimal(10, 2)", "DECIMAL(10,2)"));
        assertFalse(SqlTypes.widensTo("BIGINT", "INT"));
        assertFalse(SqlTypes.widensTo("STRING", "BIGINT"));
        assertFalse(SqlTypes.widensTo("BIGINT", "STRING"));
        assertFalse(SqlTypes.widensTo("DOUBLE", "FLOAT"));
        assertFalse(SqlTypes.widensTo("BIGINT", "DECIMAL(18,0)"));
        assertFalse(SqlTypes.widensTo("DECIMAL(12,3)", "DECIMAL(12,2)"));
    }
}

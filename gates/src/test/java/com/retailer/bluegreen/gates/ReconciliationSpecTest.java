package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.transforms.TableDef;
import com.retailer.bluegreen.transforms.Tables;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconciliationSpecTest {

    /** Column names of a table as transforms declares it. */
    private static List<String> declared(String table) {
        TableDef def = Tables.all(com.retailer.bluegreen.transforms.Features.NONE).stream().filter(d -> d.name().equals(table)).findFirst().orElseThrow();
        return Arrays.stream(def.columnsDdl().replace('\n', ' ').split(","))
                .map(c -> c.trim().split("\\s+")[0]).toList();
    }

    @Test
    void eachSilverSpecComparesEveryDeclaredColumnButTheSourceCoordinates() {
        for (Domain d : Domain.values()) {
            ReconciliationSpec spec = ReconciliationSpec.silver(d, Map.of(), Map.of(0, 1L), Optional.empty());
            List<String> expected = declared(d.silverTable()).stream()
                    .filter(c -> !c.equals("src_partition") && !c.equals("src_offset")).toList();
            assertEquals(expected, spec.comparedColumns(), d.silverTable());
            assertTrue(spec.comparedColumns().containsAll(spec.keyColumns()), d.silverTable());
            assertTrue(spec.comparedColumns().contains(spec.businessTimeColumn()), d.silverTable());
        }
    }

    @Test
    void shipmentsAreBucketedByTheWinningEventsTime() {
        assertEquals("last_event_ts", ReconciliationSpec.silver(Domain.FULFILLMENT, Map.of(), Map.of(0, 1L),
                Optional.empty()).businessTimeColumn());
    }

    @Test
    void aLowerBoundOnAPartitionTheCutLacksIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReconciliationSpec.silver(
                Domain.ORDERS, Map.of(3, 10L), Map.of(0, 20L), Optional.empty()));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void anIntendedDifferenceForAnotherTableIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReconciliationSpec.silver(Domain.ORDERS, Map.of(),
                Map.of(0, 20L), Optional.of(new IntendedDifference("shipments", "new status", 0))));
    }
}

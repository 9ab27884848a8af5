package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expectations and gate thresholds are validated at load, every problem named by key, value and expectation. */
class QualityAndGatesConfigTest {
    private static final String MINIMAL = ConfigValidationTest.MINIMAL;

    @Test
    void expectationsAreParsedPerSilverTableWithTheirAction() {
        PipelineConfig c = ConfigLoader.parse(MINIMAL, Map.of(
                "quality.expectations.shipments.valid_status", "quarantine: status IN ('PICKED', 'SHIPPED')",
                "quality.expectations.orders.amount_known", "WARN:amount_cents IS NOT NULL"));
        assertEquals(List.of(new Expectation("orders", "amount_known", Expectation.Action.WARN,
                "amount_cents IS NOT NULL")), c.quality().of("orders"));
        Expectation status = c.quality().of("shipments").get(0);
        assertEquals(Expectation.Action.QUARANTINE, status.action());
        assertEquals("status IN ('PICKED', 'SHIPPED')", status.sql());
        assertEquals("shipments.valid_status", status.qualifiedName());
    }

    @Test
    void aBadExpectationIsRefusedNamingItsKeyAndWhatIsExpected() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL, Map.of(
                "quality.expectations.shipments.valid_status", "block: status IS NOT NULL",
                "quality.expectations.orders.Bad-Name", "warn: true",
                "quality.expectations.customers.x", "warn: true")));
        String m = e.getMessage();
        assertTrue(m.contains("Invalid value 'block: status IS NOT NULL' for configuration"
                + " 'quality.expectations.shipments.valid_status' (from override): expected '<action>: <SQL boolean"
                + " expression>' with action warn, drop, quarantine or fail"), m);
        assertTrue(m.contains("'quality.expectations.orders.Bad-Name'") && m.contains("a lower-case identifier"), m);
        assertTrue(m.contains("quality.expectations.customers"), m);
    }

    @Test
    void gateThresholdsHaveDefaultsAndAreValidated() {
        GatesConfig g = ConfigLoader.parse(MINIMAL, Map.of()).gates();
        assertEquals(Duration.ofHours(1), g.maxReportAge());
        assertEquals(Duration.ofSeconds(90), g.maxLag());
        assertEquals(Map.of("*", 0.01), g.maxFailureRate());
        assertEquals(0.005, g.margin());
        GatesConfig set = ConfigLoader.parse(MINIMAL, Map.of("gates.quality.maxFailureRate.shipments.valid_status",
                "2%", "gates.quality.margin", "0.5%", "gates.reconciliation.intendedDifferences.orders",
                "release 7 trims currency codes")).gates();
        assertEquals(0.02, set.maxFailureRate().get("shipments.valid_status"), 1e-12);
        assertEquals(0.005, set.margin(), 1e-12);
        assertEquals(Map.of("orders", "release 7 trims currency codes"), set.intendedDifferences());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL, Map.of(
                "gates.quality.margin", "lots", "gates.reconciliation.intendedDifferences.gold", "why",
                "gates.freshness.maxLag", "0s")));
        assertTrue(e.getMessage().contains("Invalid value 'lots' for configuration 'gates.quality.margin' (from"
                + " override): expected a fraction between 0 and 1, such as 0.01 or 1%"), e.getMessage());
        assertTrue(e.getMessage().contains("'gates.reconciliation.intendedDifferences.gold'"), e.getMessage());
        assertTrue(e.getMessage().contains("'gates.freshness.maxLag'"), e.getMessage());
    }
}

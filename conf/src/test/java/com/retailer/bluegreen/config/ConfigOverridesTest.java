package com.retailer.bluegreen.config;

import static com.retailer.bluegreen.config.ConfigValidationTest.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.Query;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {

    @Test
    void overrides_replace_yaml_values_before_validation() {
        PipelineConfig c = ConfigLoader.parse(MINIMAL, Map.of(
                "kafka.bootstrapServers", "10.0.0.1:9093,10.0.0.2:9093",
                "colours.green.generation", "2",
                "trigger.mode", "availableNow",
                "schemaRegistry.timeout", "500ms"));
        assertEquals("10.0.0.1:9093,10.0.0.2:9093", c.kafka().bootstrapServers());
        assertEquals(2, c.colours().get(Colour.GREEN).generation());
        assertEquals("retail.green.g2.orders.orders", c.layout(Colour.GREEN).txnAppId(Query.ORDERS, "orders"));
        assertEquals(1, c.colours().get(Colour.BLUE).generation());
        assertEquals(TriggerConfig.Mode.AVAILABLE_NOW, c.trigger().mode());
        assertEquals(Duration.ofMillis(500), c.schemaRegistry().timeout());
    }

    @Test
    void an_override_can_supply_a_key_missing_from_the_yaml() {
        String withoutBootstrap = MINIMAL.replace("  bootstrapServers: 127.0.0.1:9092\n", "");
        assertEquals("127.0.0.1:5555", ConfigLoader.parse(withoutBootstrap,
                Map.of("kafka.bootstrapServers", "127.0.0.1:5555")).kafka().bootstrapServers());
    }

    @Test
    void an_override_adds_a_single_map_entry_whose_key_contains_dots() {
        PipelineConfig c = ConfigLoader.parse(MINIMAL.replace("kafka:\n",
                "kafka:\n  options:\n    kafka.security.protocol: SSL\n"), Map.of(
                "kafka.options.kafka.ssl.truststore.location", "/certs/ts.jks",
                "spark.conf.spark.sql.session.timeZone", "UTC"));
        assertEquals(Map.of("kafka.security.protocol", "SSL", "kafka.ssl.truststore.location", "/certs/ts.jks"),
                c.kafka().options());
        assertEquals(Map.of("spark.sql.session.timeZone", "UTC"), c.spark().conf());
    }

    @Test
    void dotted_keys_in_the_yaml_itself_work_like_nested_ones() {
        PipelineConfig c = ConfigLoader.parse(MINIMAL + "kafka.maxOffsetsPerTrigger: 7\ncolours.blue.generation: 3\n",
                Map.of());
        assertEquals(7, c.kafka().maxOffsetsPerTrigger());
        assertEquals(3, c.colours().get(Colour.BLUE).generation());
    }

    @Test
    void an_unknown_override_key_is_reported_as_coming_from_an_override() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(MINIMAL, Map.of("colours.green.generaton", "2")));
        assertEquals(List.of("Unknown configuration 'colours.green.generaton' (from override). Did you mean"
                + " 'colours.green.generation'?"), e.problems());
    }

    @Test
    void the_same_key_nested_and_dotted_in_one_file_is_ambiguous() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(MINIMAL + "kafka.bootstrapServers: 10.0.0.1:9092\n", Map.of()));
        assertEquals(List.of("Configuration 'kafka.bootstrapServers' is set twice (once nested, once as a dotted key);"
                + " keep one."), e.problems());
    }
}

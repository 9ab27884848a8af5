package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.Domain;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    /** The smallest valid configuration: every required key, nothing else. */
    static final String MINIMAL = """
            pipeline: retail
            catalog: main
            kafka:
              bootstrapServers: 127.0.0.1:9092
            schemaRegistry:
              url: http://127.0.0.1:8081
            reference:
              inbox: /tmp/inbox
            publish:
              storageBase: /lake
            colours:
              blue:
                checkpointBase: /ckpt
                storageBase: /lake
              green:
                checkpointBase: /ckpt
                storageBase: /lake
            """;

    private static ConfigException invalid(String yaml, Map<String, String> overrides) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, overrides));
    }

    private static ConfigException invalid(String yaml) {
        return invalid(yaml, Map.of());
    }

    @Test
    void the_minimal_configuration_gets_documented_defaults() {
        PipelineConfig c = ConfigLoader.parse(MINIMAL, Map.of());
        assertEquals("inventory.events", c.kafka().topic(Domain.INVENTORY));
        assertEquals(100_000, c.kafka().maxOffsetsPerTrigger());
        assertEquals("earliest", c.kafka().startingOffsets());
        assertEquals(Map.of(), c.kafka().options());
        assertEquals(Duration.ofSeconds(10), c.schemaRegistry().timeout());
        assertEquals(TriggerConfig.Mode.PROCESSING_TIME, c.trigger().mode());
        assertEquals(Duration.ofMinutes(5), c.reference().pollInterval());
        assertEquals(200, c.spark().shufflePartitions());
        assertEquals(1, c.colours().get(Colour.GREEN).generation());
    }

    @Test
    void a_missing_required_key_is_named_with_its_meaning() {
        ConfigException e = invalid(MINIMAL.replace("  bootstrapServers: 127.0.0.1:9092\n", ""));
        assertEquals(List.of("Missing required configuration 'kafka.bootstrapServers' (the Kafka bootstrap servers,"
                + " e.g. 127.0.0.1:9092)."), e.problems());
        assertEquals(e.problems().get(0), e.getMessage());
    }

    @Test
    void a_value_of_the_wrong_type_names_key_value_and_expectation() {
        ConfigException e = invalid(MINIMAL + "spark:\n  shufflePartitions: 4\n",
                Map.of("kafka.maxOffsetsPerTrigger", "abc"));
        assertEquals(List.of("Invalid value 'abc' for configuration 'kafka.maxOffsetsPerTrigger' (from override):"
                + " expected a positive integer."), e.problems());
        e = invalid(MINIMAL.replace("kafka:\n", "kafka:\n  maxOffsetsPerTrigger: abc\n"));
        assertEquals("Invalid value 'abc' for configuration 'kafka.maxOffsetsPerTrigger': expected a positive integer.",
                e.getMessage());
    }

    @Test
    void a_list_where_a_map_is_expected_is_rejected() {
        ConfigException e = invalid(MINIMAL.replace("kafka:\n", "kafka:\n  options: [a, b]\n"));
        assertEquals(List.of("Invalid value '[\"a\",\"b\"]' for configuration 'kafka.options': expected a map of"
                + " Kafka consumer options such as kafka.security.protocol: SASL_SSL."), e.problems());
        e = invalid(MINIMAL + "trigger: [processingTime]\n");
        assertEquals(List.of("Invalid value '[\"processingTime\"]' for configuration 'trigger': expected a section"
                + " (a map) with keys: mode, interval."), e.problems());
    }

    @Test
    void a_section_given_as_a_scalar_does_not_also_report_its_keys_as_missing() {
        ConfigException e = invalid(MINIMAL.replace("schemaRegistry:\n  url: http://127.0.0.1:8081\n",
                "schemaRegistry: http://127.0.0.1:8081\n"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("Invalid value 'http://127.0.0.1:8081' for configuration"
                + " 'schemaRegistry': expected a section (a map) with keys: url, timeout"), e.getMessage());
    }

    @Test
    void out_of_range_values_are_rejected_with_the_range() {
        ConfigException e = invalid(MINIMAL, Map.of("spark.shufflePartitions", "0", "colours.green.generation", "0",
                "trigger.interval", "2h", "schemaRegistry.timeout", "5"));
        assertTrue(e.problems().contains("Invalid value '0' for configuration 'spark.shufflePartitions' (from override):"
                + " expected an integer between 1 and 100000."), e.getMessage());
        assertTrue(e.problems().contains("Invalid value '0' for configuration 'colours.green.generation' (from"
                + " override): expected an integer >= 1."), e.getMessage());
        assertTrue(e.problems().contains("Invalid value '2h' for configuration 'trigger.interval' (from override):"
                + " expected a duration between 0s and 1h."), e.getMessage());
        assertTrue(e.problems().contains("Invalid value '5' for configuration 'schemaRegistry.timeout' (from override):"
                + " expected a duration such as 500ms, 5s, 2m or 1h."), e.getMessage());
        assertEquals(4, e.problems().size(), e.getMessage());
    }

    @Test
    void an_unknown_key_suggests_the_close_known_key() {
        ConfigException e = invalid(MINIMAL.replace("  bootstrapServers:", "  bootstrapServer:"));
        assertEquals(List.of("Unknown configuration 'kafka.bootstrapServer'. Did you mean 'kafka.bootstrapServers'?",
                "Missing required configuration 'kafka.bootstrapServers' (the Kafka bootstrap servers,"
                        + " e.g. 127.0.0.1:9092)."), e.problems());
    }

    @Test
    void a_key_at_the_wrong_level_or_with_the_wrong_case_is_suggested_too() {
        ConfigException e = invalid(MINIMAL + "maxOffsetsPerTrigger: 10\ntrigger:\n  Interval: 5s\n");
        assertTrue(e.problems().contains("Unknown configuration 'maxOffsetsPerTrigger'. Did you mean"
                + " 'kafka.maxOffsetsPerTrigger'?"), e.getMessage());
        assertTrue(e.problems().contains("Unknown configuration 'trigger.Interval'. Did you mean 'trigger.interval'?"),
                e.getMessage());
    }

    @Test
    void an_unknown_key_without_a_close_match_lists_the_known_siblings() {
        ConfigException e = invalid(MINIMAL + "  red:\n    generation: 1\n");
        assertEquals(List.of("Unknown configuration 'colours.red'. Known keys under 'colours': blue, green."),
                e.problems());
    }

    @Test
    void a_missing_colour_is_reported_once() {
        String blueOnly = MINIMAL.substring(0, MINIMAL.indexOf("  green:"));
        ConfigException e = invalid(blueOnly);
        assertEquals(List.of("Missing required configuration 'colours.green' (both colours must be configured, each"
                + " with at least checkpointBase and storageBase)."), e.problems());
    }

    @Test
    void two_colours_sharing_a_checkpoint_root_are_rejected_naming_both_keys() {
        ConfigException e = invalid(MINIMAL, Map.of("colours.green.checkpointBase", "/ckpt/retail/blue/g1/"));
        assertEquals(1, e.problems().size(), e.getMessage());
        String p = e.problems().get(0);
        assertTrue(p.startsWith("Configurations 'colours.blue.checkpointBase' and 'colours.green.checkpointBase'"
                + " (from override) would let blue and green share state: checkpoint root"
                + " '/ckpt/retail/blue/g1/retail/green/g1' of retail/green/g1 is inside checkpoint root"
                + " '/ckpt/retail/blue/g1' of retail/blue/g1."), p);
        assertTrue(p.contains("use the same base for both colours"), p);
    }

    @Test
    void a_colour_checkpointing_inside_the_other_colours_storage_is_rejected_naming_both_keys() {
        ConfigException e = invalid(MINIMAL, Map.of("colours.green.checkpointBase", "/lake/retail/blue/g1/tables"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith(
                "Configurations 'colours.blue.storageBase' and 'colours.green.checkpointBase' (from override)"), e.getMessage());
    }

    @Test
    void every_problem_is_reported_together_one_per_line() {
        String yaml = """
                pipeline: Retail-Ops
                catalog: main
                kafka:
                  maxOffsetsPerTrigger: -5
                  startingOffsets: sometimes
                trigger:
                  mode: fast
                colours:
                  blue: {checkpointBase: /c, storageBase: /s, generation: two}
                  green: {checkpointBase: ' ', storageBase: /s}
                publish: {storageBase: /s}
                """;
        ConfigException e = invalid(yaml);
        List<String> expected = List.of(
                "Invalid value 'Retail-Ops' for configuration 'pipeline': expected 1 to 41 lower-case letters,"
                        + " digits or '_', starting with a letter (e.g. retail_ops).",
                "Missing required configuration 'kafka.bootstrapServers' (the Kafka bootstrap servers,"
                        + " e.g. 127.0.0.1:9092).",
                "Invalid value '-5' for configuration 'kafka.maxOffsetsPerTrigger': expected a positive integer.",
                "Invalid value 'sometimes' for configuration 'kafka.startingOffsets': expected earliest, latest, or a"
                        + " JSON object of offsets per topic and partition such as {\"orders.cdc\":{\"0\":42,\"1\":-2}}"
                        + " (-2 = earliest, -1 = latest).",
                "Missing required configuration 'schemaRegistry.url' (the schema registry base URL,"
                        + " e.g. http://127.0.0.1:8081).",
                "Invalid value 'fast' for configuration 'trigger.mode': expected one of: processingTime, availableNow.",
                "Missing required configuration 'reference.inbox' (the directory the daily reference files (products,"
                        + " warehouses, carriers) arrive in, shared by both colours, e.g."
                        + " /Volumes/main/retail_ops/reference/inbox).",
                "Invalid value 'two' for configuration 'colours.blue.generation': expected an integer >= 1.",
                "Invalid value ' ' for configuration 'colours.green.checkpointBase': expected a non-empty string.");
        assertEquals(expected, e.problems());
        assertEquals("The configuration has 9 problems:\n" + String.join("\n", expected), e.getMessage());
    }

    @Test
    void starting_offsets_accept_json_text_or_a_yaml_map_of_configured_topics() {
        PipelineConfig c = ConfigLoader.parse(MINIMAL, Map.of("kafka.startingOffsets",
                "{\"orders.cdc\":{\"0\":42,\"1\":-2}}"));
        assertEquals("{\"orders.cdc\":{\"0\":42,\"1\":-2}}", c.kafka().startingOffsets());
        assertEquals("{\"orders.cdc\":{\"0\":42,\"1\":-2}}", c.kafka().startingOffsetsFor(Domain.ORDERS));
        assertEquals("earliest", c.kafka().startingOffsetsFor(Domain.FULFILLMENT));

        c = ConfigLoader.parse(MINIMAL.replace("kafka:\n",
                "kafka:\n  startingOffsets:\n    inventory.events: {\"0\": 7}\n"), Map.of());
        assertEquals("{\"inventory.events\":{\"0\":7}}", c.kafka().startingOffsetsFor(Domain.INVENTORY));
        assertEquals("latest", ConfigLoader.parse(MINIMAL, Map.of("kafka.startingOffsets", "LATEST"))
                .kafka().startingOffsetsFor(Domain.ORDERS));
    }

    @Test
    void starting_offsets_of_a_wrong_shape_or_an_unconfigured_topic_are_rejected() {
        assertTrue(invalid(MINIMAL, Map.of("kafka.startingOffsets", "{\"orders.cdc\":{\"p0\":1}}")).getMessage()
                .endsWith("; 'p0' of topic 'orders.cdc' is not a partition number."));
        assertTrue(invalid(MINIMAL, Map.of("kafka.startingOffsets", "{\"orders.cdc\":{\"0\":-3}}")).getMessage()
                .endsWith("; offset '-3' of orders.cdc-0 is not an offset >= -2."));
        assertEquals("Invalid value '{\"orders\":{\"0\":1}}' for configuration 'kafka.startingOffsets' (from override):"
                        + " topic 'orders' is not one of the configured topics (kafka.topics.*): orders.cdc,"
                        + " inventory.events, fulfillment.events.",
                invalid(MINIMAL, Map.of("kafka.startingOffsets", "{\"orders\":{\"0\":1}}")).getMessage());
    }

    @Test
    void two_domains_on_one_topic_are_rejected_naming_both_keys() {
        ConfigException e = invalid(MINIMAL, Map.of("kafka.topics.inventory", "orders.cdc"));
        assertEquals(List.of("Configurations 'kafka.topics.orders' and 'kafka.topics.inventory' (from override) both"
                + " name topic 'orders.cdc'. Each domain reads its own topic."), e.problems());
    }

    @Test
    void kafka_options_the_pipeline_owns_are_rejected_with_what_to_do_instead() {
        ConfigException e = invalid(MINIMAL.replace("kafka:\n", """
                kafka:
                  options:
                    kafka.group.id: shared
                    security.protocol: SSL
                    kafka.sasl.jaas.config: {nested: map}
                """));
        assertEquals(List.of(
                "Invalid value 'shared' for configuration 'kafka.options.kafka.group.id': group ids are derived per"
                        + " colour and query (pipeline-colour-query) so no two queries share one; remove this option.",
                "Invalid value 'SSL' for configuration 'kafka.options.security.protocol': expected a Kafka consumer"
                        + " option whose key starts with 'kafka.'.",
                "Invalid value '[hidden]' for configuration 'kafka.options.kafka.sasl.jaas.config': expected a single"
                        + " value (a string, number or boolean)."), e.problems());
    }

    @Test
    void yaml_syntax_errors_and_duplicate_keys_say_where() {
        ConfigException e = invalid("pipeline: retail\nkafka:\n  bootstrapServers: [unclosed\n");
        assertTrue(e.getMessage().startsWith("The YAML is malformed at line"), e.getMessage());
        e = invalid(MINIMAL + "pipeline: other\n");
        assertTrue(e.getMessage().contains("Duplicate field 'pipeline'"), e.getMessage());
        e = invalid("- a\n- b\n");
        assertEquals("The configuration must be a YAML map of keys such as 'pipeline:' and 'kafka:', not array.",
                e.getMessage());
    }

    @Test
    void bad_urls_bootstrap_servers_bases_and_topics_are_rejected() {
        ConfigException e = invalid(MINIMAL, Map.of(
                "schemaRegistry.url", "127.0.0.1:8081",
                "kafka.bootstrapServers", "broker1:9092,broker2",
                "colours.blue.storageBase", "s3:///nobucket",
                "kafka.topics.orders", "orders cdc"));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("'broker2' is not host:port"), e.getMessage());
        assertTrue(e.getMessage().contains("expected an http or https URL"), e.getMessage());
        assertTrue(e.getMessage().contains("'colours.blue.storageBase' (from override): expected a directory such as"),
                e.getMessage());
        assertTrue(e.getMessage().contains("expected a Kafka topic name"), e.getMessage());
    }

    @Test
    void a_missing_file_is_reported_with_the_path_it_looked_at() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(java.nio.file.Path.of("no/such/config.yaml"), Map.of()));
        assertTrue(e.getMessage().startsWith("Configuration file 'no/such/config.yaml' does not exist"), e.getMessage());
    }
}

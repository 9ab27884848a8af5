package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.TriggerConfig.Mode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.Query;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration files shipped beside the conf module's pom load and mean what they say. */
class ConfigFilesTest {

    static final Path MODULE_DIR = Path.of(System.getProperty("basedir", "."));

    @Test
    void local_yaml_loads_with_the_embedded_stack_settings() {
        PipelineConfig c = ConfigLoader.load(MODULE_DIR.resolve("local.yaml"), Map.of());
        assertEquals("retail_ops", c.pipeline());
        assertEquals("127.0.0.1:9092", c.kafka().bootstrapServers());
        assertEquals("orders.cdc", c.kafka().topic(Domain.ORDERS));
        assertEquals(50_000, c.kafka().maxOffsetsPerTrigger());
        assertEquals("http://127.0.0.1:8081", c.schemaRegistry().url());
        assertEquals(new TriggerConfig(Mode.PROCESSING_TIME, Duration.ofSeconds(5)), c.trigger());
        assertEquals(2, c.spark().shufflePartitions());
        assertEquals("./local/checkpoints", c.colours().get(Colour.BLUE).checkpointBase());
        assertEquals("local/checkpoints/retail_ops/green/g1/orders",
                c.layout(Colour.GREEN).checkpointLocation(Query.ORDERS));
        assertEquals("local/lake/retail_ops/blue/g1/tables/orders", c.layout(Colour.BLUE).tableLocation("orders"));
    }

    @Test
    void local_yaml_takes_the_runtime_broker_address_as_an_override() {
        PipelineConfig c = ConfigLoader.load(MODULE_DIR.resolve("local.yaml"),
                Map.of("kafka.bootstrapServers", "127.0.0.1:41234"));
        assertEquals("127.0.0.1:41234", c.kafka().bootstrapServers());
    }

    @Test
    void databricks_yaml_loads_with_volumes_checkpoints_s3_storage_and_security_options() {
        PipelineConfig c = ConfigLoader.load(MODULE_DIR.resolve("databricks.yaml"), Map.of());
        assertEquals("main", c.catalog());
        assertEquals("main.retail_ops_blue", c.layout(Colour.BLUE).qualifiedSchema());
        assertEquals("main.retail_ops", c.layout(Colour.GREEN).publishedSchema());
        assertEquals("/Volumes/main/retail_ops/checkpoints/retail_ops/blue/g1/gold",
                c.layout(Colour.BLUE).checkpointLocation(Query.GOLD));
        assertEquals("s3://retail-lake-prod/retail_ops/retail_ops/green/g1", c.layout(Colour.GREEN).storageRoot());
        assertEquals("SASL_SSL", c.kafka().options().get("kafka.security.protocol"));
        assertTrue(c.kafka().options().get("kafka.sasl.jaas.config").contains("{{secrets/kafka/password}}"));
    }

    @Test
    void describing_the_databricks_config_hides_every_secret() {
        String text = ConfigLoader.describe(ConfigLoader.load(MODULE_DIR.resolve("databricks.yaml"), Map.of()));
        assertTrue(text.contains("  kafka.options.kafka.sasl.jaas.config = [hidden]\n"), text);
        assertTrue(text.contains("  kafka.options.kafka.ssl.truststore.password = [hidden]\n"), text);
        assertTrue(text.contains("  kafka.options.kafka.security.protocol = SASL_SSL\n"), text);
        assertFalse(text.contains("secrets/kafka"), text);
        assertFalse(text.contains("ScramLoginModule"), text);
    }
}

package com.retailer.bluegreen.config;

import static com.retailer.bluegreen.config.ConfigValidationTest.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DescribeTest {

    @Test
    void describes_every_key_once_with_durations_and_modes_as_written_in_yaml() {
        String text = ConfigLoader.describe(ConfigLoader.parse(MINIMAL, Map.of("trigger.interval", "90s")));
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            // A map with entries is shown one entry per line, e.g. gates.quality.maxFailureRate.* = 0.01.
            assertTrue(text.contains("  " + key.path() + " = ") || key.isMap() && text.contains("  " + key.path() + "."),
                    key.path() + " missing from\n" + text);
        }
        assertTrue(text.contains("  trigger.interval = 90s\n"), text);
        assertTrue(text.contains("  trigger.mode = processingTime\n"), text);
        assertTrue(text.contains("  kafka.options = {}\n"), text);
        assertTrue(text.contains("  blue: job retail-blue, schema main.retail_blue, checkpoint root /ckpt/retail/blue/g1,"
                + " storage root /lake/retail/blue/g1\n"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka.sasl.jaas.config", "kafka.ssl.key.password", "kafka.ssl.keystore.location",
            "kafka.sasl.oauthbearer.token.endpoint.url", "kafka.client.SECRET"})
    void masks_option_values_whose_key_names_a_secret(String option) {
        String text = ConfigLoader.describe(ConfigLoader.parse(MINIMAL, Map.of("kafka.options." + option, "s3cr3t")));
        assertTrue(text.contains("  kafka.options." + option + " = [hidden]\n"), text);
        assertFalse(text.contains("s3cr3t"), text);
    }

    @Test
    void does_not_mask_ordinary_options_and_masks_secret_spark_settings_too() {
        String text = ConfigLoader.describe(ConfigLoader.parse(MINIMAL, Map.of(
                "kafka.options.kafka.security.protocol", "SASL_SSL",
                "spark.conf.spark.hadoop.fs.s3a.secret.key", "abc")));
        assertTrue(text.contains("  kafka.options.kafka.security.protocol = SASL_SSL\n"), text);
        assertTrue(text.contains("  spark.conf.spark.hadoop.fs.s3a.secret.key = [hidden]\n"), text);
    }

    @Test
    void durations_render_in_their_shortest_exact_unit() {
        assertEquals("2m", Durations.format(java.time.Duration.ofSeconds(120)));
        assertEquals("1500ms", Durations.format(java.time.Duration.ofMillis(1500)));
        assertEquals("1d", Durations.format(java.time.Duration.ofHours(24)));
        assertEquals(java.util.Optional.of(java.time.Duration.ofHours(1)), Durations.parse("1h"));
        assertEquals(java.util.Optional.empty(), Durations.parse("1.5h"));
    }
}

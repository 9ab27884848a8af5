package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A configuration carrying four kinds of secret: brokers that came from a secret reference (a key that does not look
 * secret), a Kafka JAAS option with a password, a schema registry URL with user:password, and a storage URL with a
 * SAS token. No secret value may appear in the effective configuration or in any configuration error, however the
 * value reached the text.
 */
class SecretsTest {

    /** What the secret scope holds; the configuration only references them. */
    static final String BROKERS = "b-7f3k.kafka.internal:9096";
    static final String JAAS_PASSWORD = "Jaas-Pw-93kd";
    static final String REGISTRY_PASSWORD = "Reg-Pw-55xq";
    static final String SAS_SIGNATURE = "Sas-Sig-0a1b2c";
    static final List<String> ALL = List.of(BROKERS, JAAS_PASSWORD, REGISTRY_PASSWORD, SAS_SIGNATURE);
    static final SecretResolver SCOPE = SecretResolver.of(Map.of("kafka/brokers", BROKERS));

    static final String YAML = """
            pipeline: retail
            catalog: main
            kafka:
              bootstrapServers: "{{secrets/kafka/brokers}}"
              options:
                kafka.security.protocol: SASL_SSL
                kafka.sasl.mechanism: SCRAM-SHA-512
                kafka.sasl.jaas.config: >-
                  org.apache.kafka.common.security.scram.ScramLoginModule required
                  username="svc" password="%s";
            schemaRegistry:
              url: https://svc:%s@registry.example.com:8081
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
            """.formatted(JAAS_PASSWORD, REGISTRY_PASSWORD);

    private static void assertNoSecretIn(String text) {
        for (String secret : ALL) {
            assertFalse(text.contains(secret), "'" + secret + "' printed in:\n" + text);
        }
    }

    @Test
    void the_effective_configuration_shows_no_secret_value() {
        PipelineConfig c = ConfigLoader.parse(YAML, Map.of(), SCOPE);
        assertEquals(BROKERS, c.kafka().bootstrapServers(), "the reference was resolved");
        assertTrue(c.kafka().options().get("kafka.sasl.jaas.config").contains(JAAS_PASSWORD));
        String text = ConfigLoader.describe(c);
        assertNoSecretIn(text);
        assertTrue(text.contains("  kafka.bootstrapServers = [hidden]\n"), "it came from a secret reference:\n" + text);
        assertTrue(text.contains("  kafka.options.kafka.sasl.jaas.config = [hidden]\n"), text);
        assertTrue(text.contains("  kafka.options.kafka.sasl.mechanism = SCRAM-SHA-512\n"), "sasl is not sas:\n" + text);
        assertTrue(text.contains("  schemaRegistry.url = https://svc:[hidden]@registry.example.com:8081\n"), text);
        assertNoSecretIn(c.toString());
    }

    @Test
    void the_command_line_resolves_a_reference_from_the_environment_variable_the_bundle_sets() {
        assertEquals("BLUEGREEN_SECRET_KAFKA_BROKERS", SecretResolver.environmentVariable("kafka", "brokers"));
        assertEquals("BLUEGREEN_SECRET_RETAIL_OPS_TRUSTSTORE_PASSWORD",
                SecretResolver.environmentVariable("retail-ops", "truststore.password"));
        SecretResolver env = SecretResolver.environment(Map.of("BLUEGREEN_SECRET_KAFKA_BROKERS", BROKERS,
                "KAFKA_BROKERS", "not this one"));

        PipelineConfig c = ConfigLoader.parse(YAML, Map.of(), env);

        assertEquals(BROKERS, c.kafka().bootstrapServers());
        assertTrue(ConfigLoader.describe(c).contains("  kafka.bootstrapServers = [hidden]\n"));
        ConfigException unset = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(YAML, Map.of(), SecretResolver.environment(Map.of())));
        assertTrue(unset.getMessage().contains("'kafka.bootstrapServers'") && unset.getMessage().contains(
                "its secret reference kafka/brokers was not resolved (the command line reads it from environment"
                        + " variable BLUEGREEN_SECRET_KAFKA_BROKERS"), "without its variable: " + unset.getMessage());
    }

    @Test
    void a_value_written_as_a_secret_reference_is_hidden_even_unresolved() {
        PipelineConfig c = ConfigLoader.parse(YAML, Map.of("reference.inbox", "/Volumes/{{secrets/paths/inbox}}"),
                SCOPE);
        String text = ConfigLoader.describe(c);
        assertTrue(text.contains("  reference.inbox = [hidden]\n"), text);
        assertFalse(text.contains("secrets/paths"), text);
        assertFalse(text.contains("secrets/kafka"), text);
    }

    @Test
    void a_configuration_error_shows_no_secret_value_wherever_it_came_from() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(YAML, Map.of(
                // a storage URL with a SAS token (refused: a location takes no query)
                "colours.blue.storageBase", "https://acct.blob.core.windows.net/lake?sv=2022-11-02&sig="
                        + SAS_SIGNATURE,
                // a secret-looking option whose value breaks another rule
                "kafka.options.kafka.group.id", JAAS_PASSWORD,
                // a resolved secret that is not a valid value of its key
                "kafka.maxOffsetsPerTrigger", "{{secrets/kafka/brokers}}",
                // a registry URL that does not parse, carrying its password
                "schemaRegistry.url", "https://svc:" + REGISTRY_PASSWORD + "@registry example.com"), SCOPE));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertNoSecretIn(e.getMessage());
        assertTrue(e.getMessage().contains("Invalid value '[hidden]' for configuration 'kafka.maxOffsetsPerTrigger'"
                + " (from override): expected a positive integer."), e.getMessage());
        assertTrue(e.getMessage().contains("&sig=[hidden]"), e.getMessage());
        assertTrue(e.getMessage().contains("https://svc:[hidden]@registry example.com"), e.getMessage());
    }

    @Test
    void malformed_yaml_does_not_quote_a_secret_back() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                kafka:
                  options:
                    kafka.ssl.key.password: %s: oops
                """.formatted(JAAS_PASSWORD), Map.of()));
        assertTrue(e.getMessage().contains("The YAML is malformed at line 3"), e.getMessage());
        assertNoSecretIn(e.getMessage());
    }

    @Test
    void option_names_hide_their_values_and_sas_is_a_word_not_a_substring() {
        PipelineConfig c = ConfigLoader.parse(YAML, Map.of(
                "spark.conf.spark.hadoop.fs.azure.sas.fixed.token", "sv=1&sig=abc",
                "spark.conf.spark.hadoop.fs.azure.account.oauth2.client.credential", "cred-value-1",
                "kafka.options.kafka.sasl.kerberos.service.name", "kafka"), SCOPE);
        String text = ConfigLoader.describe(c);
        assertTrue(text.contains("  spark.conf.spark.hadoop.fs.azure.sas.fixed.token = [hidden]\n"), text);
        assertTrue(text.contains("  spark.conf.spark.hadoop.fs.azure.account.oauth2.client.credential = [hidden]\n"),
                text);
        assertTrue(text.contains("  kafka.options.kafka.sasl.kerberos.service.name = kafka\n"), text);
        assertFalse(text.contains("cred-value-1"), text);
    }

    @Test
    void every_secret_value_of_the_configuration_is_hidden_in_any_later_text() {
        PipelineConfig c = ConfigLoader.parse(YAML, Map.of(), SCOPE);
        String message = "Kafka: SASL authentication for svc with password \"" + JAAS_PASSWORD + "\" failed at "
                + BROKERS + "; registry " + REGISTRY_PASSWORD;
        String redacted = c.secrets().redactor().redact(message);
        assertNoSecretIn(redacted);
        assertTrue(redacted.startsWith("Kafka: SASL authentication for svc with password \"[hidden]\" failed at"
                + " [hidden]; registry [hidden]"), redacted);
    }
}

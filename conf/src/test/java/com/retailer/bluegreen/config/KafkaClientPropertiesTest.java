package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.retailer.bluegreen.layout.Domain;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The properties of this code's own Kafka clients: the source's options under their bare names, and the JAAS login
 * module in the package of the clients this code runs with, however the configuration wrote it (for the job's Kafka
 * source on Databricks it is {@code kafkashaded.org.apache.kafka...}).
 */
class KafkaClientPropertiesTest {

    private static KafkaConfig kafka(Map<String, String> options) {
        return new KafkaConfig("b-1:9096", Map.of(Domain.ORDERS, "o", Domain.INVENTORY, "i", Domain.FULFILLMENT, "f"),
                1000, KafkaConfig.EARLIEST, options);
    }

    @Test
    void options_reach_the_clients_under_their_bare_names_with_the_brokers() {
        Map<String, Object> p = kafka(Map.of("kafka.security.protocol", "SASL_SSL")).clientProperties();
        assertEquals(Map.of("security.protocol", "SASL_SSL", "bootstrap.servers", "b-1:9096"), p);
    }

    @Test
    void the_login_module_the_runtime_relocates_is_named_in_the_clients_own_package() {
        String jaas = "kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"u\" password=\"p\";";
        Object rewritten = kafka(Map.of("kafka.sasl.jaas.config", jaas)).clientProperties().get("sasl.jaas.config");
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\""
                + " password=\"p\";", rewritten);
        assertEquals(KafkaConfig.CLIENT_SECURITY_PACKAGE + "plain.PlainLoginModule required;",
                KafkaConfig.clientLoginModule("org.apache.kafka.common.security.plain.PlainLoginModule required;"));
        assertEquals("com.example.MyLoginModule required;",
                KafkaConfig.clientLoginModule("com.example.MyLoginModule required;"), "another module stays");
    }
}

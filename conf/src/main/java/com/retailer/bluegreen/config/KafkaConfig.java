package com.retailer.bluegreen.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.layout.Domain;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Kafka source.
 *
 * @param topics               topic per domain (all three present)
 * @param maxOffsetsPerTrigger most records one micro-batch of a domain query reads
 * @param startingOffsets      {@code earliest}, {@code latest}, or JSON {@code {"topic":{"partition":offset}}}; used
 *                             only when a query starts on a new checkpoint
 * @param options              extra {@code kafka.*} consumer options passed to the source as given
 */
public record KafkaConfig(String bootstrapServers, Map<Domain, String> topics, long maxOffsetsPerTrigger,
                          String startingOffsets, Map<String, String> options) {

    public static final String EARLIEST = "earliest";
    public static final String LATEST = "latest";
    private static final ObjectMapper JSON = new ObjectMapper();

    public KafkaConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(startingOffsets, "startingOffsets");
        for (Domain d : Domain.values()) {
            if (!topics.containsKey(d)) {
                throw new IllegalArgumentException("no topic for domain " + d.id());
            }
        }
        topics = Collections.unmodifiableMap(new EnumMap<>(topics));
        if (maxOffsetsPerTrigger < 1) {
            throw new IllegalArgumentException("maxOffsetsPerTrigger must be >= 1, was " + maxOffsetsPerTrigger);
        }
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /**
     * The properties of a plain Kafka client (admin, consumer) that reaches the brokers exactly as the job's Kafka
     * source does: {@code bootstrap.servers} and every {@code kafka.*} option (security settings and the like) under
     * its bare name, the way the client takes it. The one place such properties are built; a caller adds only what
     * is particular to its client (timeouts, offsets reset).
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        // The source options are kafka.-prefixed (Spark's convention); the clients take the bare names.
        options.forEach((k, v) -> props.put(k.substring("kafka.".length()), v));
        props.computeIfPresent("sasl.jaas.config", (k, v) -> clientLoginModule((String) v));
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /**
     * {@code jaasConfig} naming its login module in the package of the Kafka clients this code runs with. The same
     * option reaches the job's Kafka source, which on Databricks is the runtime's relocated client
     * ({@code kafkashaded.org.apache.kafka...}), and the clients of this code (admin, consumer), which the deployable
     * jar relocates ({@link #CLIENT_SECURITY_PACKAGE} is rewritten with them) and which run unrelocated locally.
     */
    static String clientLoginModule(String jaasConfig) {
        return LOGIN_MODULE_PACKAGE.matcher(jaasConfig).replaceAll(
                java.util.regex.Matcher.quoteReplacement(CLIENT_SECURITY_PACKAGE));
    }

    /** The Kafka clients' security package; the shade plugin rewrites this literal where it relocates the clients. */
    static final String CLIENT_SECURITY_PACKAGE = "org.apache.kafka.common.security.";
    /** A login module's package as a configuration may write it (unrelocated, or as Databricks relocates it). */
    private static final java.util.regex.Pattern LOGIN_MODULE_PACKAGE = java.util.regex.Pattern.compile(
            "\\b(?:kafkashaded\\.)?org\\.apache\\.kafka\\.common\\.security\\.");

    public String topic(Domain domain) {
        return topics.get(domain);
    }

    /**
     * The {@code startingOffsets} option for the query of {@code domain}: {@code earliest} / {@code latest} as
     * configured, or the part of the JSON naming this domain's topic. A topic the JSON does not name starts at
     * {@code earliest}, as a query without a checkpoint would.
     */
    public String startingOffsetsFor(Domain domain) {
        if (startingOffsets.equals(EARLIEST) || startingOffsets.equals(LATEST)) {
            return startingOffsets;
        }
        try {
            JsonNode all = JSON.readTree(startingOffsets);
            JsonNode mine = all.get(topic(domain));
            return mine == null ? EARLIEST : JSON.writeValueAsString(JSON.createObjectNode().set(topic(domain), mine));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("startingOffsets is not JSON: " + startingOffsets, e);
        }
    }
}

package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A Kafka admin client with the same connection settings as the colour job's Kafka source. */
final class KafkaAdmins {
    private KafkaAdmins() {
    }

    static Admin create(PipelineConfig config) {
        Map<String, Object> props = new HashMap<>();
        // The source options are kafka.-prefixed (Spark's convention); the Admin client takes the bare names.
        config.kafka().options().forEach((k, v) -> props.put(k.substring("kafka.".length()), v));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        return Admin.create(props);
    }
}

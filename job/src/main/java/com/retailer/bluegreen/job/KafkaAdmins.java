package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A Kafka admin client with the same connection settings as the colour job's Kafka source. */
final class KafkaAdmins {
    private KafkaAdmins() {
    }

    static Admin create(PipelineConfig config) {
        return Admin.create(config.kafka().clientProperties());
    }

    /** As {@link #create(PipelineConfig)}, giving up on any call after {@code timeout}. */
    static Admin create(PipelineConfig config, java.time.Duration timeout) {
        Map<String, Object> props = config.kafka().clientProperties();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(props);
    }
}

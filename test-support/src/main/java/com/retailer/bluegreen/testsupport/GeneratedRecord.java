package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.layout.Domain;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record to send: topic, key and value bytes ({@code value} may be null: a poison record), and what it
 * means. Equality compares the bytes, so two generator runs can be compared with {@code equals}.
 */
public record GeneratedRecord(Domain domain, String topic, byte[] key, byte[] value, Expectation expectation) {

    public GeneratedRecord {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expectation, "expectation");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedRecord r && domain == r.domain && topic.equals(r.topic)
                && Arrays.equals(key, r.key) && Arrays.equals(value, r.value) && expectation.equals(r.expectation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, topic, Arrays.hashCode(key), Arrays.hashCode(value), expectation);
    }

    @Override
    public String toString() {
        return "GeneratedRecord[" + topic + " key=" + new String(key, java.nio.charset.StandardCharsets.UTF_8)
                + " value=" + (value == null ? "null" : value.length + " bytes") + " " + expectation + "]";
    }
}

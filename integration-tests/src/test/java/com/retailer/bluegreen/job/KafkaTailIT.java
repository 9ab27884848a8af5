package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.local.LocalStack;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan of the unprocessed end of a topic that {@code validate} uses for writer schema ids, on a real broker:
 * it finds the ids from the given offsets to the end, and a scan cut short by its record limit says how much it left
 * unread (which makes validate refuse rather than vouch for records it has not read).
 */
@Tag("integration")
class KafkaTailIT {
    @TempDir
    Path dir;

    @Test
    void readsTheIdsFromTheGivenOffsetsToTheEndAndSaysWhatALimitLeftUnread() throws Exception {
        try (LocalStack stack = LocalStack.start(dir.resolve("stack"))) {
            Map<Domain, String> topics = new EnumMap<>(Domain.class);
            for (Domain d : Domain.values()) {
                topics.put(d, "tail." + d.defaultTopic());
            }
            stack.createTopics(topics, 1);
            String topic = topics.get(Domain.ORDERS);
            Properties props = new Properties();
            props.put("bootstrap.servers", stack.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                // Offsets 0-19 written with schema id 1, 20-29 with id 7; one record without the wire format.
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, null, confluent(i < 20 ? 1 : 7)));
                }
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {42}));
                producer.flush();
            }
            PipelineConfig config = LocalStack.config(stack.overrides(dir.resolve("run"), topics));
            Duration timeout = Duration.ofSeconds(20);

            KafkaTail.Tail all = KafkaTail.schemaIds(config, topic, Map.of(0, 5L), 100, timeout);
            assertTrue(all.complete(), "read to the end: " + all.unread());
            assertEquals(Set.of(1, 7), all.ids());

            KafkaTail.Tail fromLater = KafkaTail.schemaIds(config, topic, Map.of(0, 20L), 100, timeout);
            assertEquals(Set.of(7), fromLater.ids(), "records before the given offset are not read");

            KafkaTail.Tail earliest = KafkaTail.schemaIds(config, topic, Map.of(), 100, timeout);
            assertEquals(Set.of(1, 7), earliest.ids(), "a partition not named is read from its earliest offset");

            KafkaTail.Tail limited = KafkaTail.schemaIds(config, topic, Map.of(0, 5L), 10, timeout);
            assertFalse(limited.complete());
            assertEquals(Map.of(0, 16L), limited.unread(), "offsets 15-30 were not read");
            assertEquals(Set.of(1), limited.ids());
        }
    }

    private static byte[] confluent(int schemaId) {
        return ByteBuffer.allocate(7).put((byte) 0).putInt(schemaId).put((byte) 2).put((byte) 0).array();
    }
}

package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.local.EmbeddedKafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;
import com.retailer.bluegreen.layout.Domain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one test class that starts a real broker (shared by its tests). */
class EmbeddedKafkaTest {
    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void producesAndConsumesAThousandRecordsInPartitionOrder() {
        kafka.createTopics(Map.of("smoke", 4));
        kafka.createTopics(Map.of("smoke", 4, "smoke-2", 2));
        List<GeneratedRecord> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(new GeneratedRecord(Domain.INVENTORY, "smoke", ("k" + i % 37).getBytes(StandardCharsets.UTF_8),
                    ("v" + i).getBytes(StandardCharsets.UTF_8), new Expectation.Poison("BAD_MAGIC")));
        }
        List<ProducedRecord> produced = Producing.produceAll(kafka.bootstrapServers(), records);
        assertEquals(1000, produced.size());
        for (ProducedRecord p : produced) {
            int expectedPartition = Utils.toPositive(Utils.murmur2(p.record().key())) % 4;
            assertEquals(expectedPartition, p.partition(), "default partitioner on the key");
        }
        Map<TopicPartition, Long> ends = kafka.endOffsets("smoke");
        assertEquals(4, ends.size());
        assertEquals(1000L, ends.values().stream().mapToLong(Long::longValue).sum());

        List<ConsumerRecord<byte[], byte[]>> consumed = consumeAll("smoke", 1000);
        Map<Integer, List<String>> sentByPartition = produced.stream().collect(Collectors.groupingBy(
                ProducedRecord::partition, Collectors.mapping(p -> new String(p.record().value()), Collectors.toList())));
        Map<Integer, List<String>> readByPartition = consumed.stream().collect(Collectors.groupingBy(
                ConsumerRecord::partition, Collectors.mapping(c -> new String(c.value()), Collectors.toList())));
        assertEquals(sentByPartition, readByPartition, "per partition, delivery order is list order");
        ProducedRecord first = produced.get(0);
        ConsumerRecord<byte[], byte[]> match = consumed.stream()
                .filter(c -> c.partition() == first.partition() && c.offset() == first.offset()).findFirst().orElseThrow();
        assertArrayEquals(first.record().value(), match.value());
    }

    @Test
    void generatedTrafficLandsWholeAndTheOracleAccountsForEveryRecord() {
        GeneratorConfig config = GeneratorConfig.of(3, "ek", Instant.parse("2026-03-01T00:00:00Z"), 2_000)
                .withTopics(Map.of(Domain.ORDERS, "ek.orders", Domain.INVENTORY, "ek.inventory",
                        Domain.FULFILLMENT, "ek.fulfillment"));
        config.topics().values().forEach(t -> kafka.createTopics(Map.of(t, 4)));
        List<GeneratedRecord> records = new TrafficGenerator(new InMemorySchemaRegistry(), config).generate();
        List<ProducedRecord> produced = Producing.produceAll(kafka.bootstrapServers(), records);
        Expected expected = Oracle.compute(produced);
        long landed = config.topics().values().stream()
                .flatMap(t -> kafka.endOffsets(t).values().stream()).mapToLong(Long::longValue).sum();
        assertEquals(records.size(), landed);
        assertEquals(landed, expected.bronzeStatus().size());
        assertTrue(expected.countWithStatus("NULL_VALUE") > 0 && !expected.orders().isEmpty());
    }

    @Test
    void rateProducerPacesAndStampsSendTimes() {
        kafka.createTopics(Map.of("paced", 2));
        List<GeneratedRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(new GeneratedRecord(Domain.ORDERS, "paced", ("k" + i).getBytes(), new byte[] {1},
                    new Expectation.Poison("BAD_MAGIC")));
        }
        long start = System.currentTimeMillis();
        List<ProducedRecord> produced;
        try (RateProducer producer = new RateProducer(kafka.bootstrapServers())) {
            produced = producer.run(records, 1_000);
        }
        long elapsed = System.currentTimeMillis() - start;
        assertEquals(300, produced.size());
        assertTrue(elapsed >= 250, "300 records at 1000/s take ~0.3 s, took " + elapsed + " ms");
        assertTrue(produced.get(0).timestampMs() >= start && produced.get(299).timestampMs() - produced.get(0)
                .timestampMs() >= 250);
    }

    @Test
    void rateProducerStreamsGeneratedTrafficForADurationWithoutKeepingIt() {
        GeneratorConfig config = GeneratorConfig.of(4, "rate", Instant.parse("2026-03-01T00:00:00Z"), 500)
                .withTopics(Map.of(Domain.ORDERS, "rate.orders", Domain.INVENTORY, "rate.inventory",
                        Domain.FULFILLMENT, "rate.fulfillment"));
        config.topics().values().forEach(t -> kafka.createTopics(Map.of(t, 4)));
        TrafficGenerator generator = new TrafficGenerator(new InMemorySchemaRegistry(), config);
        java.util.concurrent.atomic.AtomicLong acked = new java.util.concurrent.atomic.AtomicLong();
        long sent;
        try (RateProducer producer = new RateProducer(kafka.bootstrapServers())) {
            sent = producer.run(generator.stream(), 4_000, Duration.ofMillis(500), Long.MAX_VALUE,
                    p -> acked.incrementAndGet());
        }
        assertEquals(sent, acked.get());
        assertTrue(sent > 1_000 && sent <= 2_001, "about 2000 records in 0.5 s at 4000/s, sent " + sent);
    }

    @Test
    void restartsOnItsDirectoryWithItsTopicsAndRecords() {
        Path restartDir = dir.resolve("restart");
        String bootstrap;
        try (EmbeddedKafka first = EmbeddedKafka.start(restartDir)) {
            first.createTopics(Map.of("kept", 2));
            Producing.produceAll(first.bootstrapServers(), List.of(new GeneratedRecord(Domain.ORDERS, "kept",
                    "k".getBytes(), "v".getBytes(), new Expectation.Poison("BAD_MAGIC"))));
            bootstrap = first.bootstrapServers();
        }
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        try (EmbeddedKafka again = EmbeddedKafka.start(restartDir, port)) {
            assertEquals(bootstrap, again.bootstrapServers());
            assertEquals(1L, again.endOffsets("kept").values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void runsAsAChildJvmThatAnnouncesItsBootstrap() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedKafka.class.getName(),
                dir.resolve("child").toString(), "0", "child-topic:3")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("KAFKA_READY ")) {
                line = out.readLine();
            }
            assertTrue(line != null, "child printed KAFKA_READY");
            String bootstrap = line.substring("KAFKA_READY ".length());
            assertTrue(bootstrap.startsWith("127.0.0.1:"), bootstrap);
            Producing.produceAll(bootstrap, List.of(new GeneratedRecord(Domain.ORDERS, "child-topic",
                    "k".getBytes(), "v".getBytes(), new Expectation.Poison("BAD_MAGIC"))));
        } finally {
            child.destroy();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the child broker");
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>(kafka.endOffsets(topic).keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        Map<Integer, Long> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            Long previous = last.put(r.partition(), r.offset());
            assertTrue(previous == null || previous < r.offset());
        }
        return out;
    }
}

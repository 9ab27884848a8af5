package com.retailer.bluegreen.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.retailer.bluegreen.ingest.ReaderSchemas;
import com.retailer.bluegreen.layout.Domain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local server driven by Confluent's own client: {@code confluent_kafka.schema_registry.SchemaRegistryClient}
 * (Python), making the calls its serializers and tools make (see {@code confluent-client/drive_registry.py}).
 *
 * <p>Runs where a Python 3 with that client is installed, e.g. Debian's {@code python3-confluent-kafka} (1.7.0) and
 * {@code python3-requests}; skipped elsewhere (the project's build does not install Python packages). Its Avro
 * serializer needs {@code fastavro}, which Debian does not package, so the serializer's own registry call (the lookup
 * of {@code auto.register.schemas=false}) is made through the client directly.
 */
class ConfluentPythonClientOnLocalServerTest {
    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

    @TempDir
    Path dir;

    @Test
    void confluentsPythonClientRegistersLooksUpIsRefusedAt409AndManagesLevelsAndDeletes() throws Exception {
        Optional<String> python = pythonWithConfluentClient();
        assumeTrue(python.isPresent(), "Confluent's Python client (confluent_kafka.schema_registry with requests) is"
                + " not installed; apt-get install python3-confluent-kafka python3-requests to run this test");

        Schema v2 = ReaderSchemas.latestWriter(Domain.ORDERS);
        Schema seqAsString = new Schema.Parser().parse(v2.toString()
                .replace("\"name\":\"seq\",\"type\":\"long\"", "\"name\":\"seq\",\"type\":\"string\""));
        Path v2File = Files.writeString(dir.resolve("orders-v2.avsc"), v2.toString());
        Path seqFile = Files.writeString(dir.resolve("orders-seq-as-string.avsc"), seqAsString.toString());
        Path script = dir.resolve("drive_registry.py");
        try (InputStream in = getClass().getResourceAsStream("/confluent-client/drive_registry.py")) {
            Files.copy(in, script);
        }

        try (LocalSchemaRegistryServer server = new LocalSchemaRegistryServer().start()) {
            Process process = new ProcessBuilder(python.get(), script.toString(), server.url(), v2File.toString(),
                    seqFile.toString()).redirectErrorStream(true).start();
            boolean done = process.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(done, "the Python client did not finish within 120 s:\n" + output);
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("ALL OK"), output);
        }
    }

    private static Optional<String> pythonWithConfluentClient() {
        for (String python : PYTHONS) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import confluent_kafka.schema_registry")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(python);
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not installed here; try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}

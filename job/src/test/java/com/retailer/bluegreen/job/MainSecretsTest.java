package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that fails with a message carrying the configuration's secrets: Main prints the message, the stack trace
 * and the JSON error, and none may contain a secret value: a JAAS password, a registry URL's password, a storage
 * URL's SAS signature, a password given with --set, or a value written as a secret reference. In-process, no Spark:
 * the verb's command is replaced by one that throws.
 */
class MainSecretsTest {
    private static final String JAAS_PASSWORD = "Jaas-Pw-93kd";
    private static final String REGISTRY_PASSWORD = "Reg-Pw-55xq";
    private static final String SAS_SIGNATURE = "Sas-Sig-0a1b2c";
    private static final String SET_PASSWORD = "Ovr-Pw-1x7y";
    private static final String REFERENCE = "{{secrets/paths/inbox}}";
    private static final List<String> SECRETS = List.of(JAAS_PASSWORD, REGISTRY_PASSWORD, SAS_SIGNATURE, SET_PASSWORD,
            "secrets/paths");
    private static final String SAS_URL = "https://acct.blob.core.windows.net/lake/f?sv=2022-11-02&sig="
            + SAS_SIGNATURE;
    /** Everything secret at once, as a failing library might word it. */
    private static final String LEAKY = "Cannot reach https://svc:" + REGISTRY_PASSWORD + "@registry.example.com:8081"
            + " with org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\""
            + JAAS_PASSWORD + "\"; key password " + SET_PASSWORD + "; inbox /Volumes/" + REFERENCE;

    @TempDir
    Path dir;

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("secret.yaml"), """
                pipeline: retail
                catalog: main
                kafka:
                  bootstrapServers: 127.0.0.1:9092
                  options:
                    kafka.sasl.jaas.config: >-
                      org.apache.kafka.common.security.scram.ScramLoginModule required
                      username="svc" password="%s";
                schemaRegistry:
                  url: https://svc:%s@registry.example.com:8081
                reference:
                  inbox: /Volumes/%s
                spark:
                  conf:
                    spark.hadoop.fs.azure.sas.fixed.token: "sv=2022-11-02&sig=%s"
                publish:
                  storageBase: %s
                colours:
                  blue:
                    checkpointBase: %s
                    storageBase: %s
                  green:
                    checkpointBase: %s
                    storageBase: %s
                """.formatted(JAAS_PASSWORD, REGISTRY_PASSWORD, REFERENCE, SAS_SIGNATURE, dir.resolve("lake"),
                dir.resolve("ckpt"), dir.resolve("lake"), dir.resolve("ckpt"), dir.resolve("lake")));
    }

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run run(Main.Commands commands, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 4];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--config";
        full[args.length + 1] = config().toString();
        full[args.length + 2] = "--set";
        full[args.length + 3] = "kafka.options.kafka.ssl.key.password=" + SET_PASSWORD;
        int code = Main.run(full, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), commands);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertNoSecretIn(String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), "'" + secret + "' printed in:\n" + text);
        }
    }

    @Test
    void a_failure_prints_its_message_and_stack_trace_without_a_secret() throws Exception {
        Run r = run((a, config, out, err) -> () -> {
            throw new IllegalStateException(LEAKY, new RuntimeException("while reading " + SAS_URL));
        }, "status", "--json");
        assertEquals(ErrorCode.FAILED.exitStatus(), r.code(), r.err());
        assertNoSecretIn(r.all());
        assertTrue(r.err().contains("status failed: java.lang.IllegalStateException: Cannot reach"
                + " https://svc:[hidden]@registry.example.com:8081"), r.err());
        assertTrue(r.err().contains("at com.retailer.bluegreen.job.MainSecretsTest"), "the stack trace is printed");
        // The configured SAS token (a spark.conf option naming sas) is a secret value as a whole.
        assertTrue(r.err().contains("Caused by: java.lang.RuntimeException: while reading"
                + " https://acct.blob.core.windows.net/lake/f?[hidden]"), r.err());
        assertTrue(r.out().startsWith("{\"command\":\"status\",\"exitCode\":1,\"outcome\":\"FAILED\",\"message\":"),
                r.out());
    }

    @Test
    void a_refusal_prints_its_message_and_json_without_a_secret() throws Exception {
        Run r = run((a, config, out, err) -> () -> {
            throw new IllegalStateException("query terminated",
                    new BlueGreenException(ErrorCode.NOT_VALIDATED, LEAKY));
        }, "status", "--json");
        assertEquals(ErrorCode.NOT_VALIDATED.exitStatus(), r.code(), r.err());
        assertNoSecretIn(r.all());
        assertTrue(r.out().contains("\"outcome\":\"NOT_VALIDATED\",\"message\":\"Cannot reach"
                + " https://svc:[hidden]@registry.example.com:8081"), r.out());
    }

    @Test
    void a_command_refused_before_it_runs_prints_no_secret() throws Exception {
        Run r = run((a, config, out, err) -> {
            throw new IllegalArgumentException(LEAKY);
        }, "status", "--json");
        assertEquals(ErrorCode.BAD_CONFIG.exitStatus(), r.code(), r.err());
        assertNoSecretIn(r.all());
        assertTrue(r.err().startsWith("Cannot reach https://svc:[hidden]@"), r.err());
    }

    @Test
    void an_invalid_configuration_prints_no_secret() throws Exception {
        Run r = run((a, config, out, err) -> () -> {
            throw new AssertionError("not reached");
        }, "status", "--json", "--set", "kafka.options.kafka.group.id=" + SET_PASSWORD,
                "--set", "colours.green.storageBase=" + SAS_URL);
        assertEquals(ErrorCode.BAD_CONFIG.exitStatus(), r.code(), r.err());
        assertNoSecretIn(r.all());
        assertTrue(r.err().contains("'kafka.options.kafka.group.id'"), r.err());
    }
}

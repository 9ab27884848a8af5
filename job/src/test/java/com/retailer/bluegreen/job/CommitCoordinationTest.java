package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The release state on plain S3 without a log store that can refuse a concurrent commit: a publisher verb refuses
 * before anything is written (a forked ledger is worse than no release); on Databricks, with the DynamoDB log store,
 * or on a filesystem whose log store has put-if-absent, it goes ahead.
 */
class CommitCoordinationTest {
    private static final String LOG_STORE = "spark.conf.spark.delta.logStore.s3a.impl";

    private static PipelineConfig config(String storageBase, Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>(more);
        overrides.put("publish.storageBase", storageBase);
        return ConfigLoader.load(ExitCodesTest.config(), overrides);
    }

    @Test
    void plain_s3_outside_databricks_is_refused_naming_the_location_and_the_setting() {
        for (String base : new String[] {"s3a://lake-control/bluegreen", "s3://lake-control/bluegreen",
                "S3N://lake-control/bluegreen"}) {
            PipelineConfig c = config(base, Map.of());
            BlueGreenException e = assertThrows(BlueGreenException.class,
                    () -> CommitCoordination.requireMutualExclusion(c, Map.of()), base);
            assertEquals(ErrorCode.BAD_CONFIG, e.code());
            String scheme = base.substring(0, base.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
            assertTrue(e.getMessage().contains(c.release().controlTableLocation())
                    && e.getMessage().contains("'spark.delta.logStore." + scheme + ".impl'")
                    && e.getMessage().contains("io.delta.storage.S3DynamoDBLogStore")
                    && e.getMessage().contains("Nothing was written"), e.getMessage());
        }
    }

    @Test
    void a_log_store_that_is_not_put_if_absent_is_named_and_refused() {
        PipelineConfig c = config("s3a://lake-control/bluegreen",
                Map.of(LOG_STORE, "io.delta.storage.S3SingleDriverLogStore"));
        BlueGreenException e = assertThrows(BlueGreenException.class,
                () -> CommitCoordination.requireMutualExclusion(c, Map.of()));
        assertTrue(e.getMessage().contains("log store io.delta.storage.S3SingleDriverLogStore"), e.getMessage());
    }

    @Test
    void databricks_the_dynamodb_log_store_and_other_filesystems_go_ahead() {
        assertDoesNotThrow(() -> CommitCoordination.requireMutualExclusion(config("s3a://lake-control/bluegreen",
                Map.of()), Map.of(CommitCoordination.DATABRICKS_RUNTIME, "17.3")));
        assertDoesNotThrow(() -> CommitCoordination.requireMutualExclusion(config("s3a://lake-control/bluegreen",
                Map.of(LOG_STORE, "io.delta.storage.S3DynamoDBLogStore")), Map.of()));
        for (String base : new String[] {"abfss://control@lake.dfs.core.windows.net/bg", "gs://lake/bg",
                "/Volumes/main/retail_ops/control", "dbfs:/bluegreen"}) {
            assertDoesNotThrow(() -> CommitCoordination.requireMutualExclusion(config(base, Map.of()), Map.of()),
                    base);
        }
        // the DynamoDB store configured for s3a does not cover a location written as s3://
        assertThrows(BlueGreenException.class, () -> CommitCoordination.requireMutualExclusion(
                config("s3://lake-control/bluegreen", Map.of(LOG_STORE, "io.delta.storage.S3DynamoDBLogStore")),
                Map.of()));
    }

    @Test
    void the_command_line_refuses_a_publisher_verb_before_any_command_is_built_and_lets_status_run() {
        String[] promote = {"promote", "--to", "green", "--config", ExitCodesTest.config().toString(),
                "--set", "publish.storageBase=s3a://lake-control/bluegreen"};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(promote, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err),
                (a, c, o, e) -> {
                    throw new AssertionError("a command was built");
                });
        assertEquals(ErrorCode.BAD_CONFIG.exitStatus(), code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("S3DynamoDBLogStore"), err.toString());

        String[] status = {"status", "--config", ExitCodesTest.config().toString(),
                "--set", "publish.storageBase=s3a://lake-control/bluegreen"};
        boolean[] built = {false};
        Main.run(status, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                (a, c, o, e) -> {
                    built[0] = true;
                    return () -> new CommandResult() {
                        @Override
                        public String text() {
                            return "";
                        }

                        @Override
                        public void json(com.fasterxml.jackson.databind.node.ObjectNode into) {
                        }
                    };
                });
        assertTrue(built[0], "status only reads the release state");
    }
}

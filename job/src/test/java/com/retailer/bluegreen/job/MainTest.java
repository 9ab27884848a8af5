package com.retailer.bluegreen.job;

import com.retailer.bluegreen.errors.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Argument errors are refused with exit code 2 and a message, before any configuration or Spark is touched. */
class MainTest {

    private static String[] run(int expectedCode, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedCode, code, text);
        return new String[] {text};
    }

    @Test
    void anUnknownCommandIsRefusedWithUsage() {
        String err = run(ErrorCode.BAD_CONFIG.exitStatus(), "frobnicate", "--colour", "blue")[0];
        assertTrue(err.contains("Expected a command (run, inspect, status, promote, rollback, audit verify,"
                + " bootstrap, vacuum, validate, reconcile, release plan|status|approve|abort) as the first argument,"
                + " not 'frobnicate'.") && err.contains("usage:"), err);
    }

    @Test
    void aMissingColourIsRefused() {
        assertTrue(run(ErrorCode.BAD_CONFIG.exitStatus(), "run")[0].contains("Missing --colour"));
    }

    @Test
    void anInvalidColourNamesTheAcceptedValues() {
        assertTrue(run(ErrorCode.BAD_CONFIG.exitStatus(), "run", "--colour", "purple")[0].contains("must be one of blue, green"));
    }

    @Test
    void aSetWithoutEqualsSignIsRefused() {
        assertTrue(run(ErrorCode.BAD_CONFIG.exitStatus(), "run", "--colour", "blue", "--set", "kafka.bootstrapServers")[0]
                .contains("expected key=value"));
    }

    @Test
    void aMissingConfigFileIsAConfigurationError() {
        String err = run(ErrorCode.BAD_CONFIG.exitStatus(), "run", "--colour", "blue", "--config", "does/not/exist.yaml")[0];
        assertTrue(err.contains("does/not/exist.yaml"), err);
    }
}

package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Arguments and rendering, without Spark: a session is never asked for when the arguments are wrong. */
class AuditMainTest {
    private static final Supplier<SparkSession> NO_SPARK = () -> {
        throw new AssertionError("no SparkSession may be started for invalid arguments");
    };
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AuditMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), NO_SPARK);
    }

    @Test
    void invalidArgumentsExitWithTwoAndSayWhatIsWrong() {
        assertEquals(2, run());
        assertEquals(2, run("check", "--ledger", "/x"));
        assertEquals(2, run("verify"));
        assertEquals(2, run("verify", "--ledger"));
        assertEquals(2, run("verify", "--ledger", "--json"));
        assertEquals(2, run("verify", "--ledger", "/x", "--colour", "blue"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("Unknown command 'check': expected verify."), e);
        assertTrue(e.contains("Missing --ledger <path>"), e);
        assertTrue(e.contains("Option --ledger needs a value"), e);
        assertTrue(e.contains("Unknown option '--colour' for verify."), e);
        assertTrue(e.contains("usage: audit verify --ledger <path> [--json]"), e);
    }

    @Test
    void helpPrintsUsageAndExitsWithZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: audit verify"));
    }

    @Test
    void aValidChainRendersItsCountAndHeadHash() {
        VerifyResult valid = new VerifyResult.Valid(5, "ab".repeat(32));
        assertEquals("Audit ledger /l: valid, 5 records, head hash " + "ab".repeat(32) + ".",
                AuditMain.text("/l", valid));
        assertEquals("{\"ledger\":\"/l\",\"valid\":true,\"count\":5,\"headHash\":\"" + "ab".repeat(32) + "\"}",
                AuditMain.json("/l", valid));
    }

    @Test
    void aBrokenChainRendersTheFirstBadRecordAndWhatToDo() {
        VerifyResult broken = new VerifyResult.Broken(3, "record 3 was altered: its content hashes to x");
        String text = AuditMain.text("/l", broken);
        assertTrue(text.startsWith("Audit ledger /l: BROKEN at record 3: record 3 was altered"), text);
        assertTrue(text.contains("DESCRIBE HISTORY delta.`/l`"), text);
        assertEquals("{\"ledger\":\"/l\",\"valid\":false,\"sequence\":3,\"reason\":\"record 3 was altered: its"
                + " content hashes to x\"}", AuditMain.json("/l", broken));
    }
}

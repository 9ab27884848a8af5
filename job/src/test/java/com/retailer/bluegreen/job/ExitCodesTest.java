package com.retailer.bluegreen.job;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractException;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.publish.ContractFileException;
import com.retailer.bluegreen.publish.ContractViolationException;
import com.retailer.bluegreen.publish.ViewSql;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of refusal has its own exit code, taken from the error's {@link ErrorCode} alone, and --json reports it
 * too. The codes of errors made only inside other modules are checked there (PublishErrorCodesTest,
 * LayoutErrorCodesTest). No Spark, no reflection.
 */
class ExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void eachRefusalMapsToItsOwnCode() {
        ColourLayout blue = new ColourLayout("p", Colour.BLUE, 1, "main", "/c", "/s");
        Contract contract = Contract.of(List.of(Contract.View.of("v", "t", "a", "BIGINT")));
        ContractViolationException violation = assertThrows(ContractViolationException.class,
                () -> ViewSql.statement(contract, "v", blue, Map.of("a", "STRING"), "r", true));
        Map<Throwable, Integer> cases = Map.of(
                assertThrows(ContractFileException.class, () -> ContractFile.parse("views: {}", "'x'")), 2,
                violation, 5,
                assertThrows(ContractException.class, () -> Contract.of(List.of())), 5,
                new IllegalStateException("boom"), 1,
                new BootstrapException("already bootstrapped"), 9,
                new CloneLineageException("referenced"), 10,
                new com.retailer.bluegreen.transforms.FeatureMismatchException("lacks units_sold"), 2,
                new com.retailer.bluegreen.transforms.SchemaOwnershipException("owned by green"), 3,
                new com.retailer.bluegreen.transforms.ExpectationFailedException("expectation x failed"), 13,
                new IllegalStateException("query terminated",
                        new com.retailer.bluegreen.transforms.ExpectationFailedException("from foreachBatch")), 13);
        cases.forEach((e, code) -> assertEquals(code, BlueGreenException.codeOf(e).exitStatus(),
                e.getClass().getSimpleName()));
        assertEquals("BOOTSTRAP_REFUSED", ErrorCode.ofExitStatus(9).orElseThrow().outcome());
        assertEquals("VACUUM_REFUSED", ErrorCode.ofExitStatus(10).orElseThrow().outcome());
        assertEquals("LOST_RACE", ErrorCode.ofExitStatus(6).orElseThrow().outcome());
        assertEquals("{\"command\":\"promote\",\"exitCode\":7,\"outcome\":\"SUPERSEDED\",\"message\":\"superseded\"}",
                Renderer.error("promote", ErrorCode.SUPERSEDED, new BlueGreenException(ErrorCode.SUPERSEDED,
                        "superseded")));
    }

    /** The README documents the exit codes once, and that table is the one {@link ErrorCode} declares. */
    @Test
    void theReadmeListsEveryExitCodeAsTheCodeTableDeclaresIt() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("basedir", "."), "..", "README.md").normalize());
        for (ErrorCode c : ErrorCode.values()) {
            String row = "| " + c.exitStatus() + " | `" + c.outcome() + "` | " + c.meaning() + " |";
            assertTrue(readme.contains(row), "README.md lacks the exit-code row " + row);
        }
        assertTrue(Arguments.USAGE.contains(" 13 " + ErrorCode.EXPECTATION_FAILED.meaning()), Arguments.USAGE);
    }

    @Test
    void anInvalidContractFileIsABadConfigurationReportedBeforeSparkStarts() throws Exception {
        Path contract = Files.writeString(dir.resolve("contract.yaml"), "views:\n  v:\n    source: t\n"
                + "    columns:\n      a: DATETIME\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"promote", "--to", "green", "--json", "--config", config().toString(),
                "--set", "publish.contract=" + contract, "--set", "publish.storageBase=" + dir.resolve("lake")},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(ErrorCode.BAD_CONFIG.exitStatus(), code, e);
        assertTrue(e.contains("column 'a' has unknown type 'DATETIME'") && e.contains("did you mean TIMESTAMP?"), e);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("{\"command\":\"promote\",\"exitCode\":2,"
                + "\"outcome\":\"BAD_CONFIG\""), out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(dir.resolve("lake")), "nothing written");
    }

    /** conf/local.yaml, found from the module directory. */
    static Path config() {
        return Path.of(System.getProperty("basedir", "."), "..", "conf", "local.yaml").normalize();
    }
}

package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.CheckpointOwnershipException;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.OwnerMarker;
import com.retailer.bluegreen.publish.ConcurrentPromotionException;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractException;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.publish.ContractFileException;
import com.retailer.bluegreen.publish.ContractViolationException;
import com.retailer.bluegreen.publish.ReleaseRefusedException;
import com.retailer.bluegreen.publish.SupersededException;
import com.retailer.bluegreen.publish.ViewSql;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of refusal has its own exit code, and --json reports it too. No Spark. */
class ExitCodesTest {
    @TempDir
    Path dir;

    /** The publish module's exceptions are made only there; tests reach their constructors by reflection. */
    private static <T> T make(Class<T> type, Object... args) throws Exception {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (c.getParameterCount() == args.length) {
                c.setAccessible(true);
                return type.cast(c.newInstance(args));
            }
        }
        throw new AssertionError("no constructor of " + type + " with " + args.length + " parameters");
    }

    @Test
    void eachRefusalMapsToItsOwnCode() throws Exception {
        ColourLayout blue = new ColourLayout("p", Colour.BLUE, 1, "main", "/c", "/s");
        ColourLayout green = new ColourLayout("p", Colour.GREEN, 1, "main", "/c", "/s");
        Contract contract = Contract.of(List.of(Contract.View.of("v", "t", "a", "BIGINT")));
        ContractViolationException violation = assertThrows(ContractViolationException.class,
                () -> ViewSql.statement(contract, "v", blue, Map.of("a", "STRING"), "r", true));
        Map<Throwable, Integer> cases = Map.of(
                assertThrows(ContractFileException.class, () -> ContractFile.parse("views: {}", "'x'")), 2,
                make(CheckpointOwnershipException.class, "owned", Path.of("/c"), OwnerMarker.of(green, "a"),
                        OwnerMarker.of(blue, "a")), 3,
                make(ReleaseRefusedException.class, ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, "b"), 4,
                violation, 5,
                assertThrows(ContractException.class, () -> Contract.of(List.of())), 5,
                make(ConcurrentPromotionException.class, "lost", 3L, null), 6,
                make(ReleaseRefusedException.class, ReleaseRefusedException.Reason.IN_PROGRESS, "busy"), 6,
                make(SupersededException.class, "superseded", 2L, 3L), 7,
                make(ReleaseRefusedException.class, ReleaseRefusedException.Reason.NOTHING_TO_ROLL_BACK, "n"), 8,
                new IllegalStateException("boom"), 1);
        cases.forEach((e, code) -> assertEquals(code, Main.exitCode(e), e.getClass().getSimpleName()));
        Map<Throwable, Integer> more = Map.of(
                new BootstrapException("already bootstrapped"), 9,
                new CloneLineageException("referenced"), 10,
                new com.retailer.bluegreen.transforms.FeatureMismatchException("lacks units_sold"), 2,
                new com.retailer.bluegreen.transforms.SchemaOwnershipException("owned by green"), 3,
                new com.retailer.bluegreen.transforms.ExpectationFailedException("expectation x failed"), 13,
                new IllegalStateException("query terminated",
                        new com.retailer.bluegreen.transforms.ExpectationFailedException("from foreachBatch")), 13);
        more.forEach((e, code) -> assertEquals(code, Main.exitCode(e), e.getClass().getSimpleName()));
        assertEquals("BOOTSTRAP_REFUSED", Main.outcome(9));
        assertEquals("VACUUM_REFUSED", Main.outcome(10));
        assertEquals("LOST_RACE", Main.outcome(6));
        assertEquals("{\"command\":\"promote\",\"exitCode\":7,\"outcome\":\"SUPERSEDED\",\"message\":\"superseded\"}",
                Main.error("promote", 7, make(SupersededException.class, "superseded", 2L, 3L)));
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
        assertEquals(Main.BAD_CONFIG, code, e);
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

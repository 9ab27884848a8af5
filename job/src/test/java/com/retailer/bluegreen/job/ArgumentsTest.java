package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each command takes only its own options; mistakes are named with what the command takes. No Spark. */
class ArgumentsTest {

    private static Arguments parse(String... args) {
        return Arguments.parse(args).orElseThrow();
    }

    private static String refused(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Arguments.parse(args)).getMessage();
    }

    @Test
    void promoteTakesATargetColourAReleaseIdAndTheCommonOptions() {
        Arguments a = parse("promote", "--to", "green", "--release-id", "r-2026.06.01", "--config", "c.yaml",
                "--set", "publish.parallelism=2", "--json", "--git-sha", "3f2a9c1");
        assertEquals(Arguments.PROMOTE, a.command());
        assertEquals(Optional.of(Colour.GREEN), a.to());
        assertEquals(Optional.of("r-2026.06.01"), a.releaseId());
        assertEquals(Path.of("c.yaml"), a.config());
        assertEquals(Map.of("publish.parallelism", "2"), a.overrides());
        assertTrue(a.json());
        assertEquals("3f2a9c1", a.gitSha());
        assertEquals(Optional.empty(), parse("promote", "--to", "blue").releaseId(), "derived later");
    }

    @Test
    void statusRollbackAndAuditVerifyNeedNoColour() {
        assertEquals(Arguments.STATUS, parse("status", "--json").command());
        assertEquals(Arguments.ROLLBACK, parse("rollback").command());
        Arguments verify = parse("audit", "verify", "--json");
        assertEquals(Arguments.AUDIT_VERIFY, verify.command());
        assertTrue(verify.json());
        assertEquals(Path.of("conf", "local.yaml"), verify.config());
    }

    @Test
    void runAndInspectKeepTheirOptions() {
        Arguments run = parse("run", "--colour", "blue", "--available-now", "--git-sha", "abc");
        assertEquals(Optional.of(Colour.BLUE), run.colour());
        assertTrue(run.availableNow());
        assertTrue(parse("inspect", "--colour", "green", "--json").json());
    }

    @Test
    void optionsOfAnotherCommandAreRefusedSayingWhatThisOneTakes() {
        assertEquals("Unknown option '--colour' for promote. Promote takes --to <colour>. It takes --dry-run,"
                + " --git-sha, --release-id, --to and --config, --set, --json.", refused("promote", "--colour",
                "blue"));
        assertTrue(refused("rollback", "--colour", "blue").contains("Rollback always returns to the other colour"));
        assertTrue(refused("run", "--colour", "blue", "--to", "green").contains("Only promote takes --to."));
        assertEquals("Unknown option '--available-now' for status. It takes --config, --set, --json.",
                refused("status", "--available-now"));
    }

    @Test
    void theActorIsNeverAnOption() {
        String e = refused("promote", "--to", "green", "--actor", "alice");
        assertTrue(e.contains("Who acts is never an option: it comes from BLUEGREEN_ACTOR"), e);
    }

    @Test
    void missingOrInvalidValuesAreNamed() {
        assertEquals("Missing --to (blue or green): the colour the published views are to serve.",
                refused("promote"));
        assertEquals("Missing --colour (blue or green): which colour to inspect.", refused("inspect"));
        assertEquals("Missing value after --to.", refused("promote", "--to"));
        assertEquals("Missing value after --release-id.", refused("promote", "--to", "blue", "--release-id",
                "--json"));
        assertTrue(refused("promote", "--to", "blue", "--release-id", "r 2").startsWith("Invalid release id 'r 2'"));
        assertTrue(refused("promote", "--to", "red").contains("must be one of blue, green"));
        assertEquals("Expected 'audit verify': verify is the only audit command.", refused("audit", "check"));
        assertEquals("Expected a command (run, inspect, status, promote, rollback, audit verify, bootstrap, vacuum,"
                + " validate, reconcile, release plan|status|approve|abort) as the first argument.", refused());
    }

    @Test
    void releaseSubcommandsTakeTheirOwnOptions() {
        Arguments abort = parse("release", "abort", "--release-id", "r-2", "--reason", "wrong cut", "--json");
        assertEquals(Arguments.RELEASE_ABORT, abort.command());
        assertEquals(Optional.of("r-2"), abort.releaseId());
        assertEquals(Optional.of("wrong cut"), abort.reason());
        assertEquals(Arguments.RELEASE_PLAN, parse("release", "plan").command());
        assertEquals(Arguments.RELEASE_STATUS, parse("release", "status").command());
        assertEquals("Expected 'release plan', 'release status', 'release approve' or 'release abort', not"
                + " 'release go'.", refused("release", "go"));
        assertTrue(refused("release", "approve", "--reason", "x").startsWith("Unknown option '--reason' for release"
                + " approve."), refused("release", "approve", "--reason", "x"));
        assertTrue(refused("release", "approve", "--actor", "bob").contains("Who acts is never an option"));
    }

    @Test
    void helpIsNotAnError() {
        assertEquals(Optional.empty(), Arguments.parse(new String[] {"--help"}));
        assertEquals(Optional.empty(), Arguments.parse(new String[] {"promote", "-h"}));
        assertTrue(Arguments.wantsJson(new String[] {"promote", "--json"}));
    }

    @Test
    void bootstrapStartsFromTheOtherColoursCutOrFromScratchButNotBoth() {
        Arguments cut = parse("bootstrap", "--colour", "green", "--from", "blue", "--git-sha", "abc");
        assertEquals(Optional.of(Colour.GREEN), cut.colour());
        assertEquals(Optional.of(Colour.BLUE), cut.from());
        assertEquals(Optional.empty(), parse("bootstrap", "--colour", "green", "--from-scratch").from());
        assertEquals("Missing --from <colour> or --from-scratch: where green's new generation starts.",
                refused("bootstrap", "--colour", "green"));
        assertTrue(refused("bootstrap", "--colour", "green", "--from", "blue", "--from-scratch")
                .startsWith("Both --from and --from-scratch"));
        assertEquals("--from green is the colour being bootstrapped: a cut comes from the other colour, --from blue.",
                refused("bootstrap", "--colour", "green", "--from", "green"));
        assertTrue(refused("bootstrap", "--from", "blue").startsWith("Missing --colour"));
    }

    @Test
    void vacuumTakesARetentionInHoursAndDetach() {
        Arguments v = parse("vacuum", "--colour", "blue", "--retain-hours", "0.5", "--detach");
        assertEquals(Optional.of(0.5), v.retainHours());
        assertTrue(v.detach());
        assertEquals(Optional.empty(), parse("vacuum", "--colour", "blue").retainHours(), "Delta's 7 days");
        assertEquals("Invalid --retain-hours 'soon': expected a number of hours >= 0, such as 168 (Delta's"
                + " default, 7 days).", refused("vacuum", "--colour", "blue", "--retain-hours", "soon"));
        assertTrue(refused("vacuum", "--colour", "blue", "--to", "green").startsWith("Unknown option '--to' for"
                + " vacuum."));
    }
}

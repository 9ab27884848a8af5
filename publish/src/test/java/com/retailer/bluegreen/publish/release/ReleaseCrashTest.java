package com.retailer.bluegreen.publish.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.ReleaseState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator dies at every point of a release: right after each audit append (before its anchor), in the
 * middle of the promotion's and the rollback's view switches, after the deployer, the gates and a bake sample did
 * their work, and in catch-up and bake waits. A fresh orchestrator then resumes the release, as {@code release resume}
 * or a re-run of the release job would; the outcome must equal an uninterrupted run's: the same final state, the same
 * steps recorded once each, the same views, one promotion (and one rollback), a chain that verifies.
 */
class ReleaseCrashTest {

    /** What a release ended with, compared between an uninterrupted run and a crashed-and-resumed one. */
    record Outcome(ReleaseState state, List<String> steps, Map<String, String> views, long promotions, long rollbacks,
                   boolean chainValid, String blueJob, String greenJob) {
        static Outcome of(ReleaseHarness h, ReleaseView v) {
            return new Outcome(v.state(), h.steps("r-2"), h.serving(),
                    h.actions().stream().filter("PROMOTE"::equals).count(),
                    h.actions().stream().filter("ROLLBACK"::equals).count(), h.ledgerStore.read().verify().valid(),
                    h.jobs.state(Colour.BLUE).name(), h.jobs.state(Colour.GREEN).name());
        }
    }

    private static void completes(ReleaseHarness h) {
    }

    private static void degradesAtSample4(ReleaseHarness h) {
        h.bake = n -> n >= 4 ? ReleaseHarness.with("freshness", BakeProbe.Verdict.BREACH, "300 s")
                : ReleaseHarness.passing();
    }

    @Test
    void a_release_that_completes_converges_after_a_crash_at_any_point() {
        everyCrashConverges(ReleaseCrashTest::completes, ReleaseState.COMPLETED);
    }

    @Test
    void a_release_rolled_back_during_bake_converges_after_a_crash_at_any_point() {
        everyCrashConverges(ReleaseCrashTest::degradesAtSample4, ReleaseState.ROLLED_BACK);
    }

    private static void everyCrashConverges(Consumer<ReleaseHarness> scenario, ReleaseState expected) {
        ReleaseHarness ref = new ReleaseHarness();
        scenario.accept(ref);
        ReleaseView done = ref.orchestrator().start(ref.spec("r-2", true));
        Outcome reference = Outcome.of(ref, done);
        assertEquals(expected, reference.state());

        List<String> points = new ArrayList<>(List.of("deployed", "validated", "sampled"));
        IntStream.rangeClosed(1, ref.ledger.appends).forEach(n -> points.add("append:" + n));
        IntStream.rangeClosed(1, ref.viewSwitches).forEach(n -> points.add("view:" + n));
        IntStream.of(1, 2, 3, 4, 5, ref.sleeps).filter(n -> n <= ref.sleeps).distinct()
                .forEach(n -> points.add("sleep:" + n));
        assertTrue(ref.ledger.appends >= 8 && ref.viewSwitches >= 2, "the reference run appended "
                + ref.ledger.appends + " records and switched " + ref.viewSwitches + " views");

        for (String point : points) {
            ReleaseHarness h = new ReleaseHarness();
            scenario.accept(h);
            h.crashAt = point;
            ReleaseSpec spec = h.spec("r-2", true);
            assertThrows(ReleaseHarness.Crash.class, () -> h.orchestrator().start(spec), "crash at " + point);
            ReleaseView resumed = h.orchestrator().open().isPresent() ? h.orchestrator().resume()
                    : h.orchestrator().run("r-2");
            assertEquals(reference, Outcome.of(h, resumed), "crash at " + point);
        }
    }
}

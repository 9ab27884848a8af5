package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deciding on the release state (settled epochs, what an unrecorded epoch was) and reading views back. No Spark. */
class ReleaseSnapshotTest {
    private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

    private static AuditRecord record(long epoch, String action, String from, String to, String release) {
        return AuditRecord.seal(epoch, new AuditDraft(action, "ci", T.plusSeconds(epoch), from, to, epoch, release,
                "abc", Map.of(), null), AuditRecord.GENESIS_HASH);
    }

    private static DesiredState state(Colour c, long epoch, String release) {
        return new DesiredState(c, epoch, release, T.plusSeconds(epoch), "ci");
    }

    private static final List<AuditRecord> HISTORY = List.of(
            record(1, "PROMOTE", null, "blue", "r-1"),
            record(2, "PROMOTE", "blue", "green", "r-2"));

    @Test
    void anEpochIsSettledOnceRecorded() {
        assertTrue(new ReleaseSnapshot(ReleaseSnapshot.NONE, List.of()).settled());
        assertTrue(new ReleaseSnapshot(state(Colour.GREEN, 2, "r-2"), HISTORY).settled());
        ReleaseSnapshot inFlight = new ReleaseSnapshot(state(Colour.BLUE, 3, "r-3"), HISTORY);
        assertFalse(inFlight.settled());
        assertEquals(2, inFlight.lastRecordedEpoch());
        assertEquals("r-1", inFlight.latestServing(Colour.BLUE, 3).orElseThrow().releaseId());
        assertEquals(Optional.empty(), inFlight.latestServing(Colour.GREEN, 2));
    }

    @Test
    void anUnrecordedEpochReturningToAnEarlierReleaseWasARollbackAnythingElseAPromotion() {
        assertEquals("ROLLBACK", new ReleaseSnapshot(state(Colour.BLUE, 3, "r-1"), HISTORY).desiredAction());
        assertEquals("PROMOTE", new ReleaseSnapshot(state(Colour.BLUE, 3, "r-3"), HISTORY).desiredAction());
        assertEquals("PROMOTE", new ReleaseSnapshot(state(Colour.GREEN, 3, "r-2"), HISTORY).desiredAction(),
                "re-promoting the colour already served is not a rollback");
        List<AuditRecord> rolledBack = new ArrayList<>(HISTORY);
        rolledBack.add(record(3, "ROLLBACK", "green", "blue", "r-1"));
        assertEquals("ROLLBACK", new ReleaseSnapshot(state(Colour.BLUE, 3, "r-1"), rolledBack).desiredAction(),
                "a recorded epoch's action is read, not inferred");
    }

    @Test
    void aViewsTextNamesTheColourTableAndReleaseItServes() {
        Map<Colour, ColourLayout> layouts = Map.of(
                Colour.BLUE, new ColourLayout("p", Colour.BLUE, 1, "main", "/c", "/l"),
                Colour.GREEN, new ColourLayout("p", Colour.GREEN, 1, "main", "/c", "/l"));
        String text = "SELECT CAST(a AS BIGINT) AS a, 'r-2 \\'x\\' \\\\' AS release_id FROM main.p_green.daily";
        PublishedViews.Serving s = PublishedViews.parse("daily", "main.p.daily", Optional.of(text), layouts);
        assertEquals(Optional.of("main.p_green.daily"), s.sourceTable());
        assertEquals(Optional.of(Colour.GREEN), s.colour());
        assertEquals(Optional.of("r-2 'x' \\"), s.releaseId());
        assertFalse(PublishedViews.parse("daily", "main.p.daily", Optional.empty(), layouts).exists());
    }
}

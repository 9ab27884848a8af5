package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.job.StatusReport.ColourStatus;
import com.retailer.bluegreen.job.StatusReport.QueryStatus;
import com.retailer.bluegreen.job.StatusReport.Running;
import com.retailer.bluegreen.job.StatusReport.TableFreshness;
import com.retailer.bluegreen.job.StatusReport.ViewStatus;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status rendered for people and machines, and the heartbeat it reads. No Spark. */
class StatusTextTest {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path dir;

    private static StatusReport report() {
        StatusReport.Publication pub = new StatusReport.Publication(Optional.of("green"), 4, Optional.of("r-4"),
                Optional.of("GITHUB_ACTOR:octocat"), Optional.of(NOW.minusSeconds(125)), false, 3, List.of(
                new ViewStatus("daily_revenue", "main.p.daily_revenue", true, Optional.of("green"),
                        Optional.of("r-4"), Optional.of("main.p_green.daily_revenue")),
                new ViewStatus("orders", "main.p.orders", true, Optional.of("blue"), Optional.of("r-3"),
                        Optional.of("main.p_blue.orders"))), Optional.empty());
        ColourStatus blue = new ColourStatus("blue", 2, new Running(true, Optional.of(NOW.minusSeconds(4)),
                Duration.ofSeconds(30), Optional.of("3f2a9c1"), Optional.of("host-1"), List.of("p-blue-orders")),
                List.of(new QueryStatus("orders", Optional.of(41L), Optional.of(7L), Optional.of(12L)),
                        new QueryStatus("inventory", Optional.of(40L), Optional.of(90L), Optional.of(95L)),
                        new QueryStatus("gold", Optional.of(39L), Optional.empty(), Optional.empty())),
                Optional.empty(), List.of(
                new TableFreshness("orders", "source_ts", true, true, Optional.of(NOW.minusSeconds(8)),
                        Optional.of(Duration.ofSeconds(8))),
                new TableFreshness("shipments", "last_event_ts", true, true, Optional.of(NOW.minusSeconds(190)),
                        Optional.of(Duration.ofSeconds(190)))));
        ColourStatus green = new ColourStatus("green", 1, new Running(false, Optional.empty(),
                Duration.ofSeconds(30), Optional.empty(), Optional.empty(), List.of()), List.of(),
                Optional.of("not measured: the colour has committed no batch yet"), List.of(
                new TableFreshness("orders", "source_ts", true, false, Optional.empty(), Optional.empty())));
        return new StatusReport(NOW, "p", pub, List.of(blue, green));
    }

    @Test
    void textNamesTheServedColourEachViewsSourceAndEachColoursHealth() {
        String t = StatusText.text(report());
        assertTrue(t.contains("Published views should serve green, release r-4, epoch 4 (by GITHUB_ACTOR:octocat,"
                + " 2 min 5 s ago)"), t);
        assertTrue(t.contains("IN PROGRESS: epoch 4 is not in the audit ledger yet (it records up to 3)"), t);
        assertTrue(t.contains("NOT CONVERGED"), t);
        assertTrue(t.contains("orders               blue    r-3          main.p_blue.orders"), t);
        assertTrue(t.contains("blue (generation 2): RUNNING (heartbeat 4 s ago, git 3f2a9c1, host host-1),"
                + " freshness 3 min 10 s (shipments), lag max 90 / total 107"), t);
        assertTrue(t.contains("green (generation 1): NOT RUNNING (no heartbeat), lag not measured"), t);
        assertTrue(t.contains("orders               source_ts      (no table)"), t);
    }

    @Test
    void jsonCarriesTheSameFacts() throws Exception {
        JsonNode j = new ObjectMapper().readTree(StatusText.json(report()));
        assertEquals("green", j.at("/publication/activeColour").asText());
        assertFalse(j.at("/publication/converged").asBoolean());
        assertEquals("blue", j.at("/publication/views/1/colour").asText());
        assertEquals(90, j.at("/colours/0/maxLag").asLong());
        assertEquals(107, j.at("/colours/0/totalLag").asLong());
        assertEquals(190, j.at("/colours/0/freshnessSeconds").asLong());
        assertEquals(41, j.at("/colours/0/queries/0/lastCommittedBatch").asLong());
        assertTrue(j.at("/colours/1/maxLag").isNull());
        assertFalse(j.at("/colours/1/running").asBoolean());
    }

    @Test
    void aHeartbeatRoundTripsAndAgesIntoNotRunning() throws Exception {
        ColourLayout layout = new ColourLayout("p", Colour.BLUE, 1, "spark_catalog", dir.toString(), dir.toString());
        assertEquals(Optional.empty(), Heartbeat.read(Storage.local(), layout));
        Heartbeat.Beat beat = new Heartbeat.Beat("p", "blue", 1, "abc", "h", 42, NOW, List.of("p-blue-gold"));
        Path file = Path.of(layout.heartbeatFile());
        Files.createDirectories(file.getParent());
        Files.writeString(file, Heartbeat.json(beat));
        assertEquals(Optional.of(beat), Heartbeat.read(Storage.local(), layout));
        assertTrue(beat.fresh(NOW.plusSeconds(30), Duration.ofSeconds(30)));
        assertFalse(beat.fresh(NOW.plusSeconds(31), Duration.ofSeconds(30)));
        assertEquals(dir.resolve("p/blue/g1/_heartbeat.json"), file);
        Files.writeString(file, "{not json");
        assertEquals(Optional.empty(), Heartbeat.read(Storage.local(), layout), "an unreadable heartbeat means not running");
    }
}

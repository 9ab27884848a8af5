package com.retailer.bluegreen.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.retailer.bluegreen.layout.PartitionLag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartitionAgesTest {
    private static final Instant NOW = Instant.parse("2026-11-20T14:00:00Z");

    @Test
    void theAgeIsTheTimeSinceTheRecordAtTheCommittedOffsetAndNoLagCostsNoLookup() {
        Map<String, Instant> timestamps = Map.of("orders.cdc-1@120", NOW.minusSeconds(42));
        RecordTimestamps lookup = (topic, partition, offset) -> {
            String key = topic + "-" + partition + "@" + offset;
            if (!timestamps.containsKey(key)) {
                throw new AssertionError("looked up " + key);
            }
            return Optional.of(timestamps.get(key));
        };

        List<PartitionSample> samples = PartitionAges.measure(NOW, List.of(
                new PartitionLag("orders.cdc", 0, 300, 300, 0),
                new PartitionLag("orders.cdc", 1, 120, 150, 30)), lookup);

        assertEquals(List.of(new PartitionSample("orders.cdc", 0, 0, Duration.ZERO),
                new PartitionSample("orders.cdc", 1, 30, Duration.ofSeconds(42))), samples);
    }

    @Test
    void aRecordStampedAfterTheSampleTimeHasAgeZero() {
        List<PartitionSample> samples = PartitionAges.measure(NOW, List.of(new PartitionLag("t", 0, 5, 6, 1)),
                (topic, partition, offset) -> Optional.of(NOW.plusSeconds(3)));

        assertEquals(Duration.ZERO, samples.get(0).lagAge());
    }

    @Test
    void aLaggingPartitionWhoseRecordCannotBeReadFailsTheSample() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PartitionAges.measure(NOW,
                List.of(new PartitionLag("t", 2, 5, 9, 4)), (topic, partition, offset) -> Optional.empty()));
        assertEquals(true, e.getMessage().startsWith("Cannot measure the freshness of t-2: no record was read at or"
                + " after offset 5 although the end offset is 9."), e.getMessage());
    }
}

package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The release policy ({@code release.*}) has defaults, takes overrides and refuses bad values naming the key. */
class ReleaseConfigTest {
    private static final String MINIMAL = ConfigValidationTest.MINIMAL;

    @Test
    void defaultsAndOverrides() {
        ReleaseConfig d = ConfigLoader.parse(MINIMAL, Map.of()).releasePolicy();
        assertEquals(ReleaseConfig.DEFAULTS, d);
        assertEquals(2, d.breachesOf("alive"));
        assertEquals(3, d.breachesOf("quality"), "a check not named takes *");
        ReleaseConfig set = ConfigLoader.parse(MINIMAL, Map.of("release.bootstrap", "scratch",
                "release.bake.window", "2m", "release.bake.breaches.quality", "5", "release.approval.auto", "true",
                "release.catchUp.maxRecordsBehind", "0")).releasePolicy();
        assertEquals("scratch", set.bootstrap());
        assertEquals(Duration.ofMinutes(2), set.bakeWindow());
        assertEquals(5, set.breachesOf("quality"));
        assertEquals(true, set.autoApprove());
        assertEquals(0, set.maxRecordsBehind());
    }

    @Test
    void badValuesAreRefusedNamingKeyValueAndExpectation() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL, Map.of(
                "release.bootstrap", "clone", "release.bake.breaches.latency", "2",
                "release.bake.breaches.quality", "0", "release.bake.window", "0s",
                "release.catchUp.maxRecordsBehind", "-1")));
        String m = e.getMessage();
        assertTrue(m.contains("Invalid value 'clone' for configuration 'release.bootstrap' (from override): expected"
                + " one of: cut, scratch"), m);
        assertTrue(m.contains("'release.bake.breaches.latency'") && m.contains("expected one of the bake's checks:"
                + " freshness, quality, reconciliation, alive, or *"), m);
        assertTrue(m.contains("'release.bake.breaches.quality'") && m.contains("a number of consecutive samples"
                + " >= 1"), m);
        assertTrue(m.contains("'release.bake.window'") && m.contains("expected a duration between 1s and 7d"), m);
        assertTrue(m.contains("'release.catchUp.maxRecordsBehind'") && m.contains("a number of records >= 0"), m);
    }
}

package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The acting identity comes from the environment, most specific first, and is recorded with its source. */
class ActorTest {

    @Test
    void theRunAsIdentityWinsThenTheCiUserThenTheOsUser() {
        assertEquals("BLUEGREEN_ACTOR:svc-release@retail.example",
                Actor.resolve(Map.of("BLUEGREEN_ACTOR", "svc-release@retail.example", "GITHUB_ACTOR", "octocat"),
                        "root").toString());
        assertEquals("GITHUB_ACTOR:octocat", Actor.resolve(Map.of("GITHUB_ACTOR", "octocat",
                "BLUEGREEN_ACTOR", " "), "root").toString());
        assertEquals("os-user:jdoe", Actor.resolve(Map.of(), "jdoe").toString());
    }

    @Test
    void noUsableIdentityIsRefusedSayingHowToProvideOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Actor.resolve(Map.of(), " "));
        assertTrue(e.getMessage().contains("sets BLUEGREEN_ACTOR to its run-as principal"), e.getMessage());
    }

    @Test
    void onlyTheRunAsPrincipalAndTheCiUserAreTrustedAndARecordedIdentityParsesBackWithItsSource() {
        assertTrue(Actor.resolve(Map.of("BLUEGREEN_ACTOR", "svc"), "root").trusted());
        assertTrue(Actor.resolve(Map.of("GITHUB_ACTOR", "octocat"), "root").trusted());
        assertFalse(Actor.resolve(Map.of(), "jdoe").trusted());
        assertEquals(Optional.of(new Actor("GITHUB_ACTOR", "octocat")), Actor.parse("GITHUB_ACTOR:octocat"));
        assertEquals(Optional.of(new Actor("os-user", "jdoe")), Actor.parse("os-user:jdoe"));
        assertEquals(Optional.of(new Actor("BLUEGREEN_ACTOR", "svc:release")), Actor.parse("BLUEGREEN_ACTOR:svc:release"));
        assertEquals(Optional.empty(), Actor.parse("ci:alice"), "an identity without a known source");
        assertEquals(Optional.empty(), Actor.parse("os-user:"));
        assertEquals(Optional.empty(), Actor.parse(null));
    }
}

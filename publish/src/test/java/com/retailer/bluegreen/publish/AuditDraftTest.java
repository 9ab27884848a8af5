package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditDraftTest {

    @Test
    void aFirstPromotionHasNoFromColourAndKeepsTimeToTheMicrosecond() {
        AuditDraft d = new AuditDraft("PROMOTE", "ci:alice", Instant.parse("2025-06-01T10:15:30.123456789Z"), null,
                "blue", 1, null, "3f2a9c1", Map.of(), null);
        assertEquals(Instant.parse("2025-06-01T10:15:30.123456Z"), d.at());
        assertNull(d.fromColour());
    }

    @Test
    void everyProblemIsReportedAtOnceNamingFieldValueAndExpectation() {
        Map<String, Long> versions = new HashMap<>();
        versions.put("silver.orders", -1L);
        InvalidAuditDraftException e = assertThrows(InvalidAuditDraftException.class, () -> new AuditDraft(
                "promote", " ", null, "Blue", "green", -1, "", null, versions, "[1,2]"));
        assertEquals(9, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Audit record rejected, nothing was appended: "), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid value 'promote' for audit field 'action': expected an"
                + " upper-case word"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid value 'silver.orders=-1' for audit field 'tableVersions'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Invalid value '[1,2]' for audit field 'details': expected a JSON object"),
                e.getMessage());
    }

    @Test
    void detailsMustBeAJsonObject() {
        InvalidAuditDraftException e = assertThrows(InvalidAuditDraftException.class, () -> new AuditDraft(
                "PROMOTE", "ci:alice", Instant.EPOCH, null, "blue", 1, null, "3f2a9c1", Map.of(), "{\"gates\":"));
        assertTrue(e.getMessage().contains("'details': expected a JSON object, or none ("), e.getMessage());
    }

    @Test
    void controlCharactersInTheActorAreRefused() {
        assertThrows(InvalidAuditDraftException.class, () -> new AuditDraft("PROMOTE", "ci:alice\nROLLBACK",
                Instant.EPOCH, null, "blue", 1, null, "3f2a9c1", Map.of(), null));
    }
}

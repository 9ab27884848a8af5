package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AuditRecordTest {
    /** Cross-checked outside Java: Python's json and hashlib agree with both the text and the SHA-256 below. */
    private static final String FORM = "{\"format\":\"audit-record/v1\",\"sequence\":3,\"action\":\"PROMOTE\","
            + "\"actor\":\"Jos\u00e9 \\\"ops\\\"\\u000a\u2603\",\"at\":\"2025-06-01T10:15:30.000000Z\","
            + "\"fromColour\":null,\"toColour\":\"green\",\"epoch\":7,\"releaseId\":null,\"gitSha\":\"3f2a9c1\","
            + "\"tableVersions\":{\"a.t\":1,\"b.t\":2},\"details\":\"{\\\"k\\\":\\\"v\\\\\\\\\\\"}\","
            + "\"previousHash\":\"" + "0".repeat(64) + "\"}";
    private static final String FORM_SHA256 = "92fbd7569b15aa2e6f1ef59ee1cae3e52e316844f33ea197c32cf69e8026a457";

    private static AuditRecord golden() {
        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put("b.t", 2L);
        versions.put("a.t", 1L);
        return new AuditRecord(3, "PROMOTE", "Jos\u00e9 \"ops\"\n\u2603", Instant.parse("2025-06-01T10:15:30Z"), null,
                "green", 7, null, "3f2a9c1", versions, "{\"k\":\"v\\\\\"}", AuditRecord.GENESIS_HASH, null);
    }

    @Test
    void theCanonicalFormHasAFixedFieldOrderSortedKeysExplicitNullsAndSixFractionalDigits() {
        assertEquals(FORM, golden().canonicalForm());
    }

    @Test
    void theHashIsSha256OfTheUtf8CanonicalFormIncludingThePreviousHash() {
        assertEquals(FORM_SHA256, golden().computedHash());
        assertEquals(64, AuditRecord.GENESIS_HASH.length());
        assertTrue(AuditRecord.GENESIS_HASH.chars().allMatch(c -> c == '0'));
    }

    @Test
    void theCanonicalFormIsJsonThatReadsBackToTheRecordsValues() throws Exception {
        JsonNode node = new ObjectMapper().readTree(golden().canonicalForm());
        assertEquals("Jos\u00e9 \"ops\"\n\u2603", node.get("actor").asText());
        assertEquals("{\"k\":\"v\\\\\"}", node.get("details").asText());
        assertTrue(node.get("fromColour").isNull());
        assertEquals(List.of("a.t", "b.t"), List.copyOf(iterable(node.get("tableVersions").fieldNames())));
    }

    @Test
    void mapInsertionOrderDoesNotChangeTheHash() {
        AuditRecord a = golden();
        AuditRecord b = new AuditRecord(a.sequence(), a.action(), a.actor(), a.at(), a.fromColour(), a.toColour(),
                a.epoch(), a.releaseId(), a.gitSha(), Map.of("a.t", 1L, "b.t", 2L), a.details(), a.previousHash(),
                null);
        assertEquals(a.computedHash(), b.computedHash());
        assertEquals(a, b);
    }

    @Test
    void everyFieldButTheHashItselfIsCoveredByTheHash() {
        AuditRecord base = golden();
        List<UnaryOperator<AuditRecord>> edits = List.of(
                r -> copy(r, 4, r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(), r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), "ROLLBACK", r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(), r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), "mallory", r.at(), r.fromColour(), r.toColour(), r.epoch(), r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at().plusNanos(1000), r.fromColour(), r.toColour(), r.epoch(), r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at(), "blue", r.toColour(), r.epoch(), r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), "blue", r.epoch(), r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), 8, r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(), "r-1", r.gitSha(), r.tableVersions(), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(), r.releaseId(), "3f2a9c2", r.tableVersions(), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(), r.releaseId(), r.gitSha(), Map.of("a.t", 1L, "b.t", 3L), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(), r.releaseId(), r.gitSha(), Map.of("a.t", 1L), r.details(), r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(), r.releaseId(), r.gitSha(), r.tableVersions(), "{}", r.previousHash()),
                r -> copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(), r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), "1".repeat(64)));
        Set<String> hashes = new HashSet<>(Set.of(base.computedHash()));
        for (UnaryOperator<AuditRecord> edit : edits) {
            assertTrue(hashes.add(edit.apply(base).computedHash()), "an edit left the hash unchanged");
        }
    }

    @Test
    void nullAndEmptyAreDifferentContent() {
        AuditRecord r = golden();
        AuditRecord empty = copy(r, r.sequence(), r.action(), r.actor(), r.at(), "", r.toColour(), r.epoch(),
                r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash());
        AuditRecord noMap = copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(),
                r.epoch(), r.releaseId(), r.gitSha(), null, r.details(), r.previousHash());
        AuditRecord emptyMap = copy(r, r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(),
                r.epoch(), r.releaseId(), r.gitSha(), Map.of(), r.details(), r.previousHash());
        assertNotEquals(r.computedHash(), empty.computedHash());
        assertNotEquals(noMap.computedHash(), emptyMap.computedHash());
        assertTrue(noMap.canonicalForm().contains("\"tableVersions\":null"));
    }

    @Test
    void sealLinksToThePreviousHashAndStoresTheComputedHash() {
        AuditRecord first = AuditRecord.seal(1, Records.draft(1), AuditRecord.GENESIS_HASH);
        AuditRecord second = AuditRecord.seal(2, Records.draft(2), first.hash());
        assertEquals(first.computedHash(), first.hash());
        assertEquals(first.hash(), second.previousHash());
        assertEquals(AuditRecord.GENESIS_HASH, first.previousHash());
    }

    @Test
    void tableVersionsAreAReadOnlySortedCopy() {
        Map<String, Long> versions = new LinkedHashMap<>(Map.of("z", 1L));
        AuditRecord r = AuditRecord.seal(1, Records.draft(1), AuditRecord.GENESIS_HASH);
        assertThrows(UnsupportedOperationException.class, () -> r.tableVersions().put("x", 1L));
        AuditRecord copy = copy(r, 1, r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(),
                r.releaseId(), r.gitSha(), versions, r.details(), r.previousHash());
        versions.put("a", 2L);
        assertEquals(Map.of("z", 1L), copy.tableVersions());
    }

    private static AuditRecord copy(AuditRecord r, long sequence, String action, String actor, Instant at,
                                    String from, String to, long epoch, String releaseId, String gitSha,
                                    Map<String, Long> versions, String details, String previousHash) {
        return new AuditRecord(sequence, action, actor, at, from, to, epoch, releaseId, gitSha, versions, details,
                previousHash, r.hash());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

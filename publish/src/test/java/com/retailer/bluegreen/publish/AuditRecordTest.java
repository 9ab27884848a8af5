package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        AuditRecord b = Records.with(a, "tableVersions", Map.of("a.t", 1L, "b.t", 2L));
        assertEquals(a.computedHash(), b.computedHash());
        assertEquals(a, b);
    }

    @Test
    void everyComponentButTheHashItselfIsCoveredByTheHash() {
        AuditRecord base = golden();
        Map<String, Object> edits = new LinkedHashMap<>();
        edits.put("sequence", 4L);
        edits.put("action", "ROLLBACK");
        edits.put("actor", "mallory");
        edits.put("at", base.at().plusNanos(1000));
        edits.put("fromColour", "blue");
        edits.put("toColour", "blue");
        edits.put("epoch", 8L);
        edits.put("releaseId", "r-1");
        edits.put("gitSha", "3f2a9c2");
        edits.put("tableVersions", Map.of("a.t", 1L, "b.t", 3L));
        edits.put("details", "{}");
        edits.put("previousHash", "1".repeat(64));
        // A component added to the record but not to the canonical form would go unprotected: fail here first.
        Set<String> components = new HashSet<>();
        for (RecordComponent c : AuditRecord.class.getRecordComponents()) {
            components.add(c.getName());
        }
        components.remove("hash");
        assertEquals(components, edits.keySet());
        Set<String> hashes = new HashSet<>(Set.of(base.computedHash()));
        edits.forEach((component, value) -> assertTrue(hashes.add(Records.with(base, component, value).computedHash()),
                "editing " + component + " left the hash unchanged"));
        assertTrue(hashes.add(Records.with(base, "tableVersions", Map.of("a.t", 1L)).computedHash()), "dropped key");
    }

    @Test
    void nullAndEmptyAreDifferentContent() {
        AuditRecord r = golden();
        AuditRecord noMap = Records.with(r, "tableVersions", null);
        assertNotEquals(r.computedHash(), Records.with(r, "fromColour", "").computedHash());
        assertNotEquals(noMap.computedHash(), Records.with(r, "tableVersions", Map.of()).computedHash());
        assertTrue(noMap.canonicalForm().contains("\"tableVersions\":null"), noMap.canonicalForm());
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
        AuditRecord copy = Records.with(r, "tableVersions", versions);
        versions.put("a", 2L);
        assertEquals(Map.of("z", 1L), copy.tableVersions());
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

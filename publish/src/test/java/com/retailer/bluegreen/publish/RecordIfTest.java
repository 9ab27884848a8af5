package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import com.retailer.bluegreen.publish.memory.InMemoryCatalog;
import com.retailer.bluegreen.publish.memory.InMemoryControlStore;
import com.retailer.bluegreen.publish.memory.InMemoryLedgerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Release#recordIf}: the check judges exactly the records the appended one follows, even when another append
 * commits between the caller's read and its commit; it can refuse (nothing written) or name the record that already
 * stands for the draft (nothing written, that record returned).
 */
class RecordIfTest {
    private final InMemoryLedgerStore ledger = new InMemoryLedgerStore();
    private final Release release = new Release(new InMemoryControlStore(), ledger, new InMemoryCatalog(),
            new PipelineLayout(new ReleaseLayout("p", "main", "/lake"),
                    new ColourLayout("p", Colour.BLUE, 1, "main", "/ckpt", "/lake"),
                    new ColourLayout("p", Colour.GREEN, 1, "main", "/ckpt", "/lake")),
            Contract.of(List.of(Contract.View.of("orders", "orders", "order_id", "STRING"))), 1,
            Admission.unguarded("test"));

    private static AuditDraft step(String note) {
        return new AuditDraft("RELEASE", "ci:bot", Instant.parse("2026-12-05T10:00:00Z"), null, "green", 0, "r-1",
                "sha", Map.of(), "{\"note\":\"" + note + "\"}");
    }

    @Test
    void the_check_sees_an_append_that_committed_after_the_callers_read_and_can_refuse() {
        List<Integer> seen = new ArrayList<>();
        release.recordIf(step("a"), records -> Optional.empty());
        AuditRecord b = release.recordIf(step("b"), records -> {
            seen.add(records.size());
            if (seen.size() == 1) {
                // Another process appends after this append read the head: this commit must conflict and re-check.
                ledger.append(step("other"), () -> { });
            }
            return Optional.empty();
        });
        assertEquals(List.of(1, 2), seen, "checked again on the records including the other append");
        assertEquals(3, b.sequence());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> release.recordIf(step("c"),
                records -> {
                    throw new IllegalStateException("moved meanwhile");
                }));
        assertEquals("moved meanwhile", refused.getMessage());
        assertEquals(3, ledger.read().records().size(), "nothing written");
        assertTrue(ledger.read().verify().valid());
    }

    @Test
    void a_record_the_check_names_is_returned_instead_of_appending() {
        AuditRecord first = release.recordIf(step("a"), records -> Optional.empty());
        AuditRecord again = release.recordIf(step("a"), records -> records.stream()
                .filter(r -> r.details().contains("\"a\"")).findFirst());
        assertEquals(first, again);
        assertEquals(1, ledger.read().records().size());
        assertEquals(1, release.records("RELEASE").size());
    }
}

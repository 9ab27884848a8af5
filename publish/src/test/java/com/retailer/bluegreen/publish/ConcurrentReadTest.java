package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import com.retailer.bluegreen.publish.memory.ForwardingLedgerStore;
import com.retailer.bluegreen.publish.memory.InMemoryCatalog;
import com.retailer.bluegreen.publish.memory.InMemoryControlStore;
import com.retailer.bluegreen.publish.memory.InMemoryLedgerStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A verified read that overlaps another process's append: the reader reads the anchor's entries, the other process
 * then commits its record and anchors it, and the reader reads the ledger and the anchor's history. Without care the
 * reader sees a record the entries it read do not anchor, and a history with one more append than those entries, and
 * calls it tampering (found by the release state machine's end-to-end test, whose bake polled while it promoted).
 * A real edit of the anchor is still refused: its finding is the same on every read.
 */
class ConcurrentReadTest {
    private final InMemoryLedgerStore store = new InMemoryLedgerStore();
    private Runnable onEntries = () -> { };
    private final LedgerStore hooked = new ForwardingLedgerStore(store) {
        @Override
        public LedgerAnchor anchor() {
            LedgerAnchor a = store.anchor();
            return new LedgerAnchor() {
                @Override
                public String location() {
                    return a.location();
                }

                @Override
                public boolean exists() {
                    return a.exists();
                }

                @Override
                public void createIfAbsent() {
                    a.createIfAbsent();
                }

                @Override
                public List<AnchorEntry> entries() {
                    List<AnchorEntry> read = a.entries();
                    Runnable hook = onEntries;
                    onEntries = () -> { };
                    hook.run();
                    return read;
                }

                @Override
                public List<LedgerCommit> history() {
                    return a.history();
                }

                @Override
                public void append(List<AnchorEntry> entries) {
                    a.append(entries);
                }
            };
        }
    };
    private final InMemoryControlStore control = new InMemoryControlStore();
    private final PipelineLayout layouts = new PipelineLayout(new ReleaseLayout("p", "main", "/lake"),
            new ColourLayout("p", Colour.BLUE, 1, "main", "/ckpt", "/lake"),
            new ColourLayout("p", Colour.GREEN, 1, "main", "/ckpt", "/lake"));
    private final Contract contract = Contract.of(List.of(Contract.View.of("orders", "orders", "id", "STRING")));
    private final InMemoryCatalog catalog = new InMemoryCatalog().table("main.p_blue.orders", "id", "STRING");

    private Release reader() {
        return new Release(control, hooked, catalog, layouts, contract, 1, Admission.unguarded("test"));
    }

    /** Another process's release, on the same stores without the hook. */
    private Release writer() {
        return new Release(control, store, catalog, layouts, contract, 1, Admission.unguarded("test"));
    }

    private void record(Release r) {
        r.recordMaintenance(Colour.BLUE, "ci:ops", "sha", "{\"operation\":\"test\"}",
                Instant.parse("2026-12-05T10:00:00Z"));
    }

    @Test
    void a_read_overlapping_an_append_is_not_mistaken_for_tampering() {
        writer().promote(Colour.BLUE, "r-1", "ci:alice", "sha");
        onEntries = () -> record(writer());
        assertEquals(1, reader().records("MAINTENANCE").size(), "the read settles on the appended record");
        assertTrue(store.read().verify().valid());
    }

    @Test
    void an_edited_anchor_is_still_refused() {
        writer().promote(Colour.BLUE, "r-1", "ci:alice", "sha");
        record(writer());
        // Remove the last anchor entry the way a RESTORE of the anchor would: the record now looks pending, and the
        // anchor's history (its own commits) says an entry was removed. The same on every read.
        store.anchor().restore(store.anchor().entries().size() - 1);
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> reader().records("MAINTENANCE"));
        assertTrue(e.getMessage().contains("does not match its anchor"), e.getMessage());
    }
}

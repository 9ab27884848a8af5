package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerStore} must do, run against each implementation (in memory, the Delta table). A subclass
 * gives a fresh, absent ledger per call.
 */
public abstract class LedgerStoreContract {

    protected abstract LedgerStore newStore();

    /** Another handle on {@code store}'s ledger, as a second process opens it. */
    protected abstract LedgerStore otherHandle(LedgerStore store);

    @Test
    public void an_absent_ledger_reads_empty_and_creating_it_twice_gives_one_genesis_head() {
        LedgerStore store = newStore();
        assertFalse(store.exists());
        assertEquals(LedgerSnapshot.EMPTY, store.read());
        store.createIfAbsent();
        store.createIfAbsent();
        assertTrue(store.exists());
        assertEquals(new LedgerSnapshot(List.of(), List.of(LedgerHead.GENESIS)), store.read());
        assertTrue(store.read().verify().valid());
    }

    @Test
    public void appends_are_chained_to_the_head_which_moves_with_each() {
        LedgerStore store = newStore();
        store.createIfAbsent();
        AuditRecord first = store.append(Records.draft(1), () -> { });
        AuditRecord second = store.append(Records.draft(2), () -> { });
        assertEquals(List.of(1L, 2L), List.of(first.sequence(), second.sequence()));
        assertEquals(AuditRecord.GENESIS_HASH, first.previousHash());
        assertEquals(first.hash(), second.previousHash());
        LedgerSnapshot read = store.read();
        assertEquals(List.of(first, second), read.records());
        assertEquals(List.of(new LedgerHead(2, second.hash())), read.heads());
        assertEquals(new VerifyResult.Valid(2, second.hash()), read.verify());
    }

    @Test
    public void an_append_whose_last_check_fails_writes_nothing() {
        LedgerStore store = newStore();
        store.createIfAbsent();
        store.append(Records.draft(1), () -> { });
        assertThrows(IllegalStateException.class, () -> store.append(Records.draft(2), () -> {
            throw new IllegalStateException("already recorded");
        }));
        assertEquals(1, store.read().records().size());
        assertTrue(store.read().verify().valid());
    }

    @Test
    public void of_two_appends_racing_for_one_sequence_exactly_one_is_written() throws Exception {
        LedgerStore store = newStore();
        store.createIfAbsent();
        store.append(Records.draft(1), () -> { });
        CyclicBarrier bothRead = new CyclicBarrier(2);
        Runnable await = () -> {
            try {
                bothRead.await(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<AuditRecord> won = new ArrayList<>();
        List<Throwable> lost = new ArrayList<>();
        try {
            LedgerStore first = otherHandle(store);
            LedgerStore second = otherHandle(store);
            List<Future<AuditRecord>> racers = List.of(pool.submit(() -> first.append(Records.draft(2), await)),
                    pool.submit(() -> second.append(Records.draft(3), await)));
            for (Future<AuditRecord> f : racers) {
                try {
                    won.add(f.get(300, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    lost.add(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, won.size(), "exactly one append wins: " + lost);
        assertInstanceOf(ConcurrentAppendException.class, lost.get(0));
        assertEquals(2, won.get(0).sequence());
        assertEquals(2, store.read().records().size(), "the chain did not fork");
        assertTrue(store.read().verify().valid());
    }

    @Test
    public void the_history_shows_the_creation_then_one_append_per_record_and_judges_clean() {
        LedgerStore store = newStore();
        assertEquals(List.of(), store.history(), "no ledger, no history");
        store.createIfAbsent();
        store.append(Records.draft(1), () -> { });
        store.append(Records.draft(2), () -> { });
        List<LedgerCommit> history = store.history();
        assertEquals(List.of("CREATE TABLE AS SELECT", "MERGE", "MERGE"),
                history.stream().map(LedgerCommit::operation).toList());
        assertEquals(List.of(0L, 1L, 2L), history.stream().map(LedgerCommit::version).toList());
        assertEquals(List.of(1L, 1L, 0L), List.of(history.get(1).metric(LedgerHistory.INSERTED).orElseThrow(),
                history.get(1).metric(LedgerHistory.UPDATED).orElseThrow(),
                history.get(1).metric(LedgerHistory.DELETED).orElse(0L)));
        assertTrue(history.stream().allMatch(c -> c.at() != null));
        assertEquals(List.of(), LedgerHistory.judgeLedger(store.location(), history, 2));
    }

    @Test
    public void the_anchor_takes_appends_only_and_its_history_judges_clean() {
        LedgerStore store = newStore();
        LedgerAnchor anchor = store.anchor();
        assertFalse(anchor.exists());
        assertEquals(List.of(), anchor.entries());
        assertEquals(List.of(), anchor.history());
        anchor.createIfAbsent();
        anchor.createIfAbsent();
        assertTrue(anchor.exists());
        assertEquals(List.of(), anchor.entries());
        Instant now = Instant.parse("2026-01-01T00:00:00.123456Z");
        List<AuditRecord> chain = Records.chain(2);
        AnchorEntry second = AnchorEntry.of(chain.get(1), now, Ledger.LATE_NOTE);
        AnchorEntry first = AnchorEntry.of(chain.get(0), now, null);
        anchor.append(List.of(second));
        anchor.append(List.of(first));
        assertEquals(List.of(first, second), anchor.entries(), "by sequence, as written");
        assertEquals(List.of("CREATE TABLE", "WRITE", "WRITE"),
                anchor.history().stream().map(LedgerCommit::operation).toList());
        assertEquals("Append", anchor.history().get(1).parameter("mode").orElseThrow());
        assertEquals(List.of(), LedgerHistory.judgeAnchor(anchor.location(), anchor.history(), 2));
    }
}

package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.layout.Colour;
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
 * What every {@link ControlStore} must do, run against each implementation (in memory, the Delta table). A subclass
 * gives a fresh, absent store per call.
 */
public abstract class ControlStoreContract {

    /** A store nobody has created yet; {@code beforeCommit} runs in every proposal between its read and commit. */
    protected abstract ControlStore newStore(Runnable beforeCommit);

    /**
     * Another handle on {@code store}'s state, as a second process opens it, whose proposals run
     * {@code beforeCommit} between their read and commit.
     */
    protected abstract ControlStore otherHandle(ControlStore store, Runnable beforeCommit);

    @Test
    public void an_absent_store_is_at_epoch_zero_and_reading_it_creates_nothing() {
        ControlStore store = newStore(() -> { });
        assertEquals(DesiredState.NONE, store.desired());
        assertEquals(DesiredState.NONE, store.desired());
        store.createIfAbsent();
        store.createIfAbsent();
        assertEquals(0, store.desired().epoch());
        assertEquals(null, store.desired().colour());
    }

    @Test
    public void a_proposal_from_the_current_epoch_moves_it_on_by_one_and_records_who_and_when() {
        ControlStore store = newStore(() -> { });
        store.createIfAbsent();
        DesiredState one = store.propose(0, Colour.BLUE, "r-1", "ci:alice");
        assertEquals(List.of(Colour.BLUE, 1L, "r-1", "ci:alice"),
                List.of(one.colour(), one.epoch(), one.releaseId(), one.actor()));
        assertNotNull(one.updatedAt());
        assertEquals(one, store.desired());
        DesiredState two = store.propose(1, Colour.GREEN, "r-2", "ci:bob");
        assertEquals(2, two.epoch());
        assertEquals(two, store.desired());
        assertEquals(List.of(1L, 2L), List.copyOf(store.statesAfter(0).keySet()));
        assertEquals(one, store.statesAfter(0).get(1L));
        assertEquals(List.of(2L), List.copyOf(store.statesAfter(1).keySet()));
    }

    @Test
    public void a_proposal_from_a_stale_epoch_is_refused_and_changes_nothing() {
        ControlStore store = newStore(() -> { });
        store.createIfAbsent();
        DesiredState one = store.propose(0, Colour.BLUE, "r-1", "ci");
        ConcurrentPromotionException e = assertThrows(ConcurrentPromotionException.class,
                () -> store.propose(0, Colour.GREEN, "r-2", "ci"));
        assertEquals(0, e.expectedEpoch());
        assertEquals(one, store.desired());
        assertThrows(BlueGreenException.class, () -> store.propose(1, Colour.GREEN, " ", "ci"), "no release id");
        assertEquals(one, store.desired());
    }

    @Test
    public void of_two_proposals_racing_from_one_epoch_exactly_one_wins() throws Exception {
        CyclicBarrier bothRead = new CyclicBarrier(2);
        Runnable await = () -> {
            try {
                bothRead.await(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        ControlStore store = newStore(() -> { });
        store.createIfAbsent();
        ControlStore first = otherHandle(store, await);
        ControlStore second = otherHandle(store, await);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<DesiredState> won = new ArrayList<>();
        List<Throwable> lost = new ArrayList<>();
        try {
            List<Future<DesiredState>> racers = List.of(
                    pool.submit(() -> first.propose(0, Colour.BLUE, "r-blue", "ci")),
                    pool.submit(() -> second.propose(0, Colour.GREEN, "r-green", "ci")));
            for (Future<DesiredState> f : racers) {
                try {
                    won.add(f.get(300, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    lost.add(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, won.size(), "exactly one proposal wins: " + lost);
        assertInstanceOf(ConcurrentPromotionException.class, lost.get(0));
        assertEquals(won.get(0), store.desired());
        assertEquals(1, store.statesAfter(0).size(), "the loser committed nothing");
    }
}

package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.publish.VerifyResult;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.Records;
import com.retailer.bluegreen.publish.AuditLedgerException;
import com.retailer.bluegreen.publish.ConcurrentAppendException;

import com.retailer.bluegreen.publish.ConcurrentPromotionException;
import com.retailer.bluegreen.publish.DesiredState;
import com.retailer.bluegreen.publish.TestSpark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Colour;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proposals to the control table: epochs rise by one, and of two proposals from the same epoch exactly one wins. */
@Tag("spark")
class ControlTableSparkTest {
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void ofTwoConcurrentProposalsFromTheSameEpochExactlyOneWins() throws Exception {
        SparkSession spark = TestSpark.session();
        String location = dir.resolve("race/control/publish_state").toString();
        ControlTable.openOrCreate(spark, location);
        AtomicReference<CyclicBarrier> bothRead = new AtomicReference<>();
        List<ControlTable> proposers = List.of(
                new ControlTable(spark.newSession(), location, () -> await(bothRead.get())),
                new ControlTable(spark.newSession(), location, () -> await(bothRead.get())));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                bothRead.set(new CyclicBarrier(2));
                long expected = round - 1;
                List<Future<DesiredState>> attempts = new ArrayList<>();
                for (int p = 0; p < 2; p++) {
                    ControlTable table = proposers.get(p);
                    Colour colour = p == 0 ? Colour.BLUE : Colour.GREEN;
                    String actor = "proposer-" + p;
                    attempts.add(pool.submit(() -> table.propose(expected, colour, "r-" + expected, actor)));
                }
                List<DesiredState> won = new ArrayList<>();
                List<ConcurrentPromotionException> lost = new ArrayList<>();
                for (Future<DesiredState> f : attempts) {
                    try {
                        won.add(f.get(120, TimeUnit.SECONDS));
                    } catch (ExecutionException e) {
                        lost.add(assertInstanceOf(ConcurrentPromotionException.class, e.getCause()));
                    }
                }
                assertEquals(1, won.size(), "round " + round + ": exactly one proposal wins");
                assertEquals(1, lost.size(), "round " + round + ": the other is refused");
                assertEquals(round, won.get(0).epoch());
                assertEquals(expected, lost.get(0).expectedEpoch());
                assertTrue(lost.get(0).getMessage().contains("nothing was changed"), lost.get(0).getMessage());
                DesiredState stored = ControlTable.open(spark, location).desired();
                assertEquals(won.get(0).colour(), stored.colour(), "the winner's colour is the desired one");
                assertEquals(won.get(0).actor(), stored.actor());
                assertEquals(round, stored.epoch());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(ROUNDS + 1, TestSpark.operations(spark, location).size(), "losers committed nothing");
    }

    @Test
    void aProposalFromAStaleEpochChangesNothing() {
        SparkSession spark = TestSpark.session();
        String location = dir.resolve("stale/control/publish_state").toString();
        ControlTable control = ControlTable.openOrCreate(spark, location);
        DesiredState initial = control.desired();
        assertEquals(0, initial.epoch());
        assertNull(initial.colour());
        DesiredState first = control.propose(0, Colour.BLUE, "r-1", "ci");
        assertEquals(new DesiredState(Colour.BLUE, 1, "r-1", first.updatedAt(), "ci"), first);
        ConcurrentPromotionException e = assertThrows(ConcurrentPromotionException.class,
                () -> control.propose(0, Colour.GREEN, "r-2", "ci"));
        assertTrue(e.getMessage().contains("is at epoch 1"), e.getMessage());
        assertEquals(first, control.desired());

        // The other proposal commits between this one reading the table and committing: Delta skips this one.
        ControlTable other = ControlTable.open(spark, location);
        ControlTable late = new ControlTable(spark.newSession(), location,
                () -> other.propose(1, Colour.BLUE, "r-1-rollback", "oncall"));
        ConcurrentPromotionException skipped = assertThrows(ConcurrentPromotionException.class,
                () -> late.propose(1, Colour.GREEN, "r-2", "ci"));
        assertTrue(skipped.getMessage().contains("nothing was changed"), skipped.getMessage());
        DesiredState now = control.desired();
        assertEquals(2, now.epoch());
        assertEquals("r-1-rollback", now.releaseId());
        assertEquals(List.of("CREATE TABLE AS SELECT", "MERGE", "MERGE"), TestSpark.operations(spark, location));
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other thread never reached the barrier", e);
        }
    }
}

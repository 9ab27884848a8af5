package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.publish.VerifyResult;
import com.retailer.bluegreen.publish.AuditLedgerException;
import com.retailer.bluegreen.publish.ConcurrentPromotionException;
import com.retailer.bluegreen.publish.DesiredState;

import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.ConcurrentAppendException;
import com.retailer.bluegreen.publish.Records;
import com.retailer.bluegreen.publish.TestSpark;

import com.retailer.bluegreen.publish.AuditDraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Two appenders race, each in its own thread with its own SparkSession, as two publisher runs would. Both read the
 * same head before either commits (a barrier between reading the head and committing makes sure the race happens
 * every round instead of now and then); exactly one may win.
 */
@Tag("spark")
class ConcurrentAppendSparkTest {
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void ofTwoConcurrentAppendsExactlyOneCommitsAndTheChainStaysLinear() throws Exception {
        SparkSession spark = TestSpark.session();
        String location = dir.resolve("race/control/audit_ledger").toString();
        AuditLedger.openOrCreate(spark, location);
        AtomicReference<CyclicBarrier> bothReadTheHead = new AtomicReference<>();
        List<AuditLedger> appenders = List.of(
                new AuditLedger(spark.newSession(), location, () -> await(bothReadTheHead.get())),
                new AuditLedger(spark.newSession(), location, () -> await(bothReadTheHead.get())));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<AuditRecord> winners = new ArrayList<>();
        int caughtByDelta = 0;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                bothReadTheHead.set(new CyclicBarrier(2));
                List<Future<AuditRecord>> attempts = new ArrayList<>();
                for (int appender = 0; appender < 2; appender++) {
                    AuditLedger ledger = appenders.get(appender);
                    AuditDraft draft = draft(round, appender);
                    attempts.add(pool.submit(() -> ledger.append(draft)));
                }
                List<AuditRecord> won = new ArrayList<>();
                List<ConcurrentAppendException> lost = new ArrayList<>();
                for (Future<AuditRecord> f : attempts) {
                    try {
                        won.add(f.get(120, TimeUnit.SECONDS));
                    } catch (ExecutionException e) {
                        lost.add(assertInstanceOf(ConcurrentAppendException.class, e.getCause()));
                    }
                }
                assertEquals(1, won.size(), "round " + round + ": exactly one append commits");
                assertEquals(1, lost.size(), "round " + round + ": the other is refused");
                assertEquals(round, won.get(0).sequence());
                assertEquals(round, lost.get(0).sequence());
                assertTrue(lost.get(0).getMessage().contains("nothing of it was written"), lost.get(0).getMessage());
                caughtByDelta += lost.get(0).getCause() != null ? 1 : 0;
                Throwable cause = lost.get(0).getCause();
                System.out.printf("round %d: winner %s, loser refused by %s%n", round, won.get(0).actor(),
                        cause == null ? "Delta skipping it (head already moved)" : cause.getClass().getSimpleName());
                winners.add(won.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
        AuditLedger ledger = AuditLedger.open(spark, location);
        assertEquals(winners, ledger.records(), "the ledger holds exactly the winners, in order");
        assertEquals(new VerifyResult.Valid(ROUNDS, winners.get(ROUNDS - 1).hash()), ledger.verify());
        assertEquals(ROUNDS + 1, TestSpark.operations(spark, location).size(), "losers committed nothing");
        System.out.printf("%d rounds: %d winners, %d losers refused by Delta's conflict check, %d because the head"
                + " had moved on before their commit started%n", ROUNDS, winners.size(), caughtByDelta,
                ROUNDS - caughtByDelta);
    }

    @Test
    void anAppendWhoseHeadMovedOnBeforeItsCommitStartedChangesNothingAndCanBeRetried() {
        SparkSession spark = TestSpark.session();
        String location = dir.resolve("stale/control/audit_ledger").toString();
        AuditLedger other = AuditLedger.openOrCreate(spark.newSession(), location);
        // The other append runs to completion between this append reading the head and committing.
        AuditLedger late = new AuditLedger(spark.newSession(), location, () -> other.append(draft(1, 1)));
        ConcurrentAppendException e = assertThrows(ConcurrentAppendException.class, () -> late.append(draft(1, 0)));
        assertEquals(1, e.sequence());
        assertNull(e.getCause(), "refused before committing, not by Delta's conflict check");
        assertTrue(e.getMessage().contains("nothing of it was written"), e.getMessage());
        assertEquals(List.of("CREATE TABLE AS SELECT", "MERGE"), TestSpark.operations(spark, location),
                "the refused append committed nothing");
        AuditLedger ledger = AuditLedger.open(spark, location);
        assertEquals(List.of("appender-1-round-1"), ledger.records().stream().map(AuditRecord::actor).toList());
        AuditRecord retried = new AuditLedger(spark.newSession(), location, () -> { }).append(draft(1, 0));
        assertEquals(2, retried.sequence());
        assertEquals(new VerifyResult.Valid(2, retried.hash()), ledger.verify());
    }

    @Test
    void twoProcessesCreatingTheLedgerAtOnceGetTheSameLedgerWithOneHead() throws Exception {
        SparkSession spark = TestSpark.session();
        String location = dir.resolve("created-twice/control/audit_ledger").toString();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<AuditLedger>> opened = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                SparkSession own = spark.newSession();
                opened.add(pool.submit(() -> {
                    await(start);
                    return AuditLedger.openOrCreate(own, location);
                }));
            }
            for (Future<AuditLedger> f : opened) {
                AuditLedger ledger = f.get(120, TimeUnit.SECONDS);
                assertEquals(new VerifyResult.Valid(0, AuditRecord.GENESIS_HASH), ledger.verify());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("CREATE TABLE AS SELECT"), TestSpark.operations(spark, location));
        assertEquals(1, spark.read().format("delta").load(location).count(), "one head row, no records");
    }

    private static AuditDraft draft(int round, int appender) {
        AuditDraft d = Records.draft(round);
        return new AuditDraft(d.action(), "appender-" + appender + "-round-" + round, d.at(), d.fromColour(),
                d.toColour(), d.epoch(), d.releaseId(), d.gitSha(), d.tableVersions(), d.details());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other thread never reached the barrier", e);
        }
    }
}

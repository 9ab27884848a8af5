package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
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
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void ofTwoConcurrentAppendsExactlyOneCommitsAndTheChainStaysLinear() throws Exception {
        SparkSession spark = TestSpark.session();
        String location = dir.resolve("race/control/audit_ledger").toString();
        AuditLedger.openOrCreate(spark, location);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<AuditRecord> winners = new ArrayList<>();
        int caughtByDelta = 0;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                CyclicBarrier bothReadTheHead = new CyclicBarrier(2);
                Runnable hook = () -> await(bothReadTheHead);
                List<Future<AuditRecord>> attempts = new ArrayList<>();
                for (int appender = 0; appender < 2; appender++) {
                    AuditLedger ledger = new AuditLedger(spark.newSession(), location, hook);
                    AuditDraft draft = draft(round, appender);
                    attempts.add(pool.submit(() -> ledger.append(draft)));
                }
                List<AuditRecord> won = new ArrayList<>();
                List<ConcurrentAppendException> lost = new ArrayList<>();
                for (Future<AuditRecord> f : attempts) {
                    try {
                        won.add(f.get(120, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        lost.add(assertInstanceOf(ConcurrentAppendException.class, e.getCause()));
                    }
                }
                assertEquals(1, won.size(), "round " + round + ": exactly one append commits");
                assertEquals(1, lost.size(), "round " + round + ": the other is refused");
                assertEquals(round, won.get(0).sequence());
                assertEquals(round, lost.get(0).sequence());
                assertTrue(lost.get(0).getMessage().contains("nothing of it was written"), lost.get(0).getMessage());
                caughtByDelta += lost.get(0).getCause() != null ? 1 : 0;
                System.out.printf("round %d: winner %s, loser refused by %s%n", round, won.get(0).actor(),
                        lost.get(0).getCause() == null ? "the head check" : lost.get(0).getCause().getClass().getSimpleName());
                winners.add(won.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
        AuditLedger ledger = AuditLedger.open(spark, location);
        assertEquals(winners, ledger.records(), "the ledger holds exactly the winners, in order");
        assertEquals(new VerifyResult.Valid(ROUNDS, winners.get(ROUNDS - 1).hash()), ledger.verify());
        System.out.printf("%d rounds, %d winners, %d losers caught by Delta's conflict check, %d by the head check%n",
                ROUNDS, winners.size(), caughtByDelta, ROUNDS - caughtByDelta);
        for (Row r : spark.sql("DESCRIBE HISTORY delta.`" + location + "`").collectAsList()) {
            System.out.println(r.getAs("version") + " " + r.getAs("operation") + " inserted="
                    + r.getJavaMap(r.fieldIndex("operationMetrics")).get("numTargetRowsInserted"));
        }
    }

    @Test
    void anAppendWhoseHeadMovedOnBeforeItsCommitStartedChangesNothingAndCanBeRetried() {
        SparkSession spark = TestSpark.session();
        String location = dir.resolve("stale/control/audit_ledger").toString();
        AuditLedger other = AuditLedger.openOrCreate(spark.newSession(), location);
        // The other append runs to completion between this append reading the head and committing.
        AuditLedger late = new AuditLedger(spark.newSession(), location, () -> other.append(draft(1, 1)));
        long versionBefore = -1;
        ConcurrentAppendException e = org.junit.jupiter.api.Assertions.assertThrows(ConcurrentAppendException.class,
                () -> late.append(draft(1, 0)));
        assertEquals(1, e.sequence());
        assertEquals(null, e.getCause(), "refused by the head check, not by Delta");
        assertTrue(e.getMessage().contains("the ledger's head row had already moved past record 0"), e.getMessage());
        List<Row> history = spark.sql("DESCRIBE HISTORY delta.`" + location + "`").collectAsList();
        for (Row r : history) {
            System.out.println(r.getAs("version") + " " + r.getAs("operation") + " " + r.getAs("operationMetrics"));
        }
        AuditLedger ledger = AuditLedger.open(spark, location);
        assertEquals(List.of("appender-1-round-1"), ledger.records().stream().map(AuditRecord::actor).toList());
        AuditRecord retried = new AuditLedger(spark.newSession(), location, () -> { }).append(draft(1, 0));
        assertEquals(2, retried.sequence());
        assertEquals(new VerifyResult.Valid(2, retried.hash()), ledger.verify());
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
            throw new IllegalStateException("the other appender never read the head", e);
        }
    }
}

package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.publish.VerifyResult;
import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.ConcurrentAppendException;
import com.retailer.bluegreen.publish.ConcurrentPromotionException;
import com.retailer.bluegreen.publish.DesiredState;

import com.retailer.bluegreen.publish.AuditLedgerException;
import com.retailer.bluegreen.publish.Records;
import com.retailer.bluegreen.publish.TestSpark;

import com.retailer.bluegreen.publish.AuditRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger on real Delta tables: appends, verification of hand-edited tables, and the head row's serialisation. */
@Tag("spark")
class AuditLedgerSparkTest {
    @TempDir
    static Path dir;
    private static SparkSession spark;
    /** A ledger of five records appended through {@link AuditLedger}; tests that edit it work on copies. */
    private static Path pristine;
    private static List<AuditRecord> appended;

    @BeforeAll
    static void fiveRecords() {
        spark = TestSpark.session();
        pristine = dir.resolve("pristine/control/audit_ledger");
        AuditLedger ledger = AuditLedger.openOrCreate(spark, pristine.toString());
        appended = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            appended.add(ledger.append(Records.draft(i)));
        }
    }

    private static AuditLedger copy(String name) {
        return AuditLedger.open(spark, TestSpark.copyTable(pristine, dir.resolve(name)).toString());
    }

    private static void sql(String statement) {
        spark.sql(statement).collectAsList();
    }

    @Test
    void appendedRecordsReadBackUnchangedAndVerify() {
        AuditLedger ledger = AuditLedger.open(spark, pristine.toString());
        assertEquals(appended, ledger.records());
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, appended.get(i).sequence());
            String previous = i == 0 ? AuditRecord.GENESIS_HASH : appended.get(i - 1).hash();
            assertEquals(previous, appended.get(i).previousHash());
        }
        assertEquals(new VerifyResult.Valid(5, appended.get(4).hash()), ledger.verify());
        assertEquals(List.of("CREATE TABLE AS SELECT", "MERGE", "MERGE", "MERGE", "MERGE", "MERGE"),
                TestSpark.operations(spark, pristine.toString()), "the head row and genesis in one commit, then"
                        + " one commit per append");
    }

    @Test
    void anActorChangedByHandIsNamedByVerify() {
        AuditLedger ledger = copy("edited");
        sql("UPDATE delta.`" + ledger.location() + "` SET actor = 'mallory' WHERE kind = 'record' AND sequence = 3");
        VerifyResult.Broken broken = assertInstanceOf(VerifyResult.Broken.class, ledger.verify());
        assertEquals(3, broken.sequence());
        assertTrue(broken.reason().startsWith("record 3 was altered"), broken.reason());
    }

    @Test
    void aLedgerRestoredToBeforeAHandEditVerifiesAndTakesAppendsAgain() {
        AuditLedger ledger = copy("restored");
        long beforeEdit = 5;
        sql("UPDATE delta.`" + ledger.location() + "` SET epoch = 99 WHERE kind = 'record' AND sequence = 4");
        assertEquals(4, assertInstanceOf(VerifyResult.Broken.class, ledger.verify()).sequence());
        sql("RESTORE TABLE delta.`" + ledger.location() + "` TO VERSION AS OF " + beforeEdit);
        assertEquals(new VerifyResult.Valid(5, appended.get(4).hash()), ledger.verify());
        AuditRecord sixth = ledger.append(Records.draft(6));
        assertEquals(6, sixth.sequence());
        assertEquals(new VerifyResult.Valid(6, sixth.hash()), ledger.verify());
    }

    @Test
    void recordsDeletedByHandAreNamedByVerify() {
        AuditLedger middle = copy("deleted-middle");
        sql("DELETE FROM delta.`" + middle.location() + "` WHERE kind = 'record' AND sequence = 2");
        assertEquals(new VerifyResult.Broken(2, "record 2 missing: record 3 follows record 1"), middle.verify());
        AuditLedger last = copy("deleted-last");
        sql("DELETE FROM delta.`" + last.location() + "` WHERE kind = 'record' AND sequence = 5");
        VerifyResult.Broken broken = assertInstanceOf(VerifyResult.Broken.class, last.verify());
        assertEquals(5, broken.sequence(), broken.reason());
        assertTrue(broken.reason().startsWith("record 5 missing: the ledger's head says it ends at record 5"),
                broken.reason());
    }

    @Test
    void rowsConvertTheSameWhetherOrNotTheSessionUsesJavaTimeTypes() {
        // Databricks leaves spark.sql.datetime.java8API.enabled off: timestamps then arrive as java.sql.Timestamp.
        SparkSession legacyTime = spark.newSession();
        legacyTime.conf().set("spark.sql.datetime.java8API.enabled", "false");
        List<AuditRecord> read = legacyTime.read().format("delta").load(pristine.toString())
                .where("kind = 'record'").orderBy("sequence").collectAsList()
                .stream().map(LedgerTable::record).toList();
        assertEquals(appended, read);
        AuditRecord r = appended.get(0);
        Row written = legacyTime.createDataFrame(List.of(LedgerTable.recordRow(r)), LedgerTable.sourceSchema()).first();
        assertEquals(r, LedgerTable.record(written));
    }

    @Test
    void openingWhereThereIsNoLedgerSaysSoAndCreatesNothing() {
        String nowhere = dir.resolve("nowhere/control/audit_ledger").toString();
        AuditLedgerException e = assertThrows(AuditLedgerException.class, () -> AuditLedger.open(spark, nowhere));
        assertTrue(e.getMessage().startsWith("No audit ledger at '" + nowhere + "'"), e.getMessage());
        assertTrue(!AuditLedger.exists(spark, nowhere));
    }

    @Test
    void openOrCreateOnAnExistingLedgerKeepsItsOneHead() {
        AuditLedger again = AuditLedger.openOrCreate(spark, copy("reopened").location());
        assertEquals(new VerifyResult.Valid(5, appended.get(4).hash()), again.verify());
    }
}

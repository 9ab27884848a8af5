package com.retailer.bluegreen.publish;

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
            assertEquals(i == 0 ? AuditRecord.GENESIS_HASH : appended.get(i - 1).hash(), appended.get(i).previousHash());
        }
        assertEquals(new VerifyResult.Valid(5, appended.get(4).hash()), ledger.verify());
        for (Row r : spark.sql("DESCRIBE HISTORY delta.`" + pristine + "`").collectAsList()) {
            System.out.println(r.getAs("version") + " " + r.getAs("operation") + " " + r.getAs("operationMetrics"));
        }
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

package com.retailer.bluegreen.publish.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import com.retailer.bluegreen.publish.Admission;
import com.retailer.bluegreen.publish.AnchorEntry;
import com.retailer.bluegreen.publish.AuditDraft;
import com.retailer.bluegreen.publish.AuditProblem;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.AuditVerdict;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.LedgerAppends;
import com.retailer.bluegreen.publish.LedgerAudit;
import com.retailer.bluegreen.publish.LedgerHead;
import com.retailer.bluegreen.publish.Records;
import com.retailer.bluegreen.publish.Release;
import com.retailer.bluegreen.publish.ReleaseRefusedException;
import com.retailer.bluegreen.publish.TestSpark;
import com.retailer.bluegreen.publish.VerifyResult;
import com.retailer.bluegreen.publish.memory.InMemoryCatalog;
import com.retailer.bluegreen.publish.memory.InMemoryControlStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's attacks on the audit trail, on real Delta tables: each test does to a ledger written exactly as the
 * release core writes it (four records, each anchored after its commit) what someone with write access to the table
 * could do, and asserts that {@code audit verify} ({@link LedgerAudit}) names it (version, operation, time for a
 * commit; the record for an anchor mismatch) and that the core refuses to append. Legitimate appends stay valid.
 */
@Tag("spark")
class AuditAttacksSparkTest {
    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Path pristine;
    private static List<AuditRecord> appended;
    /** The control store stays at epoch 0: these tests are about the ledger and its anchor. */
    private final InMemoryControlStore control = new InMemoryControlStore();

    @BeforeAll
    static void fourAnchoredRecords() {
        spark = TestSpark.session();
        pristine = dir.resolve("pristine/control");
        AuditLedger ledger = new AuditLedger(spark, pristine.resolve("audit_ledger").toString(), () -> { });
        appended = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            appended.add(LedgerAppends.append(ledger, Records.draft(i)));
        }
    }

    /** An independent copy of the pristine ledger and its anchor, with the same histories. */
    private static AuditLedger copy(String name) {
        Path to = dir.resolve(name).resolve("control");
        TestSpark.copyTable(pristine.resolve("audit_ledger"), to.resolve("audit_ledger"));
        TestSpark.copyTable(pristine.resolve("audit_ledger_anchor"), to.resolve("audit_ledger_anchor"));
        return new AuditLedger(spark, to.resolve("audit_ledger").toString(), () -> { });
    }

    private static void sql(String statement) {
        spark.sql(statement).collectAsList();
    }

    private static String table(String location) {
        return "delta.`" + location + "`";
    }

    private AuditVerdict verify(AuditLedger ledger) {
        return LedgerAudit.verify(ledger, control);
    }

    /** The core refuses to read the ledger for an action, and to append to it. */
    private static void refused(AuditLedger ledger) {
        for (Runnable action : List.<Runnable>of(() -> LedgerAppends.verifiedRecords(ledger, 0),
                () -> LedgerAppends.append(ledger, Records.draft(5)))) {
            ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, action::run);
            assertEquals(ErrorCode.AUDIT_CHAIN_BROKEN, e.code(), e.getMessage());
        }
    }

    private static List<String> historyOperations(AuditVerdict v, String location) {
        return v.problems(AuditProblem.Check.HISTORY).stream().filter(p -> p.location().equals(location))
                .map(AuditProblem::operation).toList();
    }

    /** Each history problem names its version, operation and time. */
    private static void namesVersionOperationAndTime(AuditVerdict v) {
        for (AuditProblem p : v.problems(AuditProblem.Check.HISTORY)) {
            assertNotNull(p.version(), p.describe());
            assertNotNull(p.at(), p.describe());
            assertTrue(p.describe().contains("version " + p.version() + ", " + p.operation() + " at " + p.at()),
                    p.describe());
        }
    }

    @Test
    void everyLegitimateAppendIsOneCommitOfEachTableAndVerifies() {
        AuditLedger ledger = new AuditLedger(spark, pristine.resolve("audit_ledger").toString(), () -> { });
        AuditVerdict v = verify(ledger);
        assertTrue(v.valid(), v.findings().toString());
        assertEquals(new VerifyResult.Valid(4, appended.get(3).hash()), v.chain());
        assertEquals(List.of("CREATE TABLE AS SELECT", "MERGE", "MERGE", "MERGE", "MERGE"),
                TestSpark.operations(spark, ledger.location()));
        assertEquals(List.of("CREATE TABLE", "WRITE", "WRITE", "WRITE", "WRITE"),
                TestSpark.operations(spark, ledger.anchor().location()));
        assertEquals(appended.stream().map(r -> r.sequence() + ":" + r.hash()).toList(),
                ledger.anchor().entries().stream().map(e -> e.sequence() + ":" + e.hash()).toList());
        Row detail = spark.sql("DESCRIBE DETAIL " + table(ledger.anchor().location())).first();
        assertEquals("true", detail.<String, String>getJavaMap(detail.fieldIndex("properties"))
                .get("delta.appendOnly"));
    }

    @Test
    void deletingTheLastRecordAndRewritingTheHeadRowIsNamedInTheHistoryAndByTheAnchor() {
        AuditLedger ledger = copy("delete-last");
        sql("DELETE FROM " + table(ledger.location()) + " WHERE kind = 'record' AND sequence = 4");
        sql("UPDATE " + table(ledger.location()) + " SET sequence = 3, hash = '" + appended.get(2).hash() + "'"
                + " WHERE kind = 'head'");
        assertEquals(new VerifyResult.Valid(3, appended.get(2).hash()), ledger.verify(), "the table alone verifies");

        AuditVerdict v = verify(ledger);
        assertEquals(List.of("DELETE", "UPDATE"), historyOperations(v, ledger.location()));
        assertEquals(List.of(5L, 6L), v.problems(AuditProblem.Check.HISTORY).stream().map(AuditProblem::version)
                .toList());
        namesVersionOperationAndTime(v);
        assertTrue(v.problems(AuditProblem.Check.ANCHOR).get(0).reason().startsWith("the ledger ends at record 3 but"
                + " the anchor holds records up to 4"), v.findings().toString());
        refused(ledger);
        assertEquals(3, ledger.records().size(), "nothing appended");
    }

    @Test
    void aRestoreToAnEarlierVersionIsNamedInTheHistoryAndByTheAnchor() {
        AuditLedger ledger = copy("restore");
        sql("RESTORE TABLE " + table(ledger.location()) + " TO VERSION AS OF 2");
        assertEquals(new VerifyResult.Valid(2, appended.get(1).hash()), ledger.verify(), "the table alone verifies");

        AuditVerdict v = verify(ledger);
        AuditProblem restore = v.problems(AuditProblem.Check.HISTORY).get(0);
        assertEquals(List.of(5L, "RESTORE"), List.of(restore.version(), restore.operation()));
        assertTrue(restore.reason().startsWith("the table was restored to version 2"), restore.reason());
        namesVersionOperationAndTime(v);
        assertTrue(v.problems(AuditProblem.Check.ANCHOR).get(0).reason().contains("was truncated"));
        refused(ledger);
    }

    @Test
    void anOverwriteWithEveryHashRecomputedVerifiesAsAChainButNotAgainstHistoryOrAnchor() {
        AuditLedger ledger = copy("overwrite");
        List<AuditRecord> edited = new ArrayList<>(appended);
        edited.set(1, Records.with(appended.get(1), "actor", "ci:mallory"));
        List<AuditRecord> forged = Records.resealed(edited);
        List<Row> rows = new ArrayList<>();
        forged.forEach(r -> rows.add(LedgerTable.recordRow(r)));
        rows.add(LedgerTable.headRow(forged.get(3), new LedgerHead(3, forged.get(2).hash())));
        Dataset<Row> all = spark.createDataFrame(rows, LedgerTable.sourceSchema()).drop(LedgerTable.MATCH_SEQUENCE);
        all.write().format("delta").mode("overwrite").save(ledger.location());
        assertEquals(new VerifyResult.Valid(4, forged.get(3).hash()), ledger.verify(), "a perfect forgery of the"
                + " table alone");

        AuditVerdict v = verify(ledger);
        AuditProblem overwrite = v.problems(AuditProblem.Check.HISTORY).get(0);
        assertEquals(List.of(5L, "WRITE"), List.of(overwrite.version(), overwrite.operation()));
        assertTrue(overwrite.reason().startsWith("the table was overwritten"), overwrite.reason());
        AuditProblem anchor = v.problems(AuditProblem.Check.ANCHOR).get(0);
        assertEquals(2L, anchor.sequence());
        assertTrue(anchor.reason().startsWith("record 2 does not match its anchor"), anchor.reason());
        refused(ledger);
    }

    @Test
    void aLedgerRebuiltWithAFlawlessHistoryIsCaughtByTheAnchorAlone() {
        // Delete the ledger and write it again through the ledger's own code, one record edited: every commit is a
        // creation or an append and the chain is whole. Only the anchor, which the rebuild could not rewrite, tells.
        Path to = dir.resolve("rebuilt/control");
        TestSpark.copyTable(pristine.resolve("audit_ledger_anchor"), to.resolve("audit_ledger_anchor"));
        AuditLedger ledger = AuditLedger.openOrCreate(spark, to.resolve("audit_ledger").toString());
        for (AuditRecord r : appended) {
            String actor = r.sequence() == 3 ? "ci:mallory" : r.actor();
            ledger.append(new AuditDraft(r.action(), actor, r.at(), r.fromColour(), r.toColour(), r.epoch(),
                    r.releaseId(), r.gitSha(), r.tableVersions(), r.details()));
        }
        assertTrue(ledger.verify().valid());

        AuditVerdict v = verify(ledger);
        assertEquals(List.of(AuditProblem.Check.ANCHOR), v.problems().stream().map(AuditProblem::check).distinct()
                .toList(), v.findings().toString());
        assertEquals(3L, v.problems().get(0).sequence());
        assertTrue(v.problems().get(0).reason().startsWith("record 3 does not match its anchor"),
                v.problems().get(0).reason());
        refused(ledger);
    }

    @Test
    void aSchemaChangeAndAnEditedRecordAreNamed() {
        AuditLedger altered = copy("add-columns");
        sql("ALTER TABLE " + table(altered.location()) + " ADD COLUMNS (note STRING)");
        AuditVerdict v = verify(altered);
        assertTrue(v.chain().valid());
        assertEquals(List.of("ADD COLUMNS"), historyOperations(v, altered.location()));
        assertTrue(v.problems().get(0).reason().startsWith("the table's schema was changed"));
        namesVersionOperationAndTime(v);

        AuditLedger edited = copy("update");
        sql("UPDATE " + table(edited.location()) + " SET actor = 'ci:mallory' WHERE kind = 'record'"
                + " AND sequence = 2");
        AuditVerdict e = verify(edited);
        assertEquals(2, assertInstanceOf(VerifyResult.Broken.class, e.chain()).sequence());
        assertEquals(List.of("UPDATE"), historyOperations(e, edited.location()));
        refused(edited);
    }

    @Test
    void deltaRefusesToChangeOrRemoveAnAnchorEntryAndUnsettingAppendOnlyIsNamed() {
        AuditLedger ledger = copy("anchor");
        String anchor = table(ledger.anchor().location());
        List<AnchorEntry> before = ledger.anchor().entries();
        for (String attack : List.of("UPDATE " + anchor + " SET hash = 'x' WHERE sequence = 2",
                "DELETE FROM " + anchor + " WHERE sequence = 4",
                "INSERT OVERWRITE " + anchor + " SELECT * FROM " + anchor + " WHERE sequence < 4")) {
            Exception e = assertThrows(Exception.class, () -> sql(attack), attack);
            assertTrue(String.valueOf(e.getMessage()).contains("append"), attack + ": " + e.getMessage());
        }
        assertEquals(before, ledger.anchor().entries());
        assertTrue(verify(ledger).valid(), "refused attempts commit nothing");

        sql("ALTER TABLE " + anchor + " SET TBLPROPERTIES ('delta.appendOnly' = 'false')");
        sql("DELETE FROM " + anchor + " WHERE sequence >= 3");
        AuditVerdict v = verify(ledger);
        assertEquals(List.of("SET TBLPROPERTIES", "DELETE"), historyOperations(v, ledger.anchor().location()));
        namesVersionOperationAndTime(v);
        refused(ledger);
    }

    @Test
    void aRestoreOfTheAnchorIsNotRefusedByDeltaButNamedAndNeverLetsAnEditedLastRecordPassAsPending() {
        AuditLedger ledger = copy("anchor-restore");
        AuditRecord edited = Records.with(appended.get(3), "actor", "ci:mallory");
        String forgedHash = edited.computedHash();
        sql("UPDATE " + table(ledger.location()) + " SET actor = 'ci:mallory', hash = '" + forgedHash + "'"
                + " WHERE kind = 'record' AND sequence = 4");
        sql("UPDATE " + table(ledger.location()) + " SET hash = '" + forgedHash + "' WHERE kind = 'head'");
        sql("RESTORE TABLE " + table(ledger.anchor().location()) + " TO VERSION AS OF 3");
        assertTrue(ledger.verify().valid(), "the table alone verifies");
        assertEquals(3, ledger.anchor().entries().size(), "Delta 4.0.1 restores an append-only table");

        AuditVerdict v = verify(ledger);
        assertEquals(List.of("RESTORE"), historyOperations(v, ledger.anchor().location()));
        assertEquals(List.of("UPDATE", "UPDATE"), historyOperations(v, ledger.location()));
        namesVersionOperationAndTime(v);
        assertTrue(v.problems(AuditProblem.Check.ANCHOR).get(0).reason().startsWith("record 4 (the last,"),
                v.findings().toString());
        refused(ledger);
        assertEquals(3, ledger.anchor().entries().size(), "the edited record was not anchored");
    }

    @Test
    void deletingTheLedgerDirectoryAfterViewsWerePublishedIsRefusedNotRebuilt() throws IOException {
        Contract contract = Contract.of(List.of(Contract.View.of("orders", "orders", "order_id", "STRING")));
        ReleaseLayout layout = new ReleaseLayout("p", "main", dir.resolve("deleted/lake").toString());
        PipelineLayout layouts = new PipelineLayout(layout,
                new ColourLayout("p", Colour.BLUE, 1, "main", "/ckpt", "/lake"),
                new ColourLayout("p", Colour.GREEN, 1, "main", "/ckpt", "/lake"));
        InMemoryCatalog catalog = new InMemoryCatalog().table("main.p_blue.orders", "order_id", "STRING")
                .table("main.p_green.orders", "order_id", "STRING");
        ControlTable controlTable = new ControlTable(spark, layout.controlTableLocation());
        Release release = new Release(controlTable, new AuditLedger(spark, layout.auditLedgerLocation(),
                layout.auditAnchorLocation(), () -> { }), catalog, layouts, contract, 1, Admission.unguarded("test"));
        release.promote(Colour.BLUE, "r-1", "ci", "sha");
        release.promote(Colour.GREEN, "r-2", "ci", "sha");

        deleteDirectory(Path.of(layout.auditLedgerLocation()));
        for (Runnable action : List.<Runnable>of(() -> release.rollback("ci:oncall", "sha"),
                () -> release.promote(Colour.BLUE, "r-3", "ci", "sha"))) {
            ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, action::run);
            assertEquals(ReleaseRefusedException.Reason.AUDIT_CHAIN_BROKEN, e.reason());
            assertTrue(e.getMessage().contains("there is no audit ledger at '" + layout.auditLedgerLocation()
                    + "', but the control table is at epoch 2"), e.getMessage());
        }
        assertFalse(Files.exists(Path.of(layout.auditLedgerLocation())), "no fresh ledger was started");
        assertEquals(2, controlTable.desired().epoch(), "nothing proposed");
        AuditVerdict v = LedgerAudit.verify(new AuditLedger(spark, layout.auditLedgerLocation(), () -> { }),
                controlTable);
        assertEquals(AuditProblem.Check.MISSING, v.problems().get(0).check());

        deleteDirectory(Path.of(layout.auditAnchorLocation()));
        assertThrows(ReleaseRefusedException.class, () -> release.rollback("ci:oncall", "sha"),
                "the control table alone still says views were published");
        assertFalse(Files.exists(Path.of(layout.auditLedgerLocation())));
    }

    private static void deleteDirectory(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

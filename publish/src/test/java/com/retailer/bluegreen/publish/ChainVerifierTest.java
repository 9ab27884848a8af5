package com.retailer.bluegreen.publish;

import static com.retailer.bluegreen.publish.Records.chain;
import static com.retailer.bluegreen.publish.Records.rehashed;
import static com.retailer.bluegreen.publish.Records.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    @Test
    void anEmptyLedgerIsValidAndEndsAtTheGenesisHash() {
        assertEquals(new VerifyResult.Valid(0, AuditRecord.GENESIS_HASH), ChainVerifier.verify(List.of()));
    }

    @Test
    void anIntactChainIsValidAndReportsItsCountAndLastHash() {
        List<AuditRecord> records = chain(5);
        assertEquals(new VerifyResult.Valid(5, records.get(4).hash()), ChainVerifier.verify(records));
    }

    @Test
    void anAlteredFieldNamesThatRecord() {
        List<AuditRecord> records = edit(chain(5), 2, with(chain(5).get(2), "actor", "mallory"));
        assertBroken(3, "record 3 was altered: its content hashes to ", ChainVerifier.verify(records));
    }

    @Test
    void anAlteredRecordThatWasReHashedBreaksTheChainAtTheNextRecord() {
        List<AuditRecord> records = edit(chain(5), 2, rehashed(with(chain(5).get(2), "actor", "mallory")));
        assertBroken(4, "chain broken at 4: it links to ", ChainVerifier.verify(records));
    }

    @Test
    void anAlteredLinkIsAnAlteredRecord() {
        List<AuditRecord> records = edit(chain(5), 1, with(chain(5).get(1), "previousHash", "f".repeat(64)));
        assertBroken(2, "record 2 was altered", ChainVerifier.verify(records));
    }

    @Test
    void aDeletedRecordIsNamedAsMissing() {
        List<AuditRecord> records = new ArrayList<>(chain(5));
        records.remove(2);
        assertBroken(3, "record 3 missing: record 4 follows record 2", ChainVerifier.verify(records));
    }

    @Test
    void aDeletedFirstRecordIsNamedAsMissing() {
        List<AuditRecord> records = new ArrayList<>(chain(5));
        records.remove(0);
        assertBroken(1, "record 1 missing: record 2 follows record 0 (the start of the ledger)",
                ChainVerifier.verify(records));
    }

    @Test
    void aDuplicatedRecordIsNamed() {
        List<AuditRecord> records = new ArrayList<>(chain(5));
        records.add(3, records.get(2));
        assertBroken(3, "record 3 duplicated: it appears again after record 3", ChainVerifier.verify(records));
    }

    @Test
    void recordsOutOfOrderNameTheFirstPositionThatIsWrong() {
        List<AuditRecord> records = new ArrayList<>(chain(5));
        records.set(2, chain(5).get(3));
        records.set(3, chain(5).get(2));
        assertBroken(3, "record 3 missing: record 4 follows record 2", ChainVerifier.verify(records));
    }

    @Test
    void twoRecordsSwappedAndRenumberedNameTheFirstOfThem() {
        List<AuditRecord> original = chain(5);
        List<AuditRecord> records = new ArrayList<>(original);
        records.set(2, with(original.get(3), "sequence", 3L));
        records.set(3, with(original.get(2), "sequence", 4L));
        assertBroken(3, "record 3 was altered", ChainVerifier.verify(records));
    }

    @Test
    void aForgedRecordInsertedMidChainIsFoundWhereTheChainNoLongerHolds() {
        List<AuditRecord> original = chain(5);
        List<AuditRecord> records = new ArrayList<>(original.subList(0, 2));
        AuditRecord forged = AuditRecord.seal(3, Records.draft(9), original.get(1).hash());
        records.add(forged);
        for (AuditRecord r : original.subList(2, 5)) {
            records.add(with(r, "sequence", r.sequence() + 1));
        }
        // The forgery itself is well formed; the record it displaced no longer hashes as stored.
        assertBroken(4, "record 4 was altered", ChainVerifier.verify(records));
    }

    @Test
    void aFirstRecordThatDoesNotStartFromGenesisBreaksTheChainAtOne() {
        List<AuditRecord> records = edit(chain(3), 0, rehashed(with(chain(3).get(0), "previousHash", "e".repeat(64))));
        assertBroken(1, "chain broken at 1: it links to eeee", ChainVerifier.verify(records));
    }

    @Test
    void onlyTheFirstOfSeveralBadRecordsIsNamed() {
        List<AuditRecord> records = edit(chain(5), 3, with(chain(5).get(3), "actor", "mallory"));
        records = edit(records, 1, with(records.get(1), "actor", "eve"));
        assertBroken(2, "record 2 was altered", ChainVerifier.verify(records));
    }

    @Test
    void theHeadCatchesRecordsDeletedFromTheEnd() {
        List<AuditRecord> records = chain(5);
        LedgerHead head = new LedgerHead(5, records.get(4).hash());
        assertBroken(4, "record 4 missing: the ledger's head says it ends at record 5 but the last record present"
                + " is 3", ChainVerifier.verify(records.subList(0, 3), head));
    }

    @Test
    void theHeadCatchesAWellFormedRecordAppendedAroundTheLedger() {
        List<AuditRecord> records = chain(5);
        LedgerHead head = new LedgerHead(4, records.get(3).hash());
        assertBroken(5, "chain broken at 5: the ledger's head says it ends at record 4",
                ChainVerifier.verify(records, head));
    }

    @Test
    void theHeadCatchesALastRecordRewrittenWithItsHash() {
        List<AuditRecord> records = chain(5);
        LedgerHead head = new LedgerHead(5, records.get(4).hash());
        List<AuditRecord> forged = edit(records, 4, rehashed(with(records.get(4), "actor", "mallory")));
        assertBroken(5, "record 5 was altered: the ledger's head holds hash", ChainVerifier.verify(forged, head));
    }

    @Test
    void aChainThatEndsWhereTheHeadSaysIsValid() {
        List<AuditRecord> records = chain(5);
        VerifyResult r = ChainVerifier.verify(records, new LedgerHead(5, records.get(4).hash()));
        assertEquals(new VerifyResult.Valid(5, records.get(4).hash()), r);
        assertEquals(new VerifyResult.Valid(0, AuditRecord.GENESIS_HASH),
                ChainVerifier.verify(List.of(), new LedgerHead(0, AuditRecord.GENESIS_HASH)));
    }

    private static List<AuditRecord> edit(List<AuditRecord> records, int index, AuditRecord replacement) {
        List<AuditRecord> out = new ArrayList<>(records);
        out.set(index, replacement);
        return out;
    }

    private static void assertBroken(long sequence, String reasonStart, VerifyResult result) {
        VerifyResult.Broken broken = assertInstanceOf(VerifyResult.Broken.class, result);
        assertEquals(sequence, broken.sequence(), broken.reason());
        assertTrue(broken.reason().startsWith(reasonStart), broken.reason());
    }
}

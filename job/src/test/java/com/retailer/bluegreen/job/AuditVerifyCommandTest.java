package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.publish.AuditProblem;
import com.retailer.bluegreen.publish.AuditVerdict;
import com.retailer.bluegreen.publish.VerifyResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code audit verify} renders its verdict (moved here with the command from the former AuditMain). No Spark. */
class AuditVerifyCommandTest {

    private static String payload(AuditVerifyCommand.Verified v) {
        ObjectNode n = Renderer.JSON.createObjectNode();
        v.json(n);
        return n.toString();
    }

    @Test
    void aValidChainRendersItsCountAndHeadHash() {
        VerifyResult valid = new VerifyResult.Valid(5, "ab".repeat(32));
        AuditVerifyCommand.Verified v = new AuditVerifyCommand.Verified("/l", valid);
        assertEquals("Audit ledger /l: valid, 5 records, head hash " + "ab".repeat(32) + ".", v.text());
        assertEquals("{\"ledger\":\"/l\",\"valid\":true,\"count\":5,\"headHash\":\"" + "ab".repeat(32) + "\"}",
                payload(v));
        assertEquals(ErrorCode.OK, v.code());
    }

    @Test
    void aBrokenChainRendersTheFirstBadRecordAndWhatToDo() {
        VerifyResult broken = new VerifyResult.Broken(3, "record 3 was altered: its content hashes to x");
        AuditVerifyCommand.Verified v = new AuditVerifyCommand.Verified("/l", broken);
        String text = v.text();
        assertTrue(text.startsWith("Audit ledger /l: BROKEN at record 3: record 3 was altered"), text);
        assertTrue(text.contains("DESCRIBE HISTORY delta.`/l`"), text);
        assertEquals("{\"ledger\":\"/l\",\"valid\":false,\"sequence\":3,\"reason\":\"record 3 was altered: its"
                + " content hashes to x\"}", payload(v));
        assertEquals(ErrorCode.AUDIT_CHAIN_BROKEN, v.code());
        assertTrue(Renderer.json("audit verify", v).startsWith("{\"command\":\"audit verify\",\"exitCode\":4,"
                + "\"outcome\":\"AUDIT_CHAIN_BROKEN\",\"ledger\":\"/l\""), Renderer.json("audit verify", v));
    }

    @Test
    void everyProblemBesidesTheChainIsNamedWithWhatFailedAndWhatToDo() {
        AuditProblem delete = new AuditProblem(AuditProblem.Check.HISTORY, "/l", null, 7L, "DELETE",
                Instant.parse("2026-03-01T12:00:00Z"), "rows were deleted (1)");
        AuditProblem truncated = new AuditProblem(AuditProblem.Check.ANCHOR, "/a", 5L, null, null, null,
                "the ledger ends at record 4 but the anchor holds records up to 5");
        AuditVerifyCommand.Verified v = new AuditVerifyCommand.Verified("/l", new AuditVerdict("/l", "/a",
                new VerifyResult.Valid(4, "ab".repeat(32)), List.of(delete, truncated)));
        assertEquals(ErrorCode.AUDIT_CHAIN_BROKEN, v.code());
        String text = v.text();
        assertTrue(text.startsWith("Audit ledger /l: BROKEN: 2 problems found.\n"
                + "  - history of /l: version 7, DELETE at 2026-03-01T12:00:00Z: rows were deleted (1).\n"
                + "  - anchor /a: record 5: the ledger ends at record 4 but the anchor holds records up to 5.\n"),
                text);
        assertTrue(text.contains("DESCRIBE HISTORY delta.`/l` and delta.`/a`"), text);
        assertEquals("{\"ledger\":\"/l\",\"valid\":false,\"reason\":\"history of /l: version 7, DELETE at"
                + " 2026-03-01T12:00:00Z: rows were deleted (1)\",\"anchor\":\"/a\",\"problems\":["
                + "{\"check\":\"history\",\"location\":\"/l\",\"version\":7,\"operation\":\"DELETE\","
                + "\"at\":\"2026-03-01T12:00:00Z\",\"reason\":\"rows were deleted (1)\"},"
                + "{\"check\":\"anchor\",\"location\":\"/a\",\"sequence\":5,\"reason\":\"the ledger ends at"
                + " record 4 but the anchor holds records up to 5\"}]}", payload(v));
    }

    @Test
    void aBrokenChainStillLeadsAndAMissingLedgerIsNamed() {
        AuditProblem update = new AuditProblem(AuditProblem.Check.HISTORY, "/l", null, 6L, "UPDATE",
                Instant.parse("2026-03-01T12:00:00Z"), "rows were updated (1)");
        AuditVerifyCommand.Verified broken = new AuditVerifyCommand.Verified("/l", new AuditVerdict("/l", "/a",
                new VerifyResult.Broken(2, "record 2 was altered: x"), List.of(update)));
        assertTrue(broken.text().startsWith("Audit ledger /l: BROKEN at record 2: record 2 was altered: x.\n"
                + "  - history of /l: version 6, UPDATE at"), broken.text());
        assertTrue(payload(broken).startsWith("{\"ledger\":\"/l\",\"valid\":false,\"sequence\":2,\"reason\":"
                + "\"record 2 was altered: x\",\"anchor\":\"/a\",\"problems\":[{\"check\":\"history\""),
                payload(broken));

        AuditProblem missing = new AuditProblem(AuditProblem.Check.MISSING, "/l", null, null, null, null,
                "there is no ledger, but the control table is at epoch 3: it was deleted or moved");
        AuditVerifyCommand.Verified gone = new AuditVerifyCommand.Verified("/l", new AuditVerdict("/l", "/a",
                new VerifyResult.Valid(0, "0".repeat(64)), List.of(missing)));
        assertEquals(ErrorCode.AUDIT_CHAIN_BROKEN, gone.code());
        assertTrue(gone.text().contains("  - ledger /l: there is no ledger, but the control table is at epoch 3"),
                gone.text());
        assertTrue(gone.text().contains("Restore the ledger from backup"), gone.text());
    }
}

package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.publish.VerifyResult;
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
}

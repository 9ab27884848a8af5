package com.retailer.bluegreen.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.layout.Colour;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the publish module raises carries the code the command line exits with; the table is
 * {@link ErrorCode}, and these are the errors only this module can make. No Spark.
 */
class PublishErrorCodesTest {
    private static final DesiredState GREEN = new DesiredState(Colour.GREEN, 3, "r-3", Instant.EPOCH, "ci");
    private static final DesiredState BLUE = new DesiredState(Colour.BLUE, 4, "r-4", Instant.EPOCH, "ci");

    @Test
    void eachPublishRefusalCarriesItsOwnCode() {
        Map<BlueGreenException, ErrorCode> cases = Map.ofEntries(
                Map.entry(PublishErrors.chainBroken("/l", new VerifyResult.Broken(2, "altered")),
                        ErrorCode.AUDIT_CHAIN_BROKEN),
                Map.entry(PublishErrors.headRows("/l", 2), ErrorCode.AUDIT_CHAIN_BROKEN),
                Map.entry(PublishErrors.noLedger("/l"), ErrorCode.BAD_CONFIG),
                Map.entry(PublishErrors.contractFile("f", List.of("bad")), ErrorCode.BAD_CONFIG),
                Map.entry(PublishErrors.colourNotReady(Colour.GREEN, "v", List.of("t")),
                        ErrorCode.CONTRACT_VIOLATION),
                Map.entry(PublishErrors.noReleaseId(), ErrorCode.CONTRACT_VIOLATION),
                Map.entry(PublishErrors.concurrentProposal("/c", 3, 4L, null), ErrorCode.LOST_RACE),
                Map.entry(PublishErrors.inProgress(GREEN, 2), ErrorCode.LOST_RACE),
                Map.entry(PublishErrors.superseded("v", GREEN, BLUE), ErrorCode.SUPERSEDED),
                Map.entry(PublishErrors.nothingPromoted("/c"), ErrorCode.NOTHING_TO_ROLL_BACK),
                Map.entry(PublishErrors.neverServed(GREEN, Colour.BLUE), ErrorCode.NOTHING_TO_ROLL_BACK),
                Map.entry(ReleaseRefusedException.notValidated("no report"), ErrorCode.NOT_VALIDATED),
                Map.entry(PublishErrors.notConverging("s", List.of("v"), GREEN, 3), ErrorCode.FAILED),
                Map.entry(PublishErrors.ledgerMissing("/l", "/a", 3, 0), ErrorCode.AUDIT_CHAIN_BROKEN),
                Map.entry(PublishErrors.anchorMissing("/l", "/a", 2), ErrorCode.AUDIT_CHAIN_BROKEN),
                Map.entry(PublishErrors.anchorMismatch("/l", List.of(AuditProblem.anchor("/a", 2L, "x"))),
                        ErrorCode.AUDIT_CHAIN_BROKEN),
                Map.entry(PublishErrors.rebuildRefused("/l", 1, 3, List.of("x")), ErrorCode.AUDIT_CHAIN_BROKEN),
                Map.entry(PublishErrors.untrustedIdentity("os-user:jdoe", "publish.requireTrustedIdentity"),
                        ErrorCode.BAD_CONFIG));
        cases.forEach((e, code) -> assertEquals(code, e.code(), e.getMessage()));
    }
}

package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.retailer.bluegreen.errors.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout module's refusals carry the codes the command line exits with ({@link ErrorCode}). No Spark. */
class LayoutErrorCodesTest {

    @Test
    void ownershipCutAndRetentionRefusalsCarryTheirCodes() {
        ColourLayout blue = new ColourLayout("p", Colour.BLUE, 1, "main", "/c", "/s");
        ColourLayout green = new ColourLayout("p", Colour.GREEN, 1, "main", "/c", "/s");
        assertEquals(ErrorCode.NOT_OWNER, LayoutErrors.notOwner("/c/p/blue/g1",
                OwnerMarker.of(green, "a"), OwnerMarker.of(blue, "a")).code());
        assertEquals(ErrorCode.BOOTSTRAP_REFUSED, LayoutErrors.notADeltaTable("/s/t").code());
        assertEquals(ErrorCode.BOOTSTRAP_REFUSED, new OffsetsNotRetainedException(List.of(
                new OffsetsNotRetainedException.Gap("orders.cdc", 0, 10, 20, 30))).code());
        assertEquals(ErrorCode.FAILED, LayoutErrors.unreadable("/c/x", "not JSON", null).code());
    }
}

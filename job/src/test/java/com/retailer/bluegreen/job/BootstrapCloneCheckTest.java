package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A re-run bootstrap accepts an existing table only if its version 0 is the clone of the cut's source: the CLONE's
 * {@code source} parameter ({@code delta.`<location>`}) compared as a location, with its scheme and bucket. No Spark.
 */
class BootstrapCloneCheckTest {

    @Test
    void the_clone_source_is_compared_as_a_location() {
        assertTrue(Bootstrap.clonedFromPath("delta.`file:/lake/retail/blue/g1/tables/orders`",
                "/lake/retail/blue/g1/tables/orders"));
        assertTrue(Bootstrap.clonedFromPath("delta.`s3a://lake/retail/blue/g1/tables/orders`",
                "s3a://lake/retail/blue/g1/tables/orders/"));
        assertFalse(Bootstrap.clonedFromPath("delta.`s3a://other/retail/blue/g1/tables/orders`",
                "s3a://lake/retail/blue/g1/tables/orders"), "another bucket is another table");
        assertFalse(Bootstrap.clonedFromPath("delta.`/lake/retail/blue/g1/tables/orders_v2`",
                "/lake/retail/blue/g1/tables/orders"));
        assertFalse(Bootstrap.clonedFromPath("main.retail_blue.orders", "/lake/retail/blue/g1/tables/orders"));
        assertFalse(Bootstrap.clonedFromPath("", "/lake/x"));
    }
}

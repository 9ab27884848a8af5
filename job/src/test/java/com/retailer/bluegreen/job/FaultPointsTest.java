package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Test-only fault injection cannot be switched on in a deployed job: this module's classpath is the deployed jar's
 * (no test-support), and there the properties do nothing. (The end-to-end tests, which have test-support, pause and
 * mutate jobs with the same properties.)
 */
class FaultPointsTest {

    @Test
    void the_fault_properties_are_inert_without_test_support_on_the_classpath() {
        System.setProperty(FaultPoints.PROPERTY, "orders:bronze-committed,publish:before-view:orders");
        System.setProperty(FaultPoints.MUTATE_PROPERTY, "orders:status='LOST'");
        try {
            assertFalse(FaultPoints.enabled(), "test-support is not on the job's own classpath");
            FaultPoints faults = FaultPoints.fromSystemProperties();
            assertTrue(faults.inert(), "a deployed job ignores the test-only properties");
            faults.reached("orders:bronze-committed", 0); // would block forever if the pause were honoured
        } finally {
            System.clearProperty(FaultPoints.PROPERTY);
            System.clearProperty(FaultPoints.MUTATE_PROPERTY);
        }
    }
}

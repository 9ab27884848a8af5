package com.retailer.bluegreen.testsupport;

/**
 * Its presence on the classpath is what lets the job honour the test-only fault-injection properties
 * ({@code bluegreen.pauseAt}, {@code bluegreen.mutate}): test-support is on the classpath of tests, the demo and the
 * bench, never in the deployed job jar, so there the properties do nothing whatever a job's configuration says.
 */
public final class FaultInjectionEnabled {
    private FaultInjectionEnabled() {
    }
}

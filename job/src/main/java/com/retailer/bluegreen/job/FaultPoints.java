package com.retailer.bluegreen.job;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Named points inside a micro-batch (for example {@code orders:bronze-committed}: after the Bronze commit, before
 * the Silver MERGE) where a test can freeze the job to SIGKILL it at exactly that moment; the publisher's are
 * {@code publish:before-view:<view>} (before that view's epoch check and switch). Configured with the
 * system property {@code bluegreen.pauseAt} (comma-separated points); inert when it is absent. A paused job prints
 * {@code PAUSED-AT <point> batch=<id>} on stdout and waits to be killed.
 */
public final class FaultPoints {
    public static final String PROPERTY = "bluegreen.pauseAt";
    public static final String PAUSED_MARKER = "PAUSED-AT ";
    private final Set<String> pauseAt;
    private final Set<String> reached = ConcurrentHashMap.newKeySet();

    FaultPoints(Set<String> pauseAt) {
        this.pauseAt = Set.copyOf(pauseAt);
    }

    public static FaultPoints fromSystemProperties() {
        String value = System.getProperty(PROPERTY, "");
        return new FaultPoints(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()));
    }

    /** Called when the job passes {@code point}; blocks forever if a pause was requested there. */
    void reached(String point, long batchId) {
        reached(point, " batch=" + batchId);
    }

    /** Called when a command outside a batch (the publisher) passes {@code point}; blocks if asked to pause there. */
    void reached(String point) {
        reached(point, "");
    }

    private void reached(String point, String suffix) {
        if (pauseAt.contains(point) && reached.add(point)) {
            System.out.println(PAUSED_MARKER + point + suffix);
            System.out.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while paused at fault point " + point, e);
                }
            }
        }
    }
}

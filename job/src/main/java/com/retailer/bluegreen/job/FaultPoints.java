package com.retailer.bluegreen.job;

import com.retailer.bluegreen.layout.Domain;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Named points inside a micro-batch (for example {@code orders:bronze-committed}: after the Bronze commit, before
 * the Silver MERGE) where a test can freeze the job to SIGKILL it at exactly that moment; the publisher's are
 * {@code publish:before-view:<view>} (before that view's epoch check and switch). Configured with the
 * system property {@code bluegreen.pauseAt} (comma-separated points); inert when it is absent. A paused job prints
 * {@code PAUSED-AT <point> batch=<id>} on stdout and waits to be killed.
 *
 * <p>Test-only: the properties are honoured only when {@value #ENABLER} is on the classpath, which only the tests,
 * the demo and the bench have (test-support); in the deployed job jar they are ignored, with a warning.
 */
public final class FaultPoints {
    public static final String PROPERTY = "bluegreen.pauseAt";
    public static final String PAUSED_MARKER = "PAUSED-AT ";
    /** System property of {@link #mutate}: {@code <domain>:<payload field>=<SQL>} entries separated by ';'. */
    public static final String MUTATE_PROPERTY = "bluegreen.mutate";
    /** The class whose presence on the classpath enables fault injection (test-support, never deployed). */
    static final String ENABLER = "com.retailer.bluegreen.testsupport.FaultInjectionEnabled";
    private static final FaultPoints NONE = new FaultPoints(Set.of(), Map.of());
    private final Set<String> pauseAt;
    private final Map<Domain, Map<String, String>> mutations;
    private final Set<String> reached = ConcurrentHashMap.newKeySet();

    FaultPoints(Set<String> pauseAt, Map<Domain, Map<String, String>> mutations) {
        this.pauseAt = Set.copyOf(pauseAt);
        this.mutations = Map.copyOf(mutations);
    }

    FaultPoints(Set<String> pauseAt) {
        this(pauseAt, Map.of());
    }

    public static FaultPoints fromSystemProperties() {
        String value = System.getProperty(PROPERTY, "");
        String mutate = System.getProperty(MUTATE_PROPERTY, "");
        if (value.isBlank() && mutate.isBlank()) {
            return NONE;
        }
        if (!enabled()) {
            org.slf4j.LoggerFactory.getLogger(FaultPoints.class).warn("Ignoring the test-only fault-injection"
                    + " properties {} / {}: fault injection works only with test-support on the classpath, never in"
                    + " a deployed job", PROPERTY, MUTATE_PROPERTY);
            return NONE;
        }
        return new FaultPoints(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()), mutations(System.getProperty(MUTATE_PROPERTY, "")));
    }

    /** Whether the test-only enabler is on the classpath. */
    static boolean enabled() {
        try {
            Class.forName(ENABLER, false, FaultPoints.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException deployed) {
            return false;
        }
    }

    /** Whether any fault is configured. */
    boolean inert() {
        return pauseAt.isEmpty() && mutations.isEmpty();
    }

    /**
     * Parses {@code orders:amount_cents=<SQL>;fulfillment:status=<SQL>}: per domain, payload fields to replace by an
     * SQL expression over the Bronze row (e.g. {@code IF(payload.offset % 10 = 0, 'LOST', payload.status)}).
     */
    static Map<Domain, Map<String, String>> mutations(String value) {
        Map<Domain, Map<String, String>> out = new java.util.EnumMap<>(Domain.class);
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            int eq = entry.indexOf('=');
            if (colon <= 0 || eq <= colon + 1) {
                throw new IllegalArgumentException("Invalid " + MUTATE_PROPERTY + " entry '" + entry + "': expected"
                        + " <domain>:<payload field>=<SQL expression>");
            }
            String id = entry.substring(0, colon).trim();
            Domain d = Arrays.stream(Domain.values()).filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Invalid " + MUTATE_PROPERTY + " entry '" + entry
                            + "': unknown domain '" + id + "', expected orders, inventory or fulfillment"));
            out.computeIfAbsent(d, k -> new java.util.LinkedHashMap<>())
                    .put(entry.substring(colon + 1, eq).trim(), entry.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * The decoded batch with the configured payload fields replaced: how a test stands in for a release whose
     * transform has a bug (wrong statuses, lost keys). Inert, the batch as it is, without {@value #MUTATE_PROPERTY}.
     */
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> mutate(Domain domain,
                                                                  org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> batch) {
        Map<String, String> fields = mutations.getOrDefault(domain, Map.of());
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> out = batch;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            out = out.withColumn("payload", org.apache.spark.sql.functions.col("payload")
                    .withField(f.getKey(), org.apache.spark.sql.functions.expr(f.getValue())));
        }
        return out;
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

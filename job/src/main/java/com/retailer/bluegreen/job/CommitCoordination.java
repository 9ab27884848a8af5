package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether Delta can refuse the second of two concurrent commits of the same version where the release state lives.
 * The publisher's epoch fence on the control table and the audit ledger's single head rely on exactly that. On
 * Databricks the runtime coordinates commits to object storage; on HDFS, a local disk, ADLS and GCS Delta's own log
 * stores write the next log file only if absent. On S3 outside Databricks, Delta's default log store cannot: two
 * publishers racing could both "win" the same version and fork the ledger. There it takes Delta's DynamoDB log
 * store ({@code spark.delta.logStore.s3a.impl: io.delta.storage.S3DynamoDBLogStore}, likewise for {@code s3}/
 * {@code s3n}), set in {@code spark.conf}. Without it a verb that writes the release state refuses to start,
 * before anything is written ({@code docs/databricks.md}, "Commits on object storage").
 */
final class CommitCoordination {
    /** Set on every Databricks cluster; its value is the runtime's version. */
    static final String DATABRICKS_RUNTIME = "DATABRICKS_RUNTIME_VERSION";
    private static final Set<String> S3_SCHEMES = Set.of("s3", "s3a", "s3n");
    private static final Set<String> PUT_IF_ABSENT_LOG_STORES = Set.of("io.delta.storage.S3DynamoDBLogStore");

    private CommitCoordination() {
    }

    /**
     * Refuses, naming the location, the missing setting and what to do, when the release state of {@code config}
     * is on S3, this process is not on Databricks ({@code environment} has no {@value #DATABRICKS_RUNTIME}), and no
     * log store with put-if-absent is configured for that scheme.
     */
    static void requireMutualExclusion(PipelineConfig config, Map<String, String> environment) {
        String location = config.release().controlTableLocation();
        Optional<String> scheme = scheme(location).filter(S3_SCHEMES::contains);
        if (scheme.isEmpty() || environment.containsKey(DATABRICKS_RUNTIME)) {
            return;
        }
        String key = "spark.delta.logStore." + scheme.get() + ".impl";
        String store = config.spark().conf().get(key);
        if (store != null && PUT_IF_ABSENT_LOG_STORES.contains(store.trim())) {
            return;
        }
        throw new BlueGreenException(ErrorCode.BAD_CONFIG, "Refusing to write the release state at " + location
                + ": on S3 outside Databricks, Delta's " + (store == null ? "default log store" : "log store " + store)
                + " cannot refuse a concurrent commit of the same version, so two publishers racing could both"
                + " commit and fork the audit ledger and the control table. Set spark.conf '" + key
                + "' to io.delta.storage.S3DynamoDBLogStore (with its DynamoDB table settings, Delta's 'S3 multi-"
                + "cluster' setup), or run the publisher on Databricks, which coordinates commits itself"
                + " (docs/databricks.md, 'Commits on object storage'). Nothing was written.");
    }

    private static Optional<String> scheme(String location) {
        int colon = location.indexOf(':');
        if (colon <= 0 || location.startsWith("/")) {
            return Optional.empty();
        }
        String scheme = location.substring(0, colon);
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? Optional.of(scheme.toLowerCase(Locale.ROOT))
                : Optional.empty();
    }
}

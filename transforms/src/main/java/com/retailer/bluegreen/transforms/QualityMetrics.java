package com.retailer.bluegreen.transforms;

import com.retailer.bluegreen.storage.DeltaTxn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The per-batch quality figures of a colour, one append per domain batch to its {@value Tables#QUALITY_METRICS}
 * table, carrying (txnAppId, batch id): a replayed batch is skipped, so nothing is counted twice. What the quality
 * and schema gates read, and what monitoring can query.
 *
 * <p>Metrics: {@code <table>.<expectation>} (evaluated = valid records, failed = records failing it);
 * {@code <bronze table>.<status>} per decode status other than OK, e.g. {@code bronze_orders.malformed} (evaluated =
 * the batch's records); and
 * {@code writer_schema.<id>} per Avro writer schema id seen (action {@code observed}, evaluated = its records).
 * {@code batch_kafka_ts} is the newest Kafka timestamp of the batch: a fact of the data, the same on a replay.
 */
public final class QualityMetrics {
    /** The action of the decoder's own checks. */
    public static final String DECODE = "decode";
    /** The action of writer schema observations. */
    public static final String OBSERVED = "observed";

    private QualityMetrics() {
    }

    /** One metric row. */
    public record Metric(String metric, String action, long evaluated, long failed) {
    }

    /**
     * Appends one batch's metrics in one commit carrying (appId, batchId).
     *
     * @param statusAndSchema decode status → writer schema id (null when none) → records, of the batch
     * @param expectations    expectation ({@code <table>.<name>}) → {evaluated, failed}
     * @param actions         expectation → its action id
     */
    public static void append(SparkSession spark, String location, String appId, String query, String bronzeTable,
                              long batchId, Instant batchKafkaTs, Map<String, Map<Integer, Long>> statusAndSchema,
                              Map<String, long[]> expectations, Map<String, String> actions) {
        List<Metric> metrics = metrics(bronzeTable, statusAndSchema, expectations, actions);
        List<Row> rows = new ArrayList<>();
        // As microseconds, turned into a TIMESTAMP by SQL: independent of the session's java.time setting.
        Long micros = batchKafkaTs == null ? null
                : batchKafkaTs.getEpochSecond() * 1_000_000L + batchKafkaTs.getNano() / 1_000;
        for (Metric m : metrics) {
            rows.add(RowFactory.create(query, batchId, micros, m.metric(), m.action(), m.evaluated(), m.failed()));
        }
        StructType schema = StructType.fromDDL("query STRING, batch_id BIGINT, micros BIGINT, metric STRING,"
                + " action STRING, evaluated BIGINT, failed BIGINT");
        DeltaTxn.write(spark, appId, batchId, () -> spark.createDataFrame(rows, schema)
                .selectExpr("query", "batch_id", "timestamp_micros(micros) AS batch_kafka_ts", "metric", "action",
                        "evaluated", "failed")
                .write().format("delta").mode("append").save(location));
    }

    /**
     * The rows {@link #append} writes, in a fixed order: every decode status other than OK (and the expectation
     * status) of the domain's Bronze table, with zero failures when the batch had none, so rates summed over batches
     * have every batch in their denominator.
     */
    static List<Metric> metrics(String bronzeTable, Map<String, Map<Integer, Long>> statusAndSchema,
                                Map<String, long[]> expectations, Map<String, String> actions) {
        long total = statusAndSchema.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue)
                .sum();
        List<Metric> out = new ArrayList<>();
        java.util.TreeSet<String> statuses = new java.util.TreeSet<>(statusAndSchema.keySet());
        for (com.retailer.bluegreen.ingest.DecodeStatus s : com.retailer.bluegreen.ingest.DecodeStatus.values()) {
            statuses.add(s.name());
        }
        statuses.add(Expectations.FAILED_STATUS);
        statuses.remove("OK");
        for (String status : statuses) {
            long failed = statusAndSchema.getOrDefault(status, Map.of()).values().stream().mapToLong(Long::longValue)
                    .sum();
            out.add(new Metric(bronzeTable + "." + status.toLowerCase(java.util.Locale.ROOT), DECODE, total, failed));
        }
        java.util.TreeMap<Integer, Long> schemas = new java.util.TreeMap<>();
        statusAndSchema.values().forEach(m -> m.forEach((id, n) -> {
            if (id != null) {
                schemas.merge(id, n, Long::sum);
            }
        }));
        schemas.forEach((id, n) -> out.add(new Metric("writer_schema." + id, OBSERVED, n, 0)));
        expectations.forEach((name, c) -> out.add(new Metric(name, actions.get(name), c[0], c[1])));
        return out;
    }
}

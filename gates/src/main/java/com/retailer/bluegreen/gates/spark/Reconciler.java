package com.retailer.bluegreen.gates.spark;

import com.retailer.bluegreen.gates.GateErrors;
import com.retailer.bluegreen.gates.ReconciliationSql;

import com.retailer.bluegreen.gates.BronzeKeys;
import com.retailer.bluegreen.gates.ReconciliationSpec;
import com.retailer.bluegreen.gates.TableReconciliation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one keyed table in both colours at an offset cut ({@link ReconciliationSpec}): per colour one
 * aggregation over its Delta table giving, per UTC hour of business time, the count and the sum mod 2^64 of
 * {@code xxhash64} of each row's canonical form ({@link ReconciliationSql#canonical}). A sum, not an XOR: XOR lets
 * two copies of a row cancel, so a duplicated row would go unseen.
 *
 * <p>A key whose row is beyond the cut in <em>either</em> colour is left out of both: in the colour that is ahead,
 * a key updated beyond the cut holds its new state while the other colour holds the old one. Those keys are few (the
 * lag window), so each colour's set is computed by its own pruned scan and joined against. With {@link BronzeKeys},
 * keys touched by any Bronze record beyond the cut are left out too (see there why {@code shipments} needs it).
 *
 * <p>Both scans of a colour read one Delta version, pinned first, so a colour that keeps writing cannot move
 * between them. Spark 4 runs in ANSI mode, where a {@code BIGINT} sum overflows with an error, so hashes are summed
 * as {@code DECIMAL(38,0)} and reduced mod 2^64 here, which equals the wrapping sum.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final String PARTITION = ReconciliationSql.quote("src_partition");
    private static final String OFFSET = ReconciliationSql.quote("src_offset");

    private Reconciler() {
    }

    /** Reconciles {@code spec.table()} at the two Delta locations, excluding keys by the Silver rows alone. */
    public static TableReconciliation reconcile(SparkSession spark, String liveLocation, String candidateLocation,
                                                ReconciliationSpec spec) {
        return reconcile(spark, liveLocation, candidateLocation, spec, Optional.empty());
    }

    /** As {@link #reconcile(SparkSession, String, String, ReconciliationSpec)}, also excluding keys Bronze saw. */
    public static TableReconciliation reconcile(SparkSession spark, String liveLocation, String candidateLocation,
                                                ReconciliationSpec spec, BronzeKeys bronze) {
        return reconcile(spark, liveLocation, candidateLocation, spec, Optional.of(bronze));
    }

    private static TableReconciliation reconcile(SparkSession spark, String liveLocation, String candidateLocation,
                                                 ReconciliationSpec spec, Optional<BronzeKeys> bronze) {
        long started = System.nanoTime();
        long liveVersion = latestVersion(spark, liveLocation, spec.table());
        long candidateVersion = latestVersion(spark, candidateLocation, spec.table());
        Dataset<Row> live = read(spark, liveLocation, liveVersion, spec);
        Dataset<Row> candidate = read(spark, candidateLocation, candidateVersion, spec);

        Dataset<Row> touched = beyondKeys(live, spec, PARTITION, OFFSET, spec.keyColumns())
                .union(beyondKeys(candidate, spec, PARTITION, OFFSET, spec.keyColumns()));
        if (bronze.isPresent()) {
            for (String location : List.of(bronze.get().liveLocation(), bronze.get().candidateLocation())) {
                Dataset<Row> b = spark.read().format("delta")
                        .option("versionAsOf", latestVersion(spark, location, spec.table() + " (Bronze)"))
                        .load(location);
                touched = touched.union(beyondKeys(b, spec, ReconciliationSql.quote("partition"),
                        ReconciliationSql.quote("offset"), bronze.get().keyExpressions()));
            }
        }
        touched = touched.distinct().withColumn(ReconciliationSql.TOUCHED, lit(true));

        Map<Long, long[]> liveFigures = aggregate(live, touched, spec);
        Map<Long, long[]> candidateFigures = aggregate(candidate, touched, spec);
        List<TableReconciliation.Bucket> buckets = merge(liveFigures, candidateFigures);
        LOG.info("[gates] reconciled {} (live v{} at {}, candidate v{} at {}): {} hours in {} ms", spec.table(),
                liveVersion, liveLocation, candidateVersion, candidateLocation, buckets.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new TableReconciliation(spec.table(), liveVersion, candidateVersion, spec.lowerExclusive(), spec.cut(),
                spec.intended(), buckets);
    }

    private static long latestVersion(SparkSession spark, String location, String table) {
        if (!DeltaTable.isDeltaTable(spark, location)) {
            throw GateErrors.notADeltaTable(table, location);
        }
        return DeltaTable.forPath(spark, location).history(1).first().<Long>getAs("version");
    }

    private static Dataset<Row> read(SparkSession spark, String location, long version, ReconciliationSpec spec) {
        Dataset<Row> table = spark.read().format("delta").option("versionAsOf", version).load(location);
        TreeSet<String> have = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        have.addAll(Arrays.asList(table.columns()));
        List<String> needed = new ArrayList<>(spec.keyColumns());
        needed.add(spec.businessTimeColumn());
        needed.addAll(spec.comparedColumns());
        needed.addAll(ReconciliationSpec.SOURCE_COLUMNS);
        List<String> missing = needed.stream().filter(c -> !have.contains(c)).distinct().toList();
        if (!missing.isEmpty()) {
            throw GateErrors.columnsMissing(spec.table(), location, missing);
        }
        return table;
    }

    /** The keys of rows at or beyond the cut, as {@code __k0, __k1, …}. */
    private static Dataset<Row> beyondKeys(Dataset<Row> table, ReconciliationSpec spec, String partition,
                                           String offset, List<String> keyExpressions) {
        Column[] keys = new Column[keyExpressions.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = expr(keyExpressions.get(i)).as(ReconciliationSql.key(i));
        }
        Dataset<Row> out = table.where(ReconciliationSql.beyond(spec.cut(), partition, offset)).select(keys);
        for (int i = 0; i < keys.length; i++) {
            out = out.where(col(ReconciliationSql.key(i)).isNotNull());
        }
        return out;
    }

    /** Hour (epoch seconds, or null) → {rows, hash sum, beyond cut, key excluded} of one colour. */
    private static Map<Long, long[]> aggregate(Dataset<Row> table, Dataset<Row> touched, ReconciliationSpec spec) {
        List<Map.Entry<String, String>> typed = new ArrayList<>();
        for (String c : spec.comparedColumns()) {
            StructField f = Arrays.stream(table.schema().fields()).filter(x -> x.name().equalsIgnoreCase(c))
                    .findFirst().orElseThrow();
            typed.add(new AbstractMap.SimpleEntry<>(c, f.dataType().catalogString()));
        }
        List<Column> projection = new ArrayList<>();
        spec.keyColumns().forEach(k -> projection.add(col(k)));
        projection.add(expr(ReconciliationSql.bucket(spec.businessTimeColumn())).as(ReconciliationSql.BUCKET));
        projection.add(expr(ReconciliationSql.hash(typed)).as(ReconciliationSql.HASH));
        projection.add(expr(ReconciliationSql.beyond(spec.cut(), PARTITION, OFFSET)).as(ReconciliationSql.BEYOND));
        Dataset<Row> rows = table.where(ReconciliationSql.scan(spec.lowerExclusive(), spec.cut(), PARTITION, OFFSET))
                .select(projection.toArray(Column[]::new));
        Column on = lit(true);
        for (int i = 0; i < spec.keyColumns().size(); i++) {
            on = on.and(rows.col(spec.keyColumns().get(i)).eqNullSafe(touched.col(ReconciliationSql.key(i))));
        }
        String compared = "NOT " + ReconciliationSql.BEYOND + " AND " + ReconciliationSql.TOUCHED + " IS NULL";
        List<Row> result = rows.join(touched, on, "left").groupBy(ReconciliationSql.BUCKET).agg(
                expr("count_if(" + compared + ")"),
                expr("sum(IF(" + compared + ", CAST(" + ReconciliationSql.HASH + " AS DECIMAL(38,0)), 0))"),
                expr("count_if(" + ReconciliationSql.BEYOND + ")"),
                expr("count_if(NOT " + ReconciliationSql.BEYOND + " AND " + ReconciliationSql.TOUCHED
                        + " IS NOT NULL)")).collectAsList();
        Map<Long, long[]> out = new HashMap<>();
        for (Row r : result) {
            Long hour = r.isNullAt(0) ? null : r.getLong(0);
            // BigInteger.longValue keeps the low 64 bits: the sum mod 2^64 as a wrapping long.
            long hash = ((BigDecimal) r.get(2)).toBigInteger().longValue();
            out.put(hour, new long[] {r.getLong(1), hash, r.getLong(3), r.getLong(4)});
        }
        return out;
    }

    private static List<TableReconciliation.Bucket> merge(Map<Long, long[]> live, Map<Long, long[]> candidate) {
        TreeSet<Long> hours = new TreeSet<>(Comparator.nullsLast(Comparator.naturalOrder()));
        hours.addAll(live.keySet());
        hours.addAll(candidate.keySet());
        long[] none = new long[4];
        List<TableReconciliation.Bucket> out = new ArrayList<>();
        for (Long hour : hours) {
            long[] l = live.getOrDefault(hour, none);
            long[] c = candidate.getOrDefault(hour, none);
            out.add(new TableReconciliation.Bucket(hour == null ? null : Instant.ofEpochSecond(hour), l[0], c[0],
                    TableReconciliation.hex(l[1]), TableReconciliation.hex(c[1]), l[2], c[2], l[3], c[3]));
        }
        return out;
    }
}

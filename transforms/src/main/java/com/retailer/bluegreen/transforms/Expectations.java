package com.retailer.bluegreen.transforms;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.retailer.bluegreen.config.ConfigException;
import com.retailer.bluegreen.config.Expectation;
import com.retailer.bluegreen.ingest.bronze.Bronze;
import com.retailer.bluegreen.layout.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Data-quality expectations ({@link Expectation}) applied to one decoded Bronze batch of a domain: every valid record
 * is evaluated as the row it would contribute to Silver ({@link Silver#recordProjection}); a record passes when the
 * expression is true, and false or NULL fails it. Decode failures are not evaluated (they are quarantined already).
 *
 * <p>Per action, a failing record is counted ({@code warn}); kept out of Silver but left in Bronze with status OK
 * ({@code drop}); kept out of Silver and marked in Bronze with status {@value #FAILED_STATUS} and reason
 * {@code expectation:<name>}, so it shows in the quarantine view ({@code quarantine}); or fails the whole batch
 * before anything is written ({@link ExpectationFailedException}, {@code fail}). Everything is a projection of the
 * batch, so a replayed batch yields the same rows and counts.
 */
public final class Expectations {
    /** The Bronze status of a record a {@code quarantine} expectation kept out of Silver. */
    public static final String FAILED_STATUS = "EXPECTATION_FAILED";
    private static final String BRONZE = "__bronze";

    private Expectations() {
    }

    /**
     * One batch after its expectations.
     *
     * @param bronze      every record of the batch, in Bronze's columns, quarantined ones with their new status
     * @param silverInput the records that go on to Silver (valid and not dropped or quarantined), in Bronze's columns
     * @param counts      per expectation ({@link Expectation#qualifiedName}): records evaluated and failed
     */
    public record Outcome(Dataset<Row> bronze, Dataset<Row> silverInput, Map<String, long[]> counts) {
    }

    /**
     * Checks each expectation's SQL against the columns of the table's record rows without running anything:
     * returns one problem per expectation that does not parse, holds anything {@link ExpectationSql} does not allow
     * (checked before Spark resolves a name in it), does not resolve or is not boolean, naming its configuration key.
     */
    public static List<String> problems(SparkSession spark, Domain domain, List<Expectation> expectations) {
        List<String> problems = new ArrayList<>();
        if (expectations.isEmpty()) {
            return problems;
        }
        Dataset<Row> empty = records(spark.createDataFrame(List.of(), Bronze.schema(domain)), domain);
        List<String> columns = List.of(empty.columns());
        for (Expectation e : expectations) {
            Optional<String> refused = ExpectationSql.refusal(spark, e.table(), e.sql(), columns);
            if (refused.isPresent()) {
                problems.add(invalid(e, refused.get()));
                continue;
            }
            try {
                Dataset<Row> judged = empty.select(expr(e.sql()).as("x"));
                StructType out = judged.schema();
                Optional<String> analysed = ExpectationSql.refusal(judged.queryExecution().analyzed()
                        .expressions().head());
                if (analysed.isPresent()) {
                    problems.add(invalid(e, analysed.get() + ". " + ExpectationSql.allowed(e.table(), columns) + "."));
                } else if (!out.fields()[0].dataType().typeName().equals("boolean")) {
                    problems.add(invalid(e, "the expression is " + out.fields()[0].dataType().simpleString()
                            + ", expected a boolean expression over " + String.join(", ", columns) + "."));
                }
            } catch (Exception ex) { // Spark's AnalysisException is checked, though Java is not told
                String why = ex.getMessage() == null ? ex.toString() : ex.getMessage().lines().findFirst().orElse("");
                problems.add(invalid(e, why + ". Expected a boolean SQL expression over the columns of "
                        + e.table() + ": " + String.join(", ", columns) + "."));
            }
        }
        return problems;
    }

    private static String invalid(Expectation e, String why) {
        return "Invalid value '" + e.action().id() + ": " + e.sql() + "' for configuration 'quality.expectations."
                + e.table() + "." + e.name() + "': " + why;
    }

    /** The valid records of a Bronze batch as the rows they contribute to Silver. */
    private static Dataset<Row> records(Dataset<Row> bronze, Domain domain) {
        return bronze.where("decode_status = 'OK'").selectExpr(Silver.recordProjection(domain).toArray(String[]::new));
    }

    /**
     * Evaluates {@code expectations} on the batch. Counts are collected in one job; a {@code fail} expectation
     * with failures throws before the caller writes anything.
     *
     * @throws ExpectationFailedException if a {@code fail} expectation failed for any record
     */
    public static Outcome evaluate(Domain domain, Dataset<Row> bronze, List<Expectation> expectations, long batchId) {
        if (expectations.isEmpty()) {
            return new Outcome(bronze, bronze, Map.of());
        }
        refuseDisallowed(domain, bronze, expectations);
        List<String> projection = new ArrayList<>(Silver.recordProjection(domain));
        projection.add("struct(*) AS " + BRONZE);
        Dataset<Row> rows = bronze.where("decode_status = 'OK'").selectExpr(projection.toArray(String[]::new));
        for (int i = 0; i < expectations.size(); i++) {
            // The expression as parsed on its own, never spliced into other SQL text.
            rows = rows.withColumn(pass(i), coalesce(expr(expectations.get(i).sql()), lit(false)));
        }
        Map<String, long[]> counts = counts(rows, expectations);
        refuseFailures(domain, rows, expectations, counts, batchId);

        Column quarantinedBy = lit(null).cast("string");
        Column dropped = lit(false);
        for (int i = expectations.size() - 1; i >= 0; i--) {
            Expectation e = expectations.get(i);
            if (e.action() == Expectation.Action.QUARANTINE) {
                quarantinedBy = when(col(pass(i)).equalTo(false), lit("expectation:" + e.name()))
                        .otherwise(quarantinedBy);
            } else if (e.action() == Expectation.Action.DROP) {
                dropped = dropped.or(col(pass(i)).equalTo(false));
            }
        }
        Dataset<Row> judged = rows.select(col(BRONZE), quarantinedBy.as("__quarantined"), dropped.as("__dropped"));
        List<Column> bronzeColumns = new ArrayList<>();
        for (String c : bronze.columns()) {
            Column original = col(BRONZE + "." + c);
            bronzeColumns.add(switch (c) {
                case "decode_status" -> when(col("__quarantined").isNotNull(), lit(FAILED_STATUS))
                        .otherwise(original).as(c);
                case "reason" -> when(col("__quarantined").isNotNull(), col("__quarantined")).otherwise(original)
                        .as(c);
                default -> original.as(c);
            });
        }
        Dataset<Row> valid = judged.select(bronzeColumns.toArray(Column[]::new));
        Dataset<Row> out = bronze.where("decode_status <> 'OK'").unionByName(valid);
        Dataset<Row> silverInput = judged.where("__quarantined IS NULL AND NOT __dropped")
                .select(Arrays.stream(bronze.columns()).map(c -> col(BRONZE + "." + c).as(c)).toArray(Column[]::new));
        return new Outcome(out, silverInput, counts);
    }

    /**
     * The allow-list again, on every batch (parsing only): the job checks {@link #problems} before it writes
     * anything, and this keeps any other caller from evaluating what that check would refuse.
     */
    private static void refuseDisallowed(Domain domain, Dataset<Row> bronze, List<Expectation> expectations) {
        List<String> columns = List.of(records(bronze, domain).columns());
        List<String> problems = new ArrayList<>();
        for (Expectation e : expectations) {
            ExpectationSql.refusal(bronze.sparkSession(), e.table(), e.sql(), columns)
                    .ifPresent(why -> problems.add(invalid(e, why)));
        }
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
    }

    private static String pass(int i) {
        return "__pass" + i;
    }

    private static Map<String, long[]> counts(Dataset<Row> rows, List<Expectation> expectations) {
        List<Column> aggs = new ArrayList<>();
        for (int i = 0; i < expectations.size(); i++) {
            aggs.add(expr("count_if(NOT " + pass(i) + ")"));
        }
        Row r = rows.agg(expr("count(*)"), aggs.toArray(Column[]::new)).first();
        Map<String, long[]> out = new LinkedHashMap<>();
        for (int i = 0; i < expectations.size(); i++) {
            out.put(expectations.get(i).qualifiedName(), new long[] {r.getLong(0), r.getLong(i + 1)});
        }
        return out;
    }

    private static void refuseFailures(Domain domain, Dataset<Row> rows, List<Expectation> expectations,
                                       Map<String, long[]> counts, long batchId) {
        for (int i = 0; i < expectations.size(); i++) {
            Expectation e = expectations.get(i);
            long[] c = counts.get(e.qualifiedName());
            if (e.action() == Expectation.Action.FAIL && c[1] > 0) {
                List<String> sample = rows.where("NOT " + pass(i)).select("src_partition", "src_offset").limit(3)
                        .collectAsList().stream().map(r -> r.get(0) + "/" + r.get(1)).toList();
                throw new ExpectationFailedException("Batch " + batchId + " of " + domain.id() + " stopped:"
                        + " expectation " + e.qualifiedName() + " (action fail: " + e.sql() + ") failed for " + c[1]
                        + " of " + c[0] + " records, e.g. partition/offset " + sample + ". Nothing of the batch"
                        + " was written. Fix the data or the expectation (quality.expectations." + e.table() + "."
                        + e.name() + ", e.g. action quarantine), then restart the job: it re-runs the batch.");
            }
        }
    }
}

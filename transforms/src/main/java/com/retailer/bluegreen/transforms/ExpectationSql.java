package com.retailer.bluegreen.transforms;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What an expectation's SQL may contain: it is evaluated on every record of every batch, so it may read only the
 * record's own row and must give the same answer every time the batch is replayed. Checked on the parsed, not yet
 * analysed, expression ({@link #refusal(SparkSession, String, String, List)}), so nothing it names is looked up,
 * loaded or run before it is allowed: column references, literals, comparison, boolean and arithmetic operators,
 * {@code IN}, {@code BETWEEN}, {@code LIKE}/{@code ILIKE}/{@code RLIKE}, {@code IS [NOT] NULL}, {@code CASE},
 * {@code CAST}, {@code ||} and the deterministic built-in functions in {@link #FUNCTIONS}. Everything else is
 * refused: {@code reflect}, {@code java_method} and {@code try_reflect} (they call arbitrary Java), user-defined
 * and qualified functions, functions that read the clock, randomness or the environment ({@code current_*},
 * {@code now}, {@code rand}, {@code uuid}, …), aggregates, windows, generators, lambdas, subqueries and parameters.
 * After Spark has analysed an allowed expression, {@link #refusal(Expression)} checks once more that what it
 * resolved to is deterministic and calls no user-defined function (a session could register one under a
 * built-in's name).
 */
final class ExpectationSql {

    /** The functions an expectation may call, by their lower-case names. */
    static final SortedSet<String> FUNCTIONS = Collections.unmodifiableSortedSet(new TreeSet<>(List.of(
            // conditions and nulls
            "between", "coalesce", "equal_null", "greatest", "if", "ifnull", "isnan", "isnotnull", "isnull", "least",
            "nanvl", "nullif", "nvl", "nvl2",
            // casts by type name
            "bigint", "binary", "boolean", "date", "decimal", "double", "float", "int", "smallint", "string",
            "timestamp", "tinyint",
            // strings
            "ascii", "bit_length", "btrim", "char_length", "character_length", "chr", "concat", "concat_ws",
            "contains", "endswith", "ilike", "initcap", "instr", "lcase", "left", "len", "length", "like", "locate",
            "lower", "lpad", "ltrim", "octet_length", "position", "regexp", "regexp_count", "regexp_extract",
            "regexp_like", "regexp_replace", "repeat", "replace", "reverse", "right", "rlike", "rpad", "rtrim",
            "split_part", "startswith", "substr", "substring", "translate", "trim", "ucase", "upper",
            // numbers
            "abs", "bround", "ceil", "ceiling", "exp", "floor", "ln", "log", "log10", "log2", "mod", "negative",
            "pmod", "positive", "pow", "power", "round", "sign", "signum", "sqrt", "try_add", "try_divide",
            "try_multiply", "try_subtract",
            // hashes of the row's own values (deterministic: a stable sample of rows, say)
            "crc32", "hash", "md5", "sha1", "sha2", "xxhash64",
            // dates and times
            "add_months", "date_add", "date_diff", "date_format", "date_from_unix_date", "date_part", "date_sub",
            "date_trunc", "dateadd", "datediff", "datepart", "day", "dayofmonth", "dayofweek", "dayofyear",
            "extract", "from_unixtime", "hour", "last_day", "make_date", "make_timestamp", "minute", "month",
            "months_between", "next_day", "quarter", "second", "timestamp_micros", "timestamp_millis",
            "timestamp_seconds", "timestampadd", "timestampdiff", "to_date", "to_timestamp", "to_unix_timestamp",
            "trunc", "unix_date", "unix_micros", "unix_millis", "unix_seconds", "weekday", "weekofyear", "year")));

    /** Parsed expression nodes (Catalyst class names) an expectation may contain besides columns and calls. */
    private static final Set<String> NODES = Set.of(
            "Literal", "And", "Or", "Not", "EqualTo", "EqualNullSafe", "LessThan", "LessThanOrEqual", "GreaterThan",
            "GreaterThanOrEqual", "In", "IsNull", "IsNotNull", "IsUnknown", "IsNotUnknown", "Add", "Subtract",
            "Multiply", "Divide", "Remainder", "IntegralDivide", "UnaryMinus", "UnaryPositive", "BitwiseAnd",
            "BitwiseOr", "BitwiseXor", "BitwiseNot", "CaseWhen", "Cast", "Like", "ILike", "RLike", "LikeAny",
            "LikeAll", "NotLikeAny", "NotLikeAll", "Concat", "Substring", "StringTrim", "StringTrimLeft",
            "StringTrimRight", "StringLocate", "Overlay", "TimestampAdd", "TimestampDiff");

    private static final String CATALYST = "org.apache.spark.sql.catalyst.";

    /** Why a function that is not on the list is refused, where there is more to say than that. */
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("reflect", "reaches outside the row: it calls a Java method by reflection"),
            Map.entry("java_method", "reaches outside the row: it calls a Java method by reflection"),
            Map.entry("try_reflect", "reaches outside the row: it calls a Java method by reflection"),
            Map.entry("rand", "is not deterministic: a replayed batch must write the same rows"),
            Map.entry("randn", "is not deterministic: a replayed batch must write the same rows"),
            Map.entry("random", "is not deterministic: a replayed batch must write the same rows"),
            Map.entry("randstr", "is not deterministic: a replayed batch must write the same rows"),
            Map.entry("uniform", "is not deterministic: a replayed batch must write the same rows"),
            Map.entry("uuid", "is not deterministic: a replayed batch must write the same rows"),
            Map.entry("shuffle", "is not deterministic: a replayed batch must write the same rows"),
            Map.entry("now", "reads the clock: a replayed batch must write the same rows"),
            Map.entry("curdate", "reads the clock: a replayed batch must write the same rows"),
            Map.entry("current_date", "reads the clock: a replayed batch must write the same rows"),
            Map.entry("current_timestamp", "reads the clock: a replayed batch must write the same rows"),
            Map.entry("current_timezone", "reads the session: a replayed batch must write the same rows"),
            Map.entry("current_user", "reads the session: a replayed batch must write the same rows"),
            Map.entry("session_user", "reads the session: a replayed batch must write the same rows"),
            Map.entry("user", "reads the session: a replayed batch must write the same rows"),
            Map.entry("current_catalog", "reads the session: a replayed batch must write the same rows"),
            Map.entry("current_database", "reads the session: a replayed batch must write the same rows"),
            Map.entry("current_schema", "reads the session: a replayed batch must write the same rows"),
            Map.entry("unix_timestamp", "reads the clock when called without arguments: use unix_seconds(ts) or"
                    + " to_unix_timestamp(ts)"),
            Map.entry("localtimestamp", "reads the clock: a replayed batch must write the same rows"),
            Map.entry("monotonically_increasing_id", "depends on how the batch is split: a replayed batch must"
                    + " write the same rows"),
            Map.entry("spark_partition_id", "depends on how the batch is split: a replayed batch must write the same"
                    + " rows"),
            Map.entry("input_file_name", "reads outside the row"));

    private ExpectationSql() {
    }

    /**
     * Why the expectation {@code sql} over the columns of {@code table} is refused, as sentences ending in what to
     * do; empty when it parses and holds nothing but what {@link ExpectationSql} allows. Parses only: nothing in
     * {@code sql} is resolved or run.
     */
    static Optional<String> refusal(SparkSession spark, String table, String sql, List<String> columns) {
        Expression parsed;
        try {
            parsed = spark.sessionState().sqlParser().parseExpression(sql);
        } catch (Exception e) { // Spark's ParseException is checked, though Java is not told
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return Optional.of("it does not parse: " + why + ". Expected a boolean SQL expression over the columns"
                    + " of " + table + ": " + String.join(", ", columns) + ".");
        }
        Set<String> known = columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Deque<Expression> todo = new ArrayDeque<>(List.of(parsed));
        while (!todo.isEmpty()) {
            Expression e = todo.pop();
            Optional<String> refused = refusal(e, table, columns, known);
            if (refused.isPresent()) {
                return Optional.of(refused.get() + ". " + allowed(table, columns));
            }
            todo.addAll(CollectionConverters.asJava(e.children()));
        }
        return Optional.empty();
    }

    /**
     * Why the analysed form of an allowed expression is refused: it resolved to something not deterministic, or to
     * a user-defined function; empty when neither.
     */
    static Optional<String> refusal(Expression analysed) {
        Deque<Expression> todo = new ArrayDeque<>(List.of(analysed));
        while (!todo.isEmpty()) {
            Expression e = todo.pop();
            if (e instanceof UserDefinedExpression) {
                return Optional.of("it resolves to the user-defined function " + e.prettyName()
                        + ", which the pipeline does not allow in an expectation");
            }
            List<Expression> children = CollectionConverters.asJava(e.children());
            boolean source = !e.deterministic() && children.stream().allMatch(Expression::deterministic);
            if (source || e.getClass().getSimpleName().startsWith("Current")) {
                return Optional.of("it resolves to " + e.prettyName() + ", which is not deterministic: a replayed"
                        + " batch must write the same rows");
            }
            todo.addAll(children);
        }
        return Optional.empty();
    }

    /** What an expectation may use, as the sentence a refusal ends with. */
    static String allowed(String table, List<String> columns) {
        return "An expectation may use only the columns of " + table + " (" + String.join(", ", columns) + "),"
                + " literals, comparison, boolean and arithmetic operators, IN, BETWEEN, LIKE, ILIKE, RLIKE,"
                + " IS [NOT] NULL, CASE, CAST, || and the deterministic built-in functions listed in"
                + " docs/configuration.md (such as coalesce, length, lower, upper, trim, substring, abs, round, to_date,"
                + " date_add, datediff); rewrite it with those";
    }

    private static Optional<String> refusal(Expression e, String table, List<String> columns, Set<String> known) {
        if (e instanceof UnresolvedAttribute a) {
            List<String> parts = CollectionConverters.asJava(a.nameParts());
            if (!known.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
                return Optional.of("it reads '" + a.name() + "', which is not a column of " + table);
            }
            return Optional.empty();
        }
        if (e instanceof UnresolvedFunction f) {
            List<String> parts = CollectionConverters.asJava(f.nameParts());
            String name = String.join(".", parts).toLowerCase(Locale.ROOT);
            if (parts.size() != 1) {
                return Optional.of("it calls " + name + ": a qualified function name names a catalog function, and"
                        + " only unqualified built-in functions are allowed");
            }
            if (!FUNCTIONS.contains(name)) {
                return Optional.of("it calls " + name + ", which " + WHY.getOrDefault(name, "is not on the list of"
                        + " allowed functions (user-defined functions, aggregates, generators and functions that read"
                        + " outside the row are not)"));
            }
            return Optional.empty();
        }
        String kind = e.getClass().getSimpleName();
        boolean catalyst = e.getClass().getName().startsWith(CATALYST + "expressions.")
                || e.getClass().getName().startsWith(CATALYST + "analysis.");
        if (catalyst && NODES.contains(kind)) {
            return Optional.empty();
        }
        if (kind.endsWith("Subquery") || kind.equals("Exists") || kind.equals("ListQuery")) {
            return Optional.of("it holds a subquery, which reads other tables");
        }
        if (kind.startsWith("Current") || kind.equals("Now") || kind.equals("LocalTimestamp")) {
            return Optional.of("it calls " + e.prettyName() + ", which reads the clock or the session: a replayed"
                    + " batch must write the same rows");
        }
        return Optional.of("it uses " + e.prettyName() + " (" + kind + "), which is not allowed");
    }
}

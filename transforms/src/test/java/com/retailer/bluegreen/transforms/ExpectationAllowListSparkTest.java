package com.retailer.bluegreen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.ConfigException;
import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.Expectation;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.ingest.bronze.Bronze;
import com.retailer.bluegreen.layout.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An expectation is SQL from configuration, run on every record: each attack below is configured as an expectation
 * and must be refused at job start ({@link Expectations#problems}) and again if evaluated anyway
 * ({@link Expectations#evaluate}), naming the key, what it calls and what is allowed, with nothing run. The
 * expectations the shipped configuration files declare, and the everyday forms, still pass.
 */
@Tag("spark")
class ExpectationAllowListSparkTest {
    private static final String PWNED = "bluegreen.test.pwned";
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("expectation-allow-list-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(PWNED);
    }

    private static Expectation expect(String sql) {
        return new Expectation("inventory_movements", "attack", Expectation.Action.WARN, sql);
    }

    private static String onlyProblem(SparkSession session, String sql) {
        List<String> problems = Expectations.problems(session, Domain.INVENTORY, List.of(expect(sql)));
        assertEquals(1, problems.size(), sql + " should be refused: " + problems);
        String p = problems.get(0);
        assertTrue(p.startsWith("Invalid value 'warn: " + sql + "' for configuration"
                + " 'quality.expectations.inventory_movements.attack': "), p);
        return p;
    }

    @Test
    void reflect_is_refused_before_it_can_call_java() {
        String sql = "reflect('java.lang.System', 'setProperty', '" + PWNED + "', 'yes') IS NULL";
        String p = onlyProblem(spark, sql);
        assertTrue(p.contains("it calls reflect, which reaches outside the row: it calls a Java method by"
                + " reflection. An expectation may use only the columns of inventory_movements (event_id, sku,"), p);
        assertTrue(p.contains("and the deterministic built-in functions listed in docs/configuration.md"), p);
        assertThrows(ConfigException.class, () -> Expectations.evaluate(Domain.INVENTORY, batch(),
                List.of(expect(sql)), 1).silverInput().count());
        assertNull(System.getProperty(PWNED), "the method was never called");
        assertTrue(onlyProblem(spark, "reflect('java.lang.Runtime','getRuntime') IS NOT NULL")
                .contains("it calls reflect,"));
    }

    @Test
    void java_method_and_try_reflect_are_refused() {
        assertTrue(onlyProblem(spark, "java_method('java.lang.System', 'setProperty', '" + PWNED + "', 'yes') = ''")
                .contains("it calls java_method, which reaches outside the row"));
        assertTrue(onlyProblem(spark, "try_reflect('java.lang.System', 'getenv', 'HOME') IS NULL")
                .contains("it calls try_reflect, which reaches outside the row"));
        assertNull(System.getProperty(PWNED));
    }

    @Test
    void randomness_and_the_clock_are_refused_because_a_replayed_batch_must_write_the_same_rows() {
        assertTrue(onlyProblem(spark, "rand() < 0.5").contains("it calls rand, which is not deterministic: a"
                + " replayed batch must write the same rows."));
        assertTrue(onlyProblem(spark, "uuid() <> ''").contains("it calls uuid, which is not deterministic"));
        assertTrue(onlyProblem(spark, "event_ts < now()").contains("it calls now, which reads the clock"));
        assertTrue(onlyProblem(spark, "event_date <= current_date()").contains("it calls current_date, which reads"
                + " the clock"));
        assertTrue(onlyProblem(spark, "current_user() = 'etl'").contains("it calls current_user, which reads the"
                + " session"));
        assertTrue(onlyProblem(spark, "event_date <= current_date").contains("it reads 'current_date', which is not"
                + " a column of inventory_movements"));
        assertTrue(onlyProblem(spark, "unix_timestamp() > 0").contains("it calls unix_timestamp, which reads the"
                + " clock when called without arguments"));
    }

    @Test
    void a_subquery_is_refused() {
        assertTrue(onlyProblem(spark, "sku IN (SELECT sku FROM inventory_movements)")
                .contains("it holds a subquery, which reads other tables"));
        assertTrue(onlyProblem(spark, "quantity_delta < (SELECT max(on_hand) FROM inventory_on_hand)")
                .contains("it holds a subquery"));
        assertTrue(onlyProblem(spark, "EXISTS (SELECT 1)").contains("it holds a subquery"));
    }

    @Test
    void an_unknown_qualified_or_aggregate_function_is_refused() {
        assertTrue(onlyProblem(spark, "frobnicate(sku)").contains("it calls frobnicate, which is not on the list of"
                + " allowed functions"));
        assertTrue(onlyProblem(spark, "system.builtin.reflect('java.lang.System', 'exit', 1) IS NULL")
                .contains("it calls system.builtin.reflect: a qualified function name"));
        assertTrue(onlyProblem(spark, "count(*) > 0").contains("it calls count, which is not on the list"));
        assertTrue(onlyProblem(spark, "max(quantity_delta) OVER () > 0").contains("(WindowExpression), which is"
                + " not allowed"));
        assertTrue(onlyProblem(spark, "transform(array(quantity_delta), x -> x + 1) IS NOT NULL")
                .contains("it calls transform, which is not on the list"));
    }

    @Test
    void a_udf_registered_under_a_built_in_name_is_refused_once_resolved() {
        SparkSession session = spark.newSession();
        session.udf().register("upper", (UDF1<String, String>) s -> {
            System.setProperty(PWNED, "yes");
            return s;
        }, DataTypes.StringType);
        String p = onlyProblem(session, "upper(sku) = 'SKU-1'");
        assertTrue(p.contains("it resolves to the user-defined function"), p);
        assertNull(System.getProperty(PWNED), "the UDF was never run");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sku IS NOT NULL AND length(trim(sku)) > 0",
        "quantity_delta BETWEEN -1000 AND 1000",
        "quantity_delta NOT BETWEEN 1 AND 2 OR reason IS NULL",
        "reason IN ('restock', 'sale') OR reason LIKE 're%' OR reason RLIKE '^x' OR reason ILIKE 'R%'",
        "CASE WHEN quantity_delta > 0 THEN reason <> '' ELSE true END",
        "CAST(quantity_delta AS BIGINT) % 2 = 0 OR quantity_delta::double / 2 > 0",
        "coalesce(nullif(reason, ''), 'none') <> 'x' AND nvl(warehouse_id, '') = warehouse_id",
        "to_date(event_ts) = event_date AND datediff(event_date, DATE'2020-01-01') >= 0",
        "year(event_date) > 2000 AND date_add(event_date, 1) > event_date AND hour(event_ts) >= 0",
        "abs(round(quantity_delta / 3, 1)) >= 0 AND -quantity_delta <= abs(quantity_delta)",
        "upper(substring(sku, 1, 3)) = 'SKU' OR lower(sku) || '-x' <> '' OR sku IS DISTINCT FROM event_id",
        "substring(sku FROM 1 FOR 2) <> '' AND trim(BOTH ' ' FROM sku) <> '' AND position('-' IN sku) >= 0",
        "event_ts < timestampadd(HOUR, 1, event_ts) AND extract(YEAR FROM event_date) > 0 AND src_offset >= 0",
    })
    void everyday_expressions_over_the_rows_columns_pass(String sql) {
        assertEquals(List.of(), Expectations.problems(spark, Domain.INVENTORY, List.of(expect(sql))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local.yaml", "databricks.yaml"})
    void the_expectations_of_the_shipped_configuration_files_pass(String file) {
        PipelineConfig config = ConfigLoader.load(Path.of(System.getProperty("basedir", "."), "..", "conf", file)
                .normalize());
        int checked = 0;
        for (Domain d : Domain.values()) {
            List<Expectation> declared = config.quality().of(d.silverTable());
            assertEquals(List.of(), Expectations.problems(spark, d, declared), file);
            checked += declared.size();
        }
        assertTrue(checked >= 3, file + " declares expectations");
    }

    @Test
    void a_refusal_is_a_configuration_error() {
        ConfigException e = assertThrows(ConfigException.class, () -> Expectations.evaluate(Domain.INVENTORY, batch(),
                List.of(expect("rand() < 0.5")), 1));
        assertEquals(ErrorCode.BAD_CONFIG, e.code());
    }

    /** docs/configuration.md lists every allowed function, so the refusal's pointer to it is true. */
    @Test
    void the_configuration_reference_lists_every_allowed_function() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("basedir", "."), "..", "docs", "configuration.md")
                .normalize());
        List<String> missing = new ArrayList<>();
        for (String f : ExpectationSql.FUNCTIONS) {
            if (!doc.contains("`" + f + "`")) {
                missing.add(f);
            }
        }
        assertEquals(List.of(), missing, "functions missing from docs/configuration.md");
    }

    private static org.apache.spark.sql.Dataset<Row> batch() {
        Row payload = RowFactory.create("e-0", "sku-0", "w-1", 5, "restock", 1_763_640_000_000L);
        return spark.createDataFrame(List.of(RowFactory.create("inventory.events", 0, 0L, null, null, null,
                new byte[] {0}, 1, "OK", null, 7L, payload)), Bronze.schema(Domain.INVENTORY));
    }
}

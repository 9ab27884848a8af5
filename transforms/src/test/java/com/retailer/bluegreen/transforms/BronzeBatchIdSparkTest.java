package com.retailer.bluegreen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.retailer.bluegreen.ingest.bronze.Bronze;
import com.retailer.bluegreen.layout.Domain;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Bronze batch id is a function value rather than an inlined literal (so every batch reuses its decode stage's
 * generated code): each batch's rows still carry that batch's id, in a non-null column, whichever batch ran before.
 */
class BronzeBatchIdSparkTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = HandMade.deltaSession("bronze-batch-id-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void every_row_of_a_batch_carries_that_batch_id() {
        StructType kafka = new StructType().add("topic", DataTypes.StringType).add("partition", DataTypes.IntegerType)
                .add("offset", DataTypes.LongType).add("timestamp", DataTypes.TimestampType)
                .add("key", DataTypes.BinaryType).add("value", DataTypes.BinaryType);
        // Not Confluent wire format (no magic byte 0): decoded without asking the registry, as BAD_MAGIC.
        Dataset<Row> records = spark.createDataFrame(List.of(
                RowFactory.create("orders.cdc", 0, 7L, Timestamp.valueOf("2026-11-20 12:00:00"), null,
                        new byte[] {9, 1, 2}),
                RowFactory.create("orders.cdc", 1, 8L, Timestamp.valueOf("2026-11-20 12:00:01"), null,
                        new byte[] {9, 3, 4})), kafka);
        for (long batchId : new long[] {41, 42, 0}) {
            Dataset<Row> bronze = Bronze.decode(records, Domain.ORDERS, "http://127.0.0.1:9", Duration.ofSeconds(1),
                    batchId);
            assertFalse(bronze.schema().apply("batch_id").nullable());
            List<Row> rows = bronze.select("offset", "batch_id", "decode_status").orderBy("offset").collectAsList();
            assertEquals(List.of(RowFactory.create(7L, batchId, "BAD_MAGIC"), RowFactory.create(8L, batchId,
                    "BAD_MAGIC")), rows);
        }
    }
}

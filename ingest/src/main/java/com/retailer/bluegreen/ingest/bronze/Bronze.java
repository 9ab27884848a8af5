package com.retailer.bluegreen.ingest.bronze;

import com.retailer.bluegreen.storage.DeltaTxn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import com.retailer.bluegreen.ingest.ReaderSchemas;
import com.retailer.bluegreen.layout.Domain;
import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Kafka records to Bronze rows: one row per record, always, with its coordinates, raw bytes, decode status and
 * (when it decoded) the reader-resolved payload. Quarantine is the Bronze rows whose status is not OK.
 */
public final class Bronze {
    private Bronze() {
    }

    /** The Spark type of a domain's decoded payload, derived from its Avro reader schema. */
    public static StructType payloadType(Domain domain) {
        return AvroRows.structOf(ReaderSchemas.forDomain(domain));
    }

    /** Bronze table schema for a domain (column order as written). */
    public static StructType schema(Domain domain) {
        return new StructType()
                .add("topic", DataTypes.StringType, false)
                .add("partition", DataTypes.IntegerType, false)
                .add("offset", DataTypes.LongType, false)
                .add("kafka_ts", DataTypes.TimestampType, true)
                .add("kafka_date", DataTypes.DateType, true)
                .add("key", DataTypes.BinaryType, true)
                .add("value", DataTypes.BinaryType, true)
                .add("schema_id", DataTypes.IntegerType, true)
                .add("decode_status", DataTypes.StringType, false)
                .add("reason", DataTypes.StringType, true)
                .add("batch_id", DataTypes.LongType, false)
                .add("payload", payloadType(domain), true);
    }

    /**
     * Decodes a Kafka micro-batch (columns of the Spark Kafka source) into Bronze rows. The decode UDF is marked
     * non-deterministic so the optimizer evaluates it once per record; a transient registry failure throws and
     * fails the batch.
     */
    public static Dataset<Row> decode(Dataset<Row> kafka, Domain domain, String registryUrl, Duration timeout,
                                      long batchId) {
        return decode(kafka, domain, registryUrl, timeout, "", batchId);
    }

    /**
     * {@link #decode(Dataset, Domain, String, Duration, long)} against a registry that authenticates its clients:
     * {@code authorization} is the {@code Authorization} header of every registry request ({@code Basic …} or
     * {@code Bearer …}), empty for none.
     */
    public static Dataset<Row> decode(Dataset<Row> kafka, Domain domain, String registryUrl, Duration timeout,
                                      String authorization, long batchId) {
        UserDefinedFunction udf = org.apache.spark.sql.functions.udf(
                        new DecodeUdf(domain, registryUrl, timeout.toMillis(), authorization),
                        DecodeUdf.resultType(payloadType(domain)))
                .asNondeterministic();
        Column decoded = udf.apply(col("value"));
        return kafka.select(col("topic"), col("partition"), col("offset"), col("timestamp").as("kafka_ts"),
                        col("key"), col("value"), decoded.as("d"))
                .select(col("topic"), col("partition"), col("offset"), col("kafka_ts"),
                        expr(SqlDates.utcDateOf("kafka_ts")).as("kafka_date"),
                        col("key"), col("value"),
                        col("d.schema_id").as("schema_id"), col("d.decode_status").as("decode_status"),
                        col("d.reason").as("reason"), batchIdColumn(batchId).as("batch_id"),
                        col("d.payload").as("payload"));
    }

    /**
     * The batch id as a column whose generated code is the same for every batch. A literal would be inlined into
     * the generated Java, so every batch would miss Spark's code cache and compile its decode stage anew (Janino,
     * then the JIT); a function's value is passed by reference instead.
     */
    static Column batchIdColumn(long batchId) {
        return org.apache.spark.sql.functions.udf((UDF0<Long>) () -> batchId, DataTypes.LongType)
                .asNonNullable().apply();
    }

    /** Appends Bronze rows in one commit carrying (appId, batchId). */
    public static void append(Dataset<Row> bronze, String tableLocation, String appId, long batchId) {
        DeltaTxn.write(bronze.sparkSession(), appId, batchId,
                () -> bronze.write().format("delta").mode("append").save(tableLocation));
    }
}

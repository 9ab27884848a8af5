package com.retailer.bluegreen.ingest.bronze;

import com.retailer.bluegreen.ingest.DecodeResult;
import com.retailer.bluegreen.ingest.RecordDecoder;
import com.retailer.bluegreen.ingest.SchemaRegistries;
import com.retailer.bluegreen.layout.Domain;
import java.time.Duration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Decodes one Kafka value into (schema_id, decode_status, reason, payload). Runs on executors. */
final class DecodeUdf implements UDF1<byte[], Row> {
    private static final long serialVersionUID = 1L;
    private final Domain domain;
    private final String registryUrl;
    private final long timeoutMs;
    /** The registry's Authorization header, or empty; goes to the executors with the function. */
    private final String authorization;
    private transient RecordDecoder decoder;

    DecodeUdf(Domain domain, String registryUrl, long timeoutMs, String authorization) {
        this.domain = domain;
        this.registryUrl = registryUrl;
        this.timeoutMs = timeoutMs;
        this.authorization = authorization;
    }

    static StructType resultType(StructType payload) {
        return new StructType()
                .add("schema_id", DataTypes.IntegerType, true)
                .add("decode_status", DataTypes.StringType, false)
                .add("reason", DataTypes.StringType, true)
                .add("payload", payload, true);
    }

    @Override
    public Row call(byte[] value) {
        if (decoder == null) {
            decoder = new RecordDecoder(domain, SchemaRegistries.open(registryUrl, Duration.ofMillis(timeoutMs),
                    authorization));
        }
        DecodeResult r = decoder.decode(value);
        Row payload = r.record() == null ? null : AvroRows.rowOf(r.record());
        return RowFactory.create(r.schemaId(), r.status().name(), r.reason(), payload);
    }
}

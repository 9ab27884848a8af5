package com.retailer.bluegreen.ingest.bronze;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Maps the pipeline's Avro reader schemas to Spark structs and decoded records to rows. Only the shapes the
 * reader schemas use are supported (records, nullable unions, primitives); anything else is a programming error
 * caught by the unit test that maps every reader schema.
 */
final class AvroRows {
    private AvroRows() {
    }

    static StructType structOf(Schema record) {
        List<StructField> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            Schema s = f.schema();
            boolean nullable = isNullableUnion(s);
            // Every payload field is nullable in Spark: Delta enforces nested NOT NULL even under a null parent
            // struct (e.g. an absent CDC "before" image), and Bronze must accept every decodable record.
            fields.add(DataTypes.createStructField(f.name(), typeOf(nullable ? nonNull(s) : s), true));
        }
        return DataTypes.createStructType(fields);
    }

    static Row rowOf(GenericRecord record) {
        List<Schema.Field> fields = record.getSchema().getFields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = valueOf(record.get(i));
        }
        return RowFactory.create(values);
    }

    private static Object valueOf(Object v) {
        if (v instanceof GenericRecord r) {
            return rowOf(r);
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        if (v instanceof ByteBuffer bb) {
            byte[] out = new byte[bb.remaining()];
            bb.duplicate().get(out);
            return out;
        }
        return v;
    }

    private static DataType typeOf(Schema s) {
        return switch (s.getType()) {
            case RECORD -> structOf(s);
            case STRING, ENUM -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case BOOLEAN -> DataTypes.BooleanType;
            case DOUBLE -> DataTypes.DoubleType;
            case FLOAT -> DataTypes.FloatType;
            case BYTES -> DataTypes.BinaryType;
            default -> throw new IllegalArgumentException("Avro type " + s.getType() + " is not supported in payloads");
        };
    }

    private static boolean isNullableUnion(Schema s) {
        return s.getType() == Schema.Type.UNION && s.getTypes().size() == 2
                && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}

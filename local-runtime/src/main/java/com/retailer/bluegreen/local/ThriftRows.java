package com.retailer.bluegreen.local;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hive.service.rpc.thrift.TBinaryColumn;
import org.apache.hive.service.rpc.thrift.TBoolColumn;
import org.apache.hive.service.rpc.thrift.TByteColumn;
import org.apache.hive.service.rpc.thrift.TColumn;
import org.apache.hive.service.rpc.thrift.TColumnDesc;
import org.apache.hive.service.rpc.thrift.TDoubleColumn;
import org.apache.hive.service.rpc.thrift.TI16Column;
import org.apache.hive.service.rpc.thrift.TI32Column;
import org.apache.hive.service.rpc.thrift.TI64Column;
import org.apache.hive.service.rpc.thrift.TPrimitiveTypeEntry;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.hive.service.rpc.thrift.TStringColumn;
import org.apache.hive.service.rpc.thrift.TTableSchema;
import org.apache.hive.service.rpc.thrift.TTypeDesc;
import org.apache.hive.service.rpc.thrift.TTypeEntry;
import org.apache.hive.service.rpc.thrift.TTypeId;
import org.apache.hive.service.rpc.thrift.TTypeQualifierValue;
import org.apache.hive.service.rpc.thrift.TTypeQualifiers;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Spark results in the HiveServer2 wire format: the result schema as {@link TTableSchema} and rows as a columnar
 * {@link TRowSet} (protocol V6 and later), one typed Thrift column per result column with a null bitmap.
 *
 * <p>Numbers and booleans travel as their Thrift types; decimals, dates and timestamps as strings in the form Hive
 * JDBC parses ({@code 2026-11-20 12:00:00.0}, timestamps rendered in the session time zone); complex types (arrays,
 * maps, structs) as their string form.
 */
final class ThriftRows {
    private ThriftRows() {
    }

    static TTableSchema schema(StructType schema) {
        TTableSchema t = new TTableSchema();
        int pos = 1;
        for (StructField f : schema.fields()) {
            TColumnDesc c = new TColumnDesc(f.name(), typeDesc(f.dataType()), pos++);
            f.getComment().foreach(comment -> {
                c.setComment(comment);
                return null;
            });
            t.addToColumns(c);
        }
        return t;
    }

    private static TTypeDesc typeDesc(DataType type) {
        TPrimitiveTypeEntry entry = new TPrimitiveTypeEntry(typeId(type));
        if (type instanceof DecimalType d) {
            TTypeQualifiers q = new TTypeQualifiers();
            q.setQualifiers(Map.of("precision", TTypeQualifierValue.i32Value(d.precision()),
                    "scale", TTypeQualifierValue.i32Value(d.scale())));
            entry.setTypeQualifiers(q);
        }
        TTypeDesc desc = new TTypeDesc();
        desc.addToTypes(TTypeEntry.primitiveEntry(entry));
        return desc;
    }

    private static TTypeId typeId(DataType type) {
        if (type instanceof BooleanType) {
            return TTypeId.BOOLEAN_TYPE;
        } else if (type instanceof ByteType) {
            return TTypeId.TINYINT_TYPE;
        } else if (type instanceof ShortType) {
            return TTypeId.SMALLINT_TYPE;
        } else if (type instanceof IntegerType) {
            return TTypeId.INT_TYPE;
        } else if (type instanceof LongType) {
            return TTypeId.BIGINT_TYPE;
        } else if (type instanceof FloatType) {
            return TTypeId.FLOAT_TYPE;
        } else if (type instanceof DoubleType) {
            return TTypeId.DOUBLE_TYPE;
        } else if (type instanceof DecimalType) {
            return TTypeId.DECIMAL_TYPE;
        } else if (type instanceof DateType) {
            return TTypeId.DATE_TYPE;
        } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return TTypeId.TIMESTAMP_TYPE;
        } else if (type instanceof BinaryType) {
            return TTypeId.BINARY_TYPE;
        }
        return TTypeId.STRING_TYPE;
    }

    /** Rows {@code [from, to)} of {@code rows} as one column per result column. */
    static TRowSet rowSet(StructType schema, List<Row> rows, int from, int to, ZoneId zone) {
        TRowSet set = new TRowSet(from, new ArrayList<>());
        StructField[] fields = schema.fields();
        for (int c = 0; c < fields.length; c++) {
            set.addToColumns(column(fields[c].dataType(), rows.subList(from, to), c, zone));
        }
        return set;
    }

    private static TColumn column(DataType type, List<Row> rows, int c, ZoneId zone) {
        ByteBuffer nulls = nulls(rows, c);
        if (type instanceof BooleanType) {
            return TColumn.boolVal(new TBoolColumn(values(rows, c, v -> (Boolean) v, false), nulls));
        } else if (type instanceof ByteType) {
            return TColumn.byteVal(new TByteColumn(values(rows, c, v -> (Byte) v, (byte) 0), nulls));
        } else if (type instanceof ShortType) {
            return TColumn.i16Val(new TI16Column(values(rows, c, v -> (Short) v, (short) 0), nulls));
        } else if (type instanceof IntegerType) {
            return TColumn.i32Val(new TI32Column(values(rows, c, v -> (Integer) v, 0), nulls));
        } else if (type instanceof LongType) {
            return TColumn.i64Val(new TI64Column(values(rows, c, v -> (Long) v, 0L), nulls));
        } else if (type instanceof FloatType) {
            // Through the float's decimal string, so 0.1f arrives as 0.1 and not 0.10000000149011612.
            return TColumn.doubleVal(new TDoubleColumn(values(rows, c, v -> Double.valueOf(v.toString()), 0.0),
                    nulls));
        } else if (type instanceof DoubleType) {
            return TColumn.doubleVal(new TDoubleColumn(values(rows, c, v -> (Double) v, 0.0), nulls));
        } else if (type instanceof BinaryType) {
            return TColumn.binaryVal(new TBinaryColumn(values(rows, c, v -> ByteBuffer.wrap((byte[]) v),
                    ByteBuffer.allocate(0)), nulls));
        }
        return TColumn.stringVal(new TStringColumn(values(rows, c, v -> text(v, zone), ""), nulls));
    }

    private static <T> List<T> values(List<Row> rows, int c, Function<Object, T> convert, T ifNull) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.isNullAt(c) ? ifNull : convert.apply(r.get(c)));
        }
        return out;
    }

    /** Bit i (least significant bit first within each byte) set when row i is null, as Hive's readers decode it. */
    private static ByteBuffer nulls(List<Row> rows, int c) {
        byte[] bits = new byte[(rows.size() + 7) / 8];
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).isNullAt(c)) {
                bits[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return ByteBuffer.wrap(bits);
    }

    private static String text(Object v, ZoneId zone) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        } else if (v instanceof Instant i) {
            return Timestamp.valueOf(LocalDateTime.ofInstant(i, zone)).toString();
        } else if (v instanceof LocalDateTime t) {
            return Timestamp.valueOf(t).toString();
        }
        // String, LocalDate, java.sql.Date, java.sql.Timestamp (already in the JVM's zone), arrays, maps, rows.
        return String.valueOf(v);
    }
}

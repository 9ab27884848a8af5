package com.retailer.bluegreen.ingest.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.ingest.ReaderSchemas;
import com.retailer.bluegreen.layout.Domain;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class AvroRowsTest {

    @Test
    void everyReaderSchemaMapsToAStructWithTheSameFieldsAllNullable() {
        for (Domain d : Domain.values()) {
            Schema reader = ReaderSchemas.forDomain(d);
            StructType struct = AvroRows.structOf(reader);
            assertEquals(reader.getFields().size(), struct.fields().length, d.id());
            for (int i = 0; i < struct.fields().length; i++) {
                assertEquals(reader.getFields().get(i).name(), struct.fields()[i].name());
                assertTrue(struct.fields()[i].nullable(), "Delta checks nested NOT NULL under null parents");
            }
        }
    }

    @Test
    void theOrderImageUnionBecomesANullableStructAndLongsStayLongs() {
        StructType orders = AvroRows.structOf(ReaderSchemas.forDomain(Domain.ORDERS));
        assertTrue(orders.apply("after").dataType() instanceof StructType);
        assertEquals(DataTypes.LongType, orders.apply("seq").dataType());
        assertEquals(DataTypes.IntegerType,
                ((StructType) orders.apply("after").dataType()).apply("quantity").dataType());
    }

    @Test
    void aDecodedRecordBecomesARowWithJavaStringsAndNestedRows() {
        Schema reader = ReaderSchemas.forDomain(Domain.ORDERS);
        Schema image = reader.getField("after").schema().getTypes().get(1);
        GenericRecord after = new GenericData.Record(image);
        for (Schema.Field f : image.getFields()) {
            after.put(f.name(), switch (f.schema().getType()) {
                case INT -> 3;
                case LONG -> 42L;
                default -> new Utf8("x-" + f.name());
            });
        }
        GenericRecord change = new GenericData.Record(reader);
        change.put("op", new Utf8("c"));
        change.put("order_id", new Utf8("o-1"));
        change.put("seq", 7L);
        change.put("source_ts_ms", 1000L);
        change.put("before", null);
        change.put("after", after);
        Row row = AvroRows.rowOf(change);
        assertEquals("c", row.get(0));
        assertEquals(7L, row.get(2));
        assertNull(row.get(4));
        Row img = row.getStruct(5);
        assertEquals("x-region", img.get(image.getField("region").pos()));
        assertEquals(3, img.get(image.getField("quantity").pos()));
    }
}

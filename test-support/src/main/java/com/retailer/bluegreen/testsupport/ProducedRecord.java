package com.retailer.bluegreen.testsupport;

/**
 * A generated record after the broker acknowledged it: its partition, offset and Kafka timestamp (CreateTime, the
 * producer's clock when it was sent).
 */
public record ProducedRecord(GeneratedRecord record, int partition, long offset, long timestampMs) {

    /** The record's Bronze coordinates. */
    public Coord coord() {
        return new Coord(record.topic(), partition, offset);
    }
}

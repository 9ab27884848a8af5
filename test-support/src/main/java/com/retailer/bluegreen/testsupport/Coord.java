package com.retailer.bluegreen.testsupport;

/** Where a record sits in Kafka, and so in Bronze: {@code (topic, partition, offset)}. */
public record Coord(String topic, int partition, long offset) {

    /** Mixes the fields: the default record hash collides heavily for dense offsets on a few partitions. */
    @Override
    public int hashCode() {
        long h = (topic.hashCode() * 31L + partition) * 0x9E3779B97F4A7C15L + offset * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }
}

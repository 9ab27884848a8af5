package com.retailer.bluegreen.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spark settings of a colour job.
 *
 * @param shufflePartitions {@code spark.sql.shuffle.partitions}; stored in each checkpoint, so a change applies only
 *                          to a new generation
 * @param conf              further {@code spark.*} settings, applied as given
 */
public record SparkConfig(int shufflePartitions, Map<String, String> conf) {

    public SparkConfig {
        if (shufflePartitions < 1) {
            throw new IllegalArgumentException("shufflePartitions must be >= 1, was " + shufflePartitions);
        }
        conf = Collections.unmodifiableMap(new TreeMap<>(conf));
    }
}

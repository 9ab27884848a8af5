package com.retailer.bluegreen.config;

import java.util.HashMap;
import java.util.Map;

/** The parsed value of each key that was valid (defaults included); keys with problems have none. */
final class Values {

    private final Map<ConfigKey<?>, Object> values = new HashMap<>();

    <T> void put(ConfigKey<T> key, T value) {
        values.put(key, value);
    }

    /** The value, or null when the key was invalid or missing (a problem was reported). */
    @SuppressWarnings("unchecked")
    <T> T get(ConfigKey<T> key) {
        return (T) values.get(key);
    }
}

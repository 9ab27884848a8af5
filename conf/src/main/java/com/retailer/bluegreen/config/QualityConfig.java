package com.retailer.bluegreen.config;

import java.util.List;

/**
 * The data-quality expectations of every Silver table ({@code quality.expectations.*}).
 *
 * @param expectations in table, then name order
 */
public record QualityConfig(List<Expectation> expectations) {
    public QualityConfig {
        expectations = List.copyOf(expectations);
    }

    /** The expectations of one Silver table. */
    public List<Expectation> of(String table) {
        return expectations.stream().filter(e -> e.table().equals(table)).toList();
    }
}

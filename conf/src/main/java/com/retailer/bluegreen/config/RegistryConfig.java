package com.retailer.bluegreen.config;

import java.time.Duration;
import java.util.Objects;

/** The Confluent-compatible schema registry: base URL and per-request timeout. */
public record RegistryConfig(String url, Duration timeout) {

    public RegistryConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
    }
}

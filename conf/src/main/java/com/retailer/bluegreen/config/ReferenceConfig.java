package com.retailer.bluegreen.config;

import java.time.Duration;
import java.util.Objects;

/** The daily reference files: the directory they arrive in and how often it is scanned. */
public record ReferenceConfig(String inbox, Duration pollInterval) {

    public ReferenceConfig {
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }
}

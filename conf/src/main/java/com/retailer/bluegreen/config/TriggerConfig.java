package com.retailer.bluegreen.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the streaming queries are triggered.
 *
 * @param interval micro-batch interval for {@link Mode#PROCESSING_TIME}; not used by {@link Mode#AVAILABLE_NOW}
 */
public record TriggerConfig(Mode mode, Duration interval) {

    public TriggerConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(interval, "interval");
    }

    public enum Mode {
        /** Run continuously, one micro-batch per interval. */
        PROCESSING_TIME("processingTime"),
        /** Process what is available now (in bounded batches), then stop. */
        AVAILABLE_NOW("availableNow");

        private final String yamlName;

        Mode(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The spelling used in the YAML, e.g. {@code processingTime}. */
        public String yamlName() {
            return yamlName;
        }
    }
}

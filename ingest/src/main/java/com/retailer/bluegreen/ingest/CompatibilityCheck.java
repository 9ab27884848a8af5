package com.retailer.bluegreen.ingest;

import java.util.List;

/**
 * The answer to a compatibility test: Confluent's {@code {"is_compatible": ..., "messages": [...]}}.
 *
 * @param compatible whether the schema passes the subject's compatibility level
 * @param messages   why not, one entry per Avro incompatibility plus the version and level it was judged against
 *                   (empty when compatible)
 */
public record CompatibilityCheck(boolean compatible, List<String> messages) {
    public CompatibilityCheck {
        messages = List.copyOf(messages);
    }
}

package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.layout.Domain;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * For each domain, whether each Avro writer schema id seen in its retained Kafka records and Bronze resolves to the
 * pipeline's reader schema ({@link WriterSchemaCheck} builds it).
 *
 * @param findings one per (domain, schema id), ordered by domain then id
 */
public record WriterSchemaFindings(List<Finding> findings) {

    public WriterSchemaFindings {
        findings = findings.stream()
                .sorted(Comparator.comparing(Finding::domain).thenComparingInt(Finding::schemaId))
                .toList();
    }

    /** No writer schemas were checked. */
    public static WriterSchemaFindings none() {
        return new WriterSchemaFindings(List.of());
    }

    /** How one writer schema relates to its domain's reader schema. */
    public enum Compatibility {
        /** Records written with it decode with the reader schema. */
        COMPATIBLE,
        /** Records written with it cannot be read: the candidate would quarantine or fail on them. */
        INCOMPATIBLE,
        /**
         * The registry does not know the id. Not a failure of the candidate: Bronze already quarantines such records
         * as {@code UNKNOWN_SCHEMA} in every colour alike; they are counted.
         */
        UNKNOWN_TO_REGISTRY
    }

    /**
     * @param reason Avro's explanation when {@link Compatibility#INCOMPATIBLE}, otherwise {@code null}
     */
    public record Finding(Domain domain, int schemaId, Compatibility compatibility, String reason) {
        public Finding {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(compatibility, "compatibility");
        }
    }

    long count(Compatibility c) {
        return findings.stream().filter(f -> f.compatibility() == c).count();
    }
}

package com.retailer.bluegreen.config;

import java.util.Objects;

/**
 * What the publisher (promotion, rollback, status) needs beyond the colours. Names are derived from it by
 * {@link com.retailer.bluegreen.layout.ReleaseLayout}; see {@link PipelineConfig#release}.
 *
 * @param storageBase directory under which the release state is derived: the control table and the audit ledger in
 *                    {@code <storageBase>/<pipeline>/control}
 * @param contract    path of the consumer contract file (YAML), read by the publish commands
 * @param parallelism how many published views are switched at once (1 to 64)
 * @param requireTrustedIdentity whether promote and rollback refuse an identity from the operating-system user
 *                               ({@code publish.requireTrustedIdentity})
 */
public record PublishConfig(String storageBase, String contract, int parallelism, boolean requireTrustedIdentity) {

    /** Without requiring a trusted identity (the key's default). */
    public PublishConfig(String storageBase, String contract, int parallelism) {
        this(storageBase, contract, parallelism, false);
    }

    public PublishConfig {
        Objects.requireNonNull(storageBase, "storageBase");
        Objects.requireNonNull(contract, "contract");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
    }
}

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
 * @param requireBuildSha        whether every command refuses an artifact without its embedded git SHA
 *                               ({@code publish.requireBuildSha})
 */
public record PublishConfig(String storageBase, String contract, int parallelism, boolean requireTrustedIdentity,
                            boolean requireBuildSha) {

    /** Requiring neither a trusted identity nor an embedded SHA (the keys' defaults). */
    public PublishConfig(String storageBase, String contract, int parallelism) {
        this(storageBase, contract, parallelism, false, false);
    }

    public PublishConfig {
        Objects.requireNonNull(storageBase, "storageBase");
        Objects.requireNonNull(contract, "contract");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
    }
}

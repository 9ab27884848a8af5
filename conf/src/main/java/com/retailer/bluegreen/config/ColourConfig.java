package com.retailer.bluegreen.config;

import java.util.Objects;

/**
 * Where one colour keeps its state. Names are derived from these by
 * {@link com.retailer.bluegreen.layout.ColourLayout}; see {@link PipelineConfig#layout}.
 *
 * @param generation     checkpoint generation (≥ 1); a new generation means fresh checkpoints and txnAppIds
 * @param checkpointBase directory under which checkpoint roots are derived
 * @param storageBase    directory under which table storage is derived
 */
public record ColourConfig(int generation, String checkpointBase, String storageBase) {

    public ColourConfig {
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be >= 1, was " + generation);
        }
        Objects.requireNonNull(checkpointBase, "checkpointBase");
        Objects.requireNonNull(storageBase, "storageBase");
    }
}

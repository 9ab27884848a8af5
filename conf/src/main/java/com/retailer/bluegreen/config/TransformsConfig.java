package com.retailer.bluegreen.config;

/**
 * What a release changes in the transforms, as configuration: each colour job reads its own configuration, so a
 * colour running a newer release can carry a change the other does not have yet.
 *
 * @param unitsSold whether Gold {@code daily_revenue} maintains {@code units_sold} (sum of order quantities), the
 *                  column a newer release adds; a colour bootstrapped from a cut of a colour without it backfills it
 *                  from the cloned Silver orders before its first batch
 */
public record TransformsConfig(boolean unitsSold) {
}

package com.retailer.bluegreen.transforms;

import com.retailer.bluegreen.config.TransformsConfig;

/**
 * The optional transform changes a colour runs with (configuration key {@code transforms.*}). A generation keeps the
 * features it started with: its tables are created for them, and {@link Tables#ensure} refuses a table that does
 * not match, since a colour's live tables are never altered under it.
 *
 * @param unitsSold Gold {@code daily_revenue} maintains {@code units_sold}, the sum of the quantities of the orders
 *                  it counts
 */
public record Features(boolean unitsSold) {
    /** The first release: no optional change. */
    public static final Features NONE = new Features(false);
    /** The column {@link #unitsSold} adds to {@link Tables#REVENUE}. */
    public static final String UNITS_SOLD = "units_sold";

    /** The features {@code transforms.*} asks for. */
    public static Features of(TransformsConfig config) {
        return new Features(config.unitsSold());
    }
}

/**
 * The gates' one Spark adapter: {@link com.retailer.bluegreen.gates.spark.Reconciler} runs the reconciliation query
 * (one aggregation per colour at the offset cut) over both colours' Delta tables. Every gate decision is plain Java in
 * {@code com.retailer.bluegreen.gates}.
 */
package com.retailer.bluegreen.gates.spark;

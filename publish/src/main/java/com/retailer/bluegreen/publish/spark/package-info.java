/**
 * The Spark and Delta adapters of the release core's ports: {@link com.retailer.bluegreen.publish.spark.ControlTable}
 * (the desired state in a one-row Delta table, one proposal per epoch), {@link
 * com.retailer.bluegreen.publish.spark.AuditLedger} (the hash-chained ledger in one Delta table whose head row
 * serialises appends), {@link com.retailer.bluegreen.publish.spark.SparkCatalog} (views, columns and versions through
 * Spark SQL), and {@link com.retailer.bluegreen.publish.spark.SparkReleases}, which wires them to the core. The only
 * package of the publish module that imports Spark or Delta.
 */
package com.retailer.bluegreen.publish.spark;

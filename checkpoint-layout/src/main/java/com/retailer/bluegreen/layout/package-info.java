/**
 * Names and on-disk state of one colour of the pipeline, without Spark.
 *
 * <p>This package owns:
 * <ul>
 *   <li>{@link com.retailer.bluegreen.layout.ColourLayout}: the single derivation of every colour-specific name
 *       (schema, published schema, checkpoint and storage roots, txnAppIds, Kafka group ids, job name) from
 *       (pipeline, colour, generation), and the check that two layouts share nothing;</li>
 *   <li>{@link com.retailer.bluegreen.layout.OwnerMarker}: who owns a checkpoint root, claimed atomically;</li>
 *   <li>{@link com.retailer.bluegreen.layout.CheckpointInspector}: what a Structured Streaming checkpoint has
 *       committed, including its Kafka offsets and Delta source versions (inputs to the consistent cut);</li>
 *   <li>{@link com.retailer.bluegreen.layout.KafkaLag}: per-partition lag of those offsets behind Kafka;</li>
 *   <li>{@link com.retailer.bluegreen.layout.Storage}: the port every one of these files is read and written
 *       through (local disk here; Hadoop's FileSystem in the jobs, so cloud storage works);</li>
 *   <li>the closed vocabularies {@link com.retailer.bluegreen.layout.Colour},
 *       {@link com.retailer.bluegreen.layout.Domain} and {@link com.retailer.bluegreen.layout.Query}.</li>
 * </ul>
 * Errors are worded in one place ({@code LayoutErrors}) and say what is wrong, why, and what to do.
 */
package com.retailer.bluegreen.layout;

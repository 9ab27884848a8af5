/**
 * The embedded local stack and the shared test fixtures, used alike by integration tests, the demo and the bench:
 * a real KRaft Kafka broker ({@link com.retailer.bluegreen.local.EmbeddedKafka}), seeded retail traffic with every
 * irregularity the pipeline must survive ({@link com.retailer.bluegreen.local.TrafficGenerator}), producing it
 * ({@link com.retailer.bluegreen.local.Producing}, {@link com.retailer.bluegreen.local.RateProducer}), daily
 * reference files ({@link com.retailer.bluegreen.local.ReferenceFiles}), and the plain-Java oracle of
 * {@code docs/semantics.md} ({@link com.retailer.bluegreen.local.Oracle}), written independently of the pipeline.
 */
package com.retailer.bluegreen.local;

/**
 * The shared fixtures of the integration tests, the demo and the bench: seeded retail traffic with every
 * irregularity the pipeline must survive ({@link com.retailer.bluegreen.testsupport.TrafficGenerator}), producing it
 * ({@link com.retailer.bluegreen.testsupport.Producing}, {@link com.retailer.bluegreen.testsupport.RateProducer}),
 * daily reference files ({@link com.retailer.bluegreen.testsupport.ReferenceFiles}), the plain-Java oracle of
 * {@code docs/semantics.md} ({@link com.retailer.bluegreen.testsupport.Oracle}), written independently of the
 * pipeline, the colour tables read back ({@link com.retailer.bluegreen.testsupport.ActualTables}) and JDBC readers of
 * the published views ({@link com.retailer.bluegreen.testsupport.ViewReaders}). Never deployed.
 */
package com.retailer.bluegreen.testsupport;

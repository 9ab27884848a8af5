/**
 * The four promotion gates: each decides whether a candidate colour may be promoted and leaves its numbers behind.
 *
 * <p>This package owns:
 * <ul>
 *   <li>the results: {@link com.retailer.bluegreen.gates.GateResult} (sealed: schema, reconciliation, freshness,
 *       quality), each with a {@link com.retailer.bluegreen.gates.Verdict}, failures worded for a person and typed
 *       evidence; and {@link com.retailer.bluegreen.gates.GateReport}, all four together, as canonical JSON and as
 *       a text table;</li>
 *   <li>{@link com.retailer.bluegreen.gates.SchemaGate}: contract columns and types of the candidate's tables, and
 *       {@link com.retailer.bluegreen.gates.WriterSchemaCheck}: every Avro writer schema id against the reader
 *       schemas; plain Java;</li>
 *   <li>{@link com.retailer.bluegreen.gates.spark.Reconciler}: per table, one aggregation per colour at an offset cut
 *       (counts and a sum-of-hashes per business hour, Spark), judged by
 *       {@link com.retailer.bluegreen.gates.ReconciliationGate} in plain Java;</li>
 *   <li>{@link com.retailer.bluegreen.gates.FreshnessGate}: per-partition lag, sustained over a window, with
 *       {@link com.retailer.bluegreen.gates.PartitionAges} and
 *       {@link com.retailer.bluegreen.gates.KafkaRecordTimestamps} to measure it; plain Java and a Kafka
 *       consumer;</li>
 *   <li>{@link com.retailer.bluegreen.gates.QualityGate}: expectation failure rates against thresholds and against
 *       the live colour; plain Java.</li>
 * </ul>
 * Gates decide; they do not gather. The caller reads checkpoints, catalogs, Kafka and metrics and passes plain
 * values in, so every decision is testable without Spark. Errors are worded in one place ({@code GateErrors}).
 */
package com.retailer.bluegreen.gates;

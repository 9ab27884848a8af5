/**
 * Kafka to Bronze: the Confluent wire format ({@link com.retailer.bluegreen.ingest.WireFormat}), the schema registry
 * port ({@link com.retailer.bluegreen.ingest.SchemaRegistry}) with its REST client and local server, the pipeline's
 * Avro schemas ({@link com.retailer.bluegreen.ingest.ReaderSchemas}), and decoding of one record value into a Bronze
 * status ({@link com.retailer.bluegreen.ingest.RecordDecoder}, {@link com.retailer.bluegreen.ingest.DecodeResult}),
 * as specified in docs/semantics.md.
 */
package com.retailer.bluegreen.ingest;

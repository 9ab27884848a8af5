/**
 * What stands in for the outside world on one machine, shared by tests, the demo and the bench: a real KRaft Kafka
 * broker ({@link com.retailer.bluegreen.local.EmbeddedKafka}), a schema registry serving the Confluent REST API
 * ({@link com.retailer.bluegreen.local.LocalSchemaRegistryServer}), a catalog several JVMs share
 * ({@link com.retailer.bluegreen.local.SharedCatalog}), a SQL endpoint speaking the HiveServer2 protocol
 * ({@link com.retailer.bluegreen.local.SqlEndpoint}), and the launcher of child JVMs
 * ({@link com.retailer.bluegreen.local.ChildJvm}). Never deployed.
 */
package com.retailer.bluegreen.local;

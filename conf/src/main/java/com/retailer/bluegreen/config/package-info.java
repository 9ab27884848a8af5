/**
 * The pipeline's typed, validated configuration, loaded from YAML (conf/local.yaml, conf/databricks.yaml).
 *
 * <p>This package owns: the records a job reads ({@link com.retailer.bluegreen.config.PipelineConfig} and its parts),
 * {@link com.retailer.bluegreen.config.ConfigLoader} (YAML + dotted overrides → records, every problem reported at
 * once as a {@link com.retailer.bluegreen.config.ConfigException}; the effective configuration rendered with secrets
 * hidden), {@link com.retailer.bluegreen.config.Secrets} (which keys and values are secret, by name, by secret
 * reference and inside URLs, and the redactor that hides them anywhere), and the declaration of every key, once, with its default, validator and help ({@code ConfigKeys}, from
 * which docs/configuration.md is generated). Names derived from the configuration come from
 * {@link com.retailer.bluegreen.layout.ColourLayout} via {@link com.retailer.bluegreen.config.PipelineConfig#layout};
 * a configuration that would let blue and green share a schema, checkpoint, storage, group id or txnAppId is
 * rejected here.
 */
package com.retailer.bluegreen.config;

package com.retailer.bluegreen.config;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole, validated configuration of one pipeline: what both colours share and what each colour owns. Built by
 * {@link ConfigLoader}; the keys and their rules are in {@code ConfigKeys} and docs/configuration.md.
 */
public record PipelineConfig(String pipeline, String catalog, KafkaConfig kafka, RegistryConfig schemaRegistry,
                             TriggerConfig trigger, ReferenceConfig reference, SparkConfig spark,
                             TransformsConfig transforms, QualityConfig quality, GatesConfig gates,
                             Map<Colour, ColourConfig> colours, PublishConfig publish) {

    public PipelineConfig {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(schemaRegistry, "schemaRegistry");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(transforms, "transforms");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(publish, "publish");
        for (Colour c : Colour.values()) {
            if (!colours.containsKey(c)) {
                throw new IllegalArgumentException("colour " + c.id() + " is not configured");
            }
        }
        colours = Collections.unmodifiableMap(new EnumMap<>(colours));
    }

    /** The colour's names and locations: the only way code gets a schema, checkpoint, appId or group id. */
    public ColourLayout layout(Colour colour) {
        ColourConfig c = colours.get(colour);
        return new ColourLayout(pipeline, colour, c.generation(), catalog, c.checkpointBase(), c.storageBase());
    }

    /** Every name of the pipeline, both colours' and the publisher's, derived once: what a command passes down. */
    public PipelineLayout layouts() {
        return new PipelineLayout(release(), layout(Colour.BLUE), layout(Colour.GREEN));
    }

    /** Where the publisher keeps the pipeline's release state and publishes its views: the only way code gets them. */
    public ReleaseLayout release() {
        return new ReleaseLayout(pipeline, catalog, publish.storageBase());
    }
}

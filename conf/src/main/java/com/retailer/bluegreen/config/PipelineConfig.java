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
 *
 * @param releasePolicy how a release runs itself ({@code release.*})
 * @param alerts        where alerts go besides the console ({@code alerts.*})
 * @param layouts every name of the pipeline, derived once from the rest when the configuration is loaded: the one
 *                derivation a command then passes down ({@link #layout}, {@link #release})
 * @param secrets which keys hold secrets and every secret value, so that whatever prints this configuration or an
 *                error about it can hide them ({@link Secrets#redactor()})
 */
public record PipelineConfig(String pipeline, String catalog, KafkaConfig kafka, RegistryConfig schemaRegistry,
                             TriggerConfig trigger, ReferenceConfig reference, SparkConfig spark,
                             TransformsConfig transforms, QualityConfig quality, GatesConfig gates,
                             Map<Colour, ColourConfig> colours, PublishConfig publish, ReleaseConfig releasePolicy,
                             AlertsConfig alerts, PipelineLayout layouts, Secrets secrets) {

    /** The configuration, with its layouts derived from the rest and no secrets known beyond key names. */
    public PipelineConfig(String pipeline, String catalog, KafkaConfig kafka, RegistryConfig schemaRegistry,
                          TriggerConfig trigger, ReferenceConfig reference, SparkConfig spark,
                          TransformsConfig transforms, QualityConfig quality, GatesConfig gates,
                          Map<Colour, ColourConfig> colours, PublishConfig publish) {
        this(pipeline, catalog, kafka, schemaRegistry, trigger, reference, spark, transforms, quality, gates, colours,
                publish, ReleaseConfig.DEFAULTS, AlertsConfig.NONE, Secrets.NONE);
    }

    /** The configuration, with its layouts derived from the rest. */
    public PipelineConfig(String pipeline, String catalog, KafkaConfig kafka, RegistryConfig schemaRegistry,
                          TriggerConfig trigger, ReferenceConfig reference, SparkConfig spark,
                          TransformsConfig transforms, QualityConfig quality, GatesConfig gates,
                          Map<Colour, ColourConfig> colours, PublishConfig publish, ReleaseConfig releasePolicy,
                          AlertsConfig alerts, Secrets secrets) {
        this(pipeline, catalog, kafka, schemaRegistry, trigger, reference, spark, transforms, quality, gates, colours,
                publish, releasePolicy, alerts, derive(pipeline, catalog, colours, publish), secrets);
    }

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
        Objects.requireNonNull(releasePolicy, "releasePolicy");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(secrets, "secrets");
        for (Colour c : Colour.values()) {
            if (!colours.containsKey(c)) {
                throw new IllegalArgumentException("colour " + c.id() + " is not configured");
            }
        }
        colours = Collections.unmodifiableMap(new EnumMap<>(colours));
        if (!layouts.equals(derive(pipeline, catalog, colours, publish))) {
            throw new IllegalArgumentException("layouts " + layouts + " are not the ones this configuration derives");
        }
    }

    private static PipelineLayout derive(String pipeline, String catalog, Map<Colour, ColourConfig> colours,
                                         PublishConfig publish) {
        Map<Colour, ColourLayout> layouts = new EnumMap<>(Colour.class);
        colours.forEach((colour, c) -> layouts.put(colour, new ColourLayout(pipeline, colour, c.generation(), catalog,
                c.checkpointBase(), c.storageBase())));
        return new PipelineLayout(new ReleaseLayout(pipeline, catalog, publish.storageBase()),
                layouts.get(Colour.BLUE), layouts.get(Colour.GREEN));
    }

    /** The colour's names and locations: the only way code gets a schema, checkpoint, appId or group id. */
    public ColourLayout layout(Colour colour) {
        return layouts.colour(colour);
    }

    /** Where the publisher keeps the pipeline's release state and publishes its views: the only way code gets them. */
    public ReleaseLayout release() {
        return layouts.release();
    }

    /** As a record prints itself, with every secret hidden. */
    @Override
    public String toString() {
        return secrets.redactor().redact("PipelineConfig[pipeline=" + pipeline + ", catalog=" + catalog + ", kafka="
                + kafka + ", schemaRegistry=" + schemaRegistry + ", trigger=" + trigger + ", reference=" + reference
                + ", spark=" + spark + ", transforms=" + transforms + ", quality=" + quality + ", gates=" + gates
                + ", colours=" + colours + ", publish=" + publish + ", releasePolicy=" + releasePolicy + ", layouts=" + layouts + ", secrets=" + secrets
                + "]");
    }
}

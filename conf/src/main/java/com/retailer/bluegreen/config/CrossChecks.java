package com.retailer.bluegreen.config;

import static com.retailer.bluegreen.config.ConfigKeys.CATALOG;
import static com.retailer.bluegreen.config.ConfigKeys.CHECKPOINT_BASE;
import static com.retailer.bluegreen.config.ConfigKeys.GENERATION;
import static com.retailer.bluegreen.config.ConfigKeys.PIPELINE;
import static com.retailer.bluegreen.config.ConfigKeys.PUBLISH_STORAGE_BASE;
import static com.retailer.bluegreen.config.ConfigKeys.REGISTRY_BASIC_AUTH;
import static com.retailer.bluegreen.config.ConfigKeys.REGISTRY_BEARER_TOKEN;
import static com.retailer.bluegreen.config.ConfigKeys.REGISTRY_URL;
import static com.retailer.bluegreen.config.ConfigKeys.STARTING_OFFSETS;
import static com.retailer.bluegreen.config.ConfigKeys.STORAGE_BASE;
import static com.retailer.bluegreen.config.ConfigKeys.TOPICS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ColourLayout.Collision;
import com.retailer.bluegreen.layout.ColourLayout.Resource;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.ReleaseLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules that involve more than one key; each runs only when the keys it reads are individually valid. */
final class CrossChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrossChecks() {
    }

    static void run(Values v, Problems problems) {
        distinctTopics(v, problems);
        startingOffsetsNameConfiguredTopics(v, problems);
        coloursAreIsolated(v, problems);
        releaseStateIsApartFromTheColours(v, problems);
        oneRegistryAuthentication(v, problems);
    }

    private static void oneRegistryAuthentication(Values v, Problems problems) {
        String url = v.get(REGISTRY_URL);
        String basic = v.get(REGISTRY_BASIC_AUTH);
        String bearer = v.get(REGISTRY_BEARER_TOKEN);
        boolean inUrl = url != null && RegistryConfig.hasUserInfo(url);
        boolean hasBasic = basic != null && !basic.isEmpty();
        boolean hasBearer = bearer != null && !bearer.isEmpty();
        String fix = "Keep one way of authenticating to the schema registry.";
        if (hasBasic && hasBearer) {
            problems.conflict(REGISTRY_BASIC_AUTH.path(), REGISTRY_BEARER_TOKEN.path(), "are both set", fix);
        }
        if (inUrl && (hasBasic || hasBearer)) {
            problems.conflict(REGISTRY_URL.path(), (hasBasic ? REGISTRY_BASIC_AUTH : REGISTRY_BEARER_TOKEN).path(),
                    "both carry credentials (user info in the URL)", fix);
        }
    }

    private static void distinctTopics(Values v, Problems problems) {
        List<Domain> domains = List.of(Domain.values());
        for (int i = 0; i < domains.size(); i++) {
            for (int j = i + 1; j < domains.size(); j++) {
                String a = v.get(TOPICS.get(domains.get(i)));
                String b = v.get(TOPICS.get(domains.get(j)));
                if (a != null && a.equals(b)) {
                    problems.conflict(TOPICS.get(domains.get(i)).path(), TOPICS.get(domains.get(j)).path(),
                            "both name topic '" + a + "'", "Each domain reads its own topic.");
                }
            }
        }
    }

    private static void startingOffsetsNameConfiguredTopics(Values v, Problems problems) {
        String offsets = v.get(STARTING_OFFSETS);
        if (offsets == null || !offsets.startsWith("{")) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>();
        for (Domain d : Domain.values()) {
            String t = v.get(TOPICS.get(d));
            if (t == null) {
                return;
            }
            topics.add(t);
        }
        JsonNode json;
        try {
            json = JSON.readTree(offsets);
        } catch (IOException e) {
            return; // the parser produced this JSON; cannot happen
        }
        json.fieldNames().forEachRemaining(topic -> {
            if (!topics.contains(topic)) {
                problems.invalid(STARTING_OFFSETS.path(), TextNode.valueOf(offsets), "topic '" + topic
                        + "' is not one of the configured topics (kafka.topics.*): " + String.join(", ", topics));
            }
        });
    }

    /** Blue and green must not share a schema, checkpoint, storage, group id or txnAppId. */
    private static void coloursAreIsolated(Values v, Problems problems) {
        String pipeline = v.get(PIPELINE);
        String catalog = v.get(CATALOG);
        Map<Colour, ColourLayout> layouts = new EnumMap<>(Colour.class);
        for (Colour c : Colour.values()) {
            Integer generation = v.get(GENERATION.get(c));
            String checkpointBase = v.get(CHECKPOINT_BASE.get(c));
            String storageBase = v.get(STORAGE_BASE.get(c));
            if (pipeline == null || catalog == null || generation == null || checkpointBase == null || storageBase == null) {
                return;
            }
            layouts.put(c, new ColourLayout(pipeline, c, generation, catalog, checkpointBase, storageBase));
        }
        List<Collision> collisions = new ArrayList<>(
                ColourLayout.collisionsBetween(layouts.get(Colour.BLUE), layouts.get(Colour.GREEN)));
        for (Collision c : collisions) {
            problems.conflict(keyFor(Colour.BLUE, c.first()), keyFor(Colour.GREEN, c.second()),
                    "would let blue and green share state: " + c.description(), fixFor(c.first()));
        }
    }

    /** The control table and audit ledger must not live in a colour's directories: retiring it would delete them. */
    private static void releaseStateIsApartFromTheColours(Values v, Problems problems) {
        String pipeline = v.get(PIPELINE);
        String catalog = v.get(CATALOG);
        String base = v.get(PUBLISH_STORAGE_BASE);
        if (pipeline == null || catalog == null || base == null) {
            return;
        }
        ReleaseLayout release = new ReleaseLayout(pipeline, catalog, base);
        for (Colour c : Colour.values()) {
            Integer generation = v.get(GENERATION.get(c));
            String checkpointBase = v.get(CHECKPOINT_BASE.get(c));
            String storageBase = v.get(STORAGE_BASE.get(c));
            if (generation == null || checkpointBase == null || storageBase == null) {
                continue;
            }
            ColourLayout colour = new ColourLayout(pipeline, c, generation, catalog, checkpointBase, storageBase);
            for (String collision : release.collisions(colour)) {
                String colourKey = collision.contains("checkpoint root") ? CHECKPOINT_BASE.get(c).path()
                        : STORAGE_BASE.get(c).path();
                problems.conflict(PUBLISH_STORAGE_BASE.path(), colourKey, "would put the release state (control"
                        + " table and audit ledger) and the " + c.id() + " colour's files in one directory tree: "
                        + collision, "Retiring or regenerating the colour could then delete the audit trail: use the"
                        + " colours' storage base for publish.storageBase (the release state gets its own"
                        + " pipeline/control subdirectory) or a base outside every colour root.");
            }
        }
    }

    private static String keyFor(Colour colour, Resource resource) {
        return switch (resource) {
            case CHECKPOINT_ROOT -> CHECKPOINT_BASE.get(colour).path();
            case STORAGE_ROOT -> STORAGE_BASE.get(colour).path();
            case TXN_APP_ID -> GENERATION.get(colour).path();
            case SCHEMA, PUBLISHED_SCHEMA, KAFKA_GROUP -> PIPELINE.path();
        };
    }

    private static String fixFor(Resource resource) {
        return switch (resource) {
            case CHECKPOINT_ROOT, STORAGE_ROOT -> "Each colour needs its own checkpoints and files, or one colour's"
                    + " retirement or a new generation would damage the other: use the same base for both colours"
                    + " (each gets its own pipeline/colour/generation subdirectory) or bases that do not lie inside"
                    + " each other's roots.";
            default -> "Each colour must derive its own names.";
        };
    }
}

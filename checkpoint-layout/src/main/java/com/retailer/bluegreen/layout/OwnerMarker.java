package com.retailer.bluegreen.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns a checkpoint root: {@code <root>/_owner.json} holding (pipeline, colour, generation, git SHA).
 * A job claims its root before starting its queries and refuses to run on a root another owner claimed.
 * A different git SHA for the same (pipeline, colour, generation) is a redeploy and is allowed.
 */
public record OwnerMarker(String pipeline, Colour colour, int generation, String gitSha) {

    public static final String FILE_NAME = "_owner.json";
    private static final Logger LOG = LoggerFactory.getLogger(OwnerMarker.class);

    public OwnerMarker {
        pipeline = ColourLayout.requirePipeline(pipeline);
        Objects.requireNonNull(colour, "colour");
        if (generation < 1) {
            throw new InvalidLayoutException("generation", String.valueOf(generation), "expected an integer >= 1");
        }
        if (gitSha == null || gitSha.isBlank()) {
            throw new InvalidLayoutException("gitSha", gitSha, "expected the git SHA of the deployed artifact");
        }
    }

    /** The marker a job running {@code layout} at {@code gitSha} writes. */
    public static OwnerMarker of(ColourLayout layout, String gitSha) {
        return new OwnerMarker(layout.pipeline(), layout.colour(), layout.generation(), gitSha);
    }

    /** Same (pipeline, colour, generation); the git SHA may differ. */
    public boolean sameOwner(OwnerMarker other) {
        return pipeline.equals(other.pipeline) && colour == other.colour && generation == other.generation;
    }

    /** The marker on {@code checkpointRoot}, if any. */
    public static Optional<OwnerMarker> read(Storage storage, String checkpointRoot) {
        String file = Storage.resolve(checkpointRoot, FILE_NAME);
        byte[] bytes;
        try {
            bytes = storage.read(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw LayoutErrors.io("read owner marker", file, e);
        }
        return Optional.of(parse(file, bytes));
    }

    /**
     * Claims {@code layout}'s checkpoint root for its (pipeline, colour, generation), deployed from {@code gitSha},
     * creating the root if needed. Returns the marker now on the root: the new one if this call created it, or the
     * existing marker when it names the same owner (a redeploy keeps the original marker). Exactly one of several
     * concurrent claimants creates the marker.
     *
     * @throws CheckpointOwnershipException when the root belongs to another (pipeline, colour, generation)
     */
    public static OwnerMarker claim(Storage storage, ColourLayout layout, String gitSha) {
        return claim(storage, layout.checkpointRoot(), of(layout, gitSha));
    }

    /**
     * As {@link #claim(Storage, ColourLayout, String)}, for the marker {@code me} on {@code checkpointRoot}.
     *
     * @throws CheckpointOwnershipException when the root belongs to another (pipeline, colour, generation)
     */
    public static OwnerMarker claim(Storage storage, String checkpointRoot, OwnerMarker me) {
        String marker = Storage.resolve(checkpointRoot, FILE_NAME);
        Optional<OwnerMarker> existing = read(storage, checkpointRoot);
        if (existing.isPresent()) {
            return accept(checkpointRoot, existing.get(), me);
        }
        try {
            if (storage.createOnce(marker, me.toJson())) {
                LOG.info("[{}/{}] claimed checkpoint root {} for generation {} at git {}",
                        me.pipeline, me.colour.id(), checkpointRoot, me.generation, me.gitSha);
                return me;
            }
            OwnerMarker winner = read(storage, checkpointRoot).orElseThrow(() -> LayoutErrors.unreadableMarker(marker,
                    "it vanished while another process was creating it", null));
            return accept(checkpointRoot, winner, me);
        } catch (IOException e) {
            throw LayoutErrors.io("write owner marker", marker, e);
        }
    }

    private static OwnerMarker accept(String root, OwnerMarker existing, OwnerMarker me) {
        if (!existing.sameOwner(me)) {
            throw LayoutErrors.notOwner(root, existing, me);
        }
        if (!existing.gitSha.equals(me.gitSha)) {
            LOG.info("[{}/{}] redeploy on checkpoint root {}: claimed at git {}, now running git {}",
                    me.pipeline, me.colour.id(), root, existing.gitSha, me.gitSha);
        }
        return existing;
    }



    byte[] toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("pipeline", pipeline)
                .put("colour", colour.id())
                .put("generation", generation)
                .put("gitSha", gitSha);
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise " + this, e);
        }
    }

    private static OwnerMarker parse(String file, byte[] bytes) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw LayoutErrors.unreadableMarker(file, "not JSON (" + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString()) + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw LayoutErrors.unreadableMarker(file, "not a JSON object", null);
        }
        try {
            return new OwnerMarker(text(node, "pipeline"), Colour.parse(text(node, "colour")),
                    node.path("generation").asInt(0), text(node, "gitSha"));
        } catch (IllegalArgumentException e) {
            throw LayoutErrors.unreadableMarker(file, e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isValueNode() ? null : v.asText();
    }

    /** "pipeline 'retail', colour blue, generation 1 (git abc123)". */
    String describe() {
        return "pipeline '" + pipeline + "', colour " + colour.id() + ", generation " + generation + " (git " + gitSha + ")";
    }
}

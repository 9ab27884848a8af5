package com.retailer.bluegreen.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A colour's consistent cut (ARCHITECTURE.md, "Consistent cut"): a point in its history at which every table and the
 * Kafka offsets agree, anchored at a committed Gold batch. Another colour bootstrapped from it clones each table at
 * {@link #tableVersions()} and reads Kafka from {@link #domains()}' offsets: no gap, no overlap.
 *
 * @param pipeline      the pipeline the cut was taken from
 * @param colour        the colour the cut was taken from
 * @param generation    that colour's generation (its checkpoints and txnAppIds)
 * @param goldBatch     the Gold query's committed batch the cut is anchored at
 * @param domains       per domain: the domain batch Gold has consumed through, and its Kafka end offsets
 * @param tableVersions table name → Delta version to clone at (Bronze, Silver, Gold, and reference tables at their
 *                      latest version)
 * @param takenAt       when the cut was taken (informational; the cut is defined by the checkpoints, not the time)
 */
public record ConsistentCut(String pipeline, Colour colour, long generation, long goldBatch,
                            Map<Domain, DomainCut> domains, Map<String, Long> tableVersions, Instant takenAt) {

    /** The {@code format} field of the JSON form; a reader refuses any other. */
    public static final String FORMAT = "consistent-cut/v1";

    public ConsistentCut {
        pipeline = ColourLayout.requirePipeline(pipeline);
        Objects.requireNonNull(colour, "colour");
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be >= 1, was " + generation);
        }
        if (goldBatch < 0) {
            throw new IllegalArgumentException("goldBatch must be >= 0, was " + goldBatch);
        }
        Objects.requireNonNull(domains, "domains");
        EnumMap<Domain, DomainCut> byDomain = new EnumMap<>(Domain.class);
        domains.forEach((d, c) -> byDomain.put(Objects.requireNonNull(d, "domain"), Objects.requireNonNull(c, "cut")));
        if (byDomain.size() != Domain.values().length) {
            throw new IllegalArgumentException("a cut covers every domain; has " + byDomain.keySet());
        }
        domains = Collections.unmodifiableMap(byDomain);
        Objects.requireNonNull(tableVersions, "tableVersions");
        TreeMap<String, Long> versions = new TreeMap<>();
        tableVersions.forEach((t, v) -> {
            if (v == null || v < 0) {
                throw new IllegalArgumentException("version of table " + t + " must be >= 0, was " + v);
            }
            versions.put(ColourLayout.requireIdentifier("table", t), v);
        });
        tableVersions = Collections.unmodifiableMap(versions);
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** Pretty JSON with a fixed field order, domains in {@link Domain} order and maps sorted: equal cuts, equal text. */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode()
                .put("format", FORMAT)
                .put("pipeline", pipeline)
                .put("colour", colour.id())
                .put("generation", generation)
                .put("goldBatch", goldBatch)
                .put("takenAt", takenAt.toString());
        ObjectNode ds = root.putObject("domains");
        domains.forEach((d, c) -> {
            ObjectNode n = ds.putObject(d.id()).put("batchId", c.batchId()).put("topic", c.topic());
            ObjectNode offsets = n.putObject("offsets");
            c.offsets().forEach((p, o) -> offsets.put(Integer.toString(p), o));
        });
        ObjectNode tv = root.putObject("tableVersions");
        tableVersions.forEach(tv::put);
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the cut of " + pipeline + "/" + colour.id(), e);
        }
    }

    /**
     * Parses {@link #toJson()}'s form (unknown fields are ignored).
     *
     * @throws CutException if the text is not a {@value #FORMAT} cut
     */
    public static ConsistentCut fromJson(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw LayoutErrors.unreadableCut("it is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw LayoutErrors.unreadableCut("it is not a JSON object", null);
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw LayoutErrors.unreadableCut("its format is '" + format + "', this reader knows " + FORMAT, null);
        }
        try {
            Map<Domain, DomainCut> domains = new EnumMap<>(Domain.class);
            JsonNode ds = field(root, "domains");
            for (Domain d : Domain.values()) {
                JsonNode n = field(ds, d.id());
                Map<Integer, Long> offsets = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = field(n, "offsets").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    offsets.put(Integer.parseInt(e.getKey()), number(e.getValue(), "offset of partition " + e.getKey()));
                }
                domains.put(d, new DomainCut(number(field(n, "batchId"), "batchId"), text(n, "topic"), offsets));
            }
            Map<String, Long> versions = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = field(root, "tableVersions").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                versions.put(e.getKey(), number(e.getValue(), "version of " + e.getKey()));
            }
            return new ConsistentCut(text(root, "pipeline"), Colour.parse(text(root, "colour")),
                    number(field(root, "generation"), "generation"), number(field(root, "goldBatch"), "goldBatch"),
                    domains, versions, Instant.parse(text(root, "takenAt")));
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            throw LayoutErrors.unreadableCut(e.getMessage(), e);
        }
    }

    /**
     * Writes {@link #toJson()} to {@code file} (e.g. {@code <checkpoint root>/_bootstrap/cut.json}); the file appears
     * complete or not at all, replacing an existing one.
     */
    public void write(Storage storage, String file) {
        try {
            storage.write(file, toJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw LayoutErrors.io("write consistent cut", file, e);
        }
    }

    /**
     * Writes this cut to {@code file} unless a cut is there already, atomically (of two racing writers exactly one
     * creates it), and returns the cut the file holds: this one, or the one written first.
     */
    public ConsistentCut writeOnce(Storage storage, String file) {
        try {
            if (storage.createOnce(file, toJson().getBytes(StandardCharsets.UTF_8))) {
                return this;
            }
        } catch (IOException e) {
            throw LayoutErrors.io("write consistent cut", file, e);
        }
        return read(storage, file);
    }

    /**
     * Reads a cut written by {@link #write(Storage, String)}.
     *
     * @throws CutException if the file does not exist or is not a cut
     */
    public static ConsistentCut read(Storage storage, String file) {
        String text;
        try {
            text = Storage.utf8(storage.read(file));
        } catch (NoSuchFileException e) {
            throw LayoutErrors.noCutFile(file, e);
        } catch (IOException e) {
            throw LayoutErrors.io("read consistent cut", file, e);
        }
        try {
            return fromJson(text);
        } catch (CutException e) {
            throw LayoutErrors.unreadableCutFile(file, e);
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private static long number(JsonNode v, String what) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(what + " is not an integer: " + v);
        }
        return v.asLong();
    }
}

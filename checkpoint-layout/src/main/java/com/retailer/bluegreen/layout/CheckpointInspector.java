package com.retailer.bluegreen.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Spark Structured Streaming checkpoint directory through the {@link Storage} port (a local disk, an object
 * store, a Unity Catalog volume), without Spark.
 *
 * <p>Formats read (Spark 4.0): {@code commits/<n>} is {@code v1} then a JSON object such as
 * {@code {"nextBatchWatermarkMs":0}}; {@code offsets/<n>} is {@code v1}, a metadata JSON object, then one line per
 * source holding that source's end offset for batch n as JSON, or {@code -} for a source without one. A Kafka
 * source's offset is {@code {"topic":{"partition":offset,…},…}}, the next offset to read per partition; a Delta
 * source's offset has {@code reservoirId} / {@code reservoirVersion} / {@code index}.
 *
 * <p>Tolerant where Spark may evolve: unknown JSON fields are ignored, a newer version line ({@code v2}, …) is read
 * if the JSON is readable (with a warning); temp files (names starting with {@code .}, ending in {@code .tmp} or
 * {@code .crc}) and non-numeric names are ignored. A file that cannot be read as this format raises
 * {@link CheckpointFormatException} naming it.
 */
public final class CheckpointInspector {

    static final String COMMITS = "commits";
    static final String OFFSETS = "offsets";
    private static final String NO_OFFSET = "-";
    private static final Pattern VERSION = Pattern.compile("v(\\d+)");
    private static final Pattern BATCH_ID = Pattern.compile("\\d{1,18}");
    private static final Pattern PARTITION = Pattern.compile("\\d{1,9}");
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointInspector.class);

    private CheckpointInspector() {
    }

    /** As {@link #inspect(Storage, String)} for a checkpoint on the local filesystem. */
    public static CheckpointState inspect(Path checkpointLocation) {
        return inspect(Storage.local(), checkpointLocation.toString());
    }

    /** The progress recorded in {@code checkpointLocation}; an absent directory is an empty checkpoint. */
    public static CheckpointState inspect(Storage storage, String checkpointLocation) {
        Optional<Storage.Entry> root;
        try {
            root = storage.status(checkpointLocation);
        } catch (IOException e) {
            throw LayoutErrors.io("read checkpoint", checkpointLocation, e);
        }
        if (root.isEmpty()) {
            return CheckpointState.empty();
        }
        if (root.get().isFile()) {
            throw LayoutErrors.unreadable(checkpointLocation, "it is not a directory", null);
        }
        TreeSet<Long> commits = batchIds(storage, Storage.resolve(checkpointLocation, COMMITS));
        TreeSet<Long> planned = batchIds(storage, Storage.resolve(checkpointLocation, OFFSETS));
        Optional<Long> lastPlanned = planned.isEmpty() ? Optional.empty() : Optional.of(planned.last());
        if (commits.isEmpty()) {
            return new CheckpointState(Optional.empty(), lastPlanned, List.of(), Map.of());
        }
        long last = commits.last();
        readCommit(storage, Storage.resolve(checkpointLocation, COMMITS, Long.toString(last)));
        List<JsonNode> sources = sourceOffsets(storage, checkpointLocation, last);
        return new CheckpointState(Optional.of(last), lastPlanned, sources, kafkaOffsets(sources));
    }

    /**
     * The end offsets of batch {@code batchId} ({@code offsets/<batchId>}), one per source in source order; JSON
     * {@code null} for a source without an offset.
     *
     * @throws CheckpointFormatException if the file is missing or unreadable
     */
    public static List<JsonNode> sourceOffsets(Storage storage, String checkpointLocation, long batchId) {
        String file = Storage.resolve(checkpointLocation, OFFSETS, Long.toString(batchId));
        List<String> lines = lines(storage, file);
        if (lines.size() < 2) {
            throw LayoutErrors.unreadable(file, "expected a version line and a metadata line, found "
                    + lines.size() + " line(s)", null);
        }
        checkVersion(file, lines.get(0));
        JsonNode metadata = json(file, 2, lines.get(1));
        if (!metadata.isObject()) {
            throw LayoutErrors.unreadable(file, "line 2 is not the batch metadata JSON object", null);
        }
        List<JsonNode> sources = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            sources.add(line.equals(NO_OFFSET) ? NullNode.getInstance() : json(file, i + 1, line));
        }
        return List.copyOf(sources);
    }

    /**
     * Topic → partition → next offset to read, merged from the sources that look like Kafka offsets. If two sources
     * name the same partition, the lower offset wins (re-reading is safe downstream, skipping is not).
     */
    public static Map<String, Map<Integer, Long>> kafkaOffsets(List<JsonNode> sourceOffsets) {
        Map<String, Map<Integer, Long>> merged = new TreeMap<>();
        for (JsonNode source : sourceOffsets) {
            asKafkaOffsets(source).ifPresent(offsets -> offsets.forEach((topic, partitions) -> partitions.forEach(
                    (partition, offset) -> merged.computeIfAbsent(topic, t -> new TreeMap<>()).merge(partition, offset,
                            (a, b) -> {
                                LOG.warn("two sources record {}-{} at offsets {} and {}; using the lower",
                                        topic, partition, a, b);
                                return Math.min(a, b);
                            }))));
        }
        return merged;
    }

    /** The {@code reservoirVersion} of a Delta source offset; empty for anything else. */
    public static Optional<Long> deltaReservoirVersion(JsonNode sourceOffset) {
        if (sourceOffset == null || !sourceOffset.isObject()) {
            return Optional.empty();
        }
        JsonNode v = sourceOffset.get("reservoirVersion");
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? Optional.of(v.asLong()) : Optional.empty();
    }

    /** The offsets of a Kafka source offset ({@code {"topic":{"0":12},…}}); empty if the JSON has another shape. */
    static Optional<Map<String, Map<Integer, Long>>> asKafkaOffsets(JsonNode source) {
        if (source == null || !source.isObject() || source.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> topics = source.fields(); topics.hasNext(); ) {
            Map.Entry<String, JsonNode> topic = topics.next();
            if (!topic.getValue().isObject()) {
                return Optional.empty();
            }
            Map<Integer, Long> partitions = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> ps = topic.getValue().fields(); ps.hasNext(); ) {
                Map.Entry<String, JsonNode> p = ps.next();
                JsonNode offset = p.getValue();
                if (!PARTITION.matcher(p.getKey()).matches() || !offset.isIntegralNumber() || !offset.canConvertToLong()) {
                    return Optional.empty();
                }
                partitions.put(Integer.parseInt(p.getKey()), offset.asLong());
            }
            out.put(topic.getKey(), partitions);
        }
        return Optional.of(out);
    }

    private static void readCommit(Storage storage, String file) {
        List<String> lines = lines(storage, file);
        if (lines.size() < 2) {
            throw LayoutErrors.unreadable(file, "expected a version line and a commit metadata line, found "
                    + lines.size() + " line(s)", null);
        }
        checkVersion(file, lines.get(0));
        if (!json(file, 2, lines.get(1)).isObject()) {
            throw LayoutErrors.unreadable(file, "line 2 is not the commit metadata JSON object", null);
        }
    }

    private static void checkVersion(String file, String line) {
        Matcher m = VERSION.matcher(line.trim());
        if (!m.matches()) {
            throw LayoutErrors.unreadable(file, "line 1 '" + abbreviate(line) + "' is not a log version such as v1", null);
        }
        if (!m.group(1).equals("1")) {
            LOG.warn("{} has log version {} (this reader knows v1); reading it as v1 since its JSON is readable",
                    file, line.trim());
        }
    }

    private static JsonNode json(String file, int lineNumber, String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw LayoutErrors.unreadable(file, "line " + lineNumber + " is empty", null);
            }
            return node;
        } catch (IOException e) {
            throw LayoutErrors.unreadable(file, "line " + lineNumber + " '" + abbreviate(text) + "' is not JSON", e);
        }
    }

    /** The file's lines, without a trailing empty line; an empty line elsewhere is left for the parser to reject. */
    private static List<String> lines(Storage storage, String file) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Arrays.asList(
                    Storage.utf8(storage.read(file)).split("\\r?\\n", -1)));
        } catch (NoSuchFileException e) {
            throw LayoutErrors.unreadable(file, "the file does not exist, although the checkpoint refers to it", e);
        } catch (IOException e) {
            throw LayoutErrors.unreadable(file, "it could not be read as UTF-8 text (" + e + ")", e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static TreeSet<Long> batchIds(Storage storage, String dir) {
        TreeSet<Long> ids = new TreeSet<>();
        try {
            for (Storage.Entry entry : storage.list(dir)) {
                String name = entry.name();
                if (name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".crc")) {
                    continue;
                }
                if (BATCH_ID.matcher(name).matches() && entry.isFile()) {
                    ids.add(Long.parseLong(name));
                } else {
                    LOG.debug("ignoring {} in checkpoint log {}", name, dir);
                }
            }
        } catch (IOException e) {
            throw LayoutErrors.io("list checkpoint log", dir, e);
        }
        return ids;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}

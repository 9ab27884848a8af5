package com.retailer.bluegreen.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/**
 * A Delta streaming source's offset as Spark writes it into {@code offsets/<batch>}
 * ({@code {"sourceVersion":1,"reservoirId":…,"reservoirVersion":v,"index":i,"isStartingVersion":false}}), read for
 * a change-data-feed source, and what it says the query has consumed (Delta 4.0 {@code DeltaSourceOffset},
 * {@code DeltaSourceCDCSupport}):
 * <ul>
 *   <li>{@code index -1} is the base index ({@code BASE_INDEX}, serialised as -1): before every file of version v,
 *       so versions up to v-1 are consumed. A fully consumed version whose change is recorded by add/remove files
 *       ends here, since the source bumps to {@code (v+1, -1)} after the version's end sentinel;</li>
 *   <li>{@code index -20 / -19} (metadata change barriers, source version 3) also lie before the files of v;</li>
 *   <li>{@code index i >= 0} is file i of version v in the order the source indexes it: the version's {@code cdc} files
 *       if it has any, else its data-changing {@code add}/{@code remove} files. A version with cdc files has no end
 *       sentinel in the change feed, so a fully consumed one ends at {@code (v, lastIndex)}; any lower index means v
 *       is only partly consumed ({@code maxFilesPerTrigger} split it);</li>
 *   <li>{@code isStartingVersion true} points into an initial snapshot, not into changes: not a boundary.</li>
 * </ul>
 */
record ChangeFeedOffset(String reservoirId, long reservoirVersion, long index, boolean initialSnapshot) {

    static final long BASE_INDEX = -1;
    static final long METADATA_CHANGE_INDEX = -20;
    static final long POST_METADATA_CHANGE_INDEX = -19;

    /** Parses one source line of a Gold checkpoint's offsets file; {@code file} is only for messages. */
    static ChangeFeedOffset parse(JsonNode node, String file, int sourceIndex) {
        JsonNode id = node == null ? null : node.get("reservoirId");
        JsonNode version = node == null ? null : node.get("reservoirVersion");
        JsonNode index = node == null ? null : node.get("index");
        if (id == null || !id.isTextual() || version == null || !version.canConvertToLong() || index == null
                || !index.canConvertToLong()) {
            throw LayoutErrors.unreadable(file, "source " + sourceIndex + " is not a Delta source offset"
                    + " (reservoirId, reservoirVersion, index): " + node, null);
        }
        long i = index.asLong();
        if (i < 0 && i != BASE_INDEX && i != METADATA_CHANGE_INDEX && i != POST_METADATA_CHANGE_INDEX) {
            throw LayoutErrors.unreadable(file, "source " + sourceIndex + " has index " + i + ", which Delta 4.0 never"
                    + " writes (-1, -20, -19 or a file index >= 0)", null);
        }
        return new ChangeFeedOffset(id.asText(), version.asLong(), i, node.path("isStartingVersion").asBoolean(false));
    }

    /**
     * The last version of the table the source has consumed entirely ({@code -1}: none), or empty when the offset
     * lies inside a version (partly consumed, or inside an initial snapshot).
     *
     * @throws CutException if the offset names a version or file the table does not have
     */
    OptionalLong consumedThrough(DeltaLogTxns table, String checkpointFile) {
        if (initialSnapshot) {
            return OptionalLong.empty();
        }
        if (index < 0) {
            if (reservoirVersion > table.latestVersion() + 1) {
                throw LayoutErrors.offsetBeyondTable(checkpointFile, this, table);
            }
            return OptionalLong.of(reservoirVersion - 1);
        }
        if (reservoirVersion > table.latestVersion()) {
            throw LayoutErrors.offsetBeyondTable(checkpointFile, this, table);
        }
        int files = table.changeFeedFiles(reservoirVersion);
        if (index >= files) {
            throw LayoutErrors.offsetBeyondVersion(checkpointFile, this, table, files);
        }
        return index == files - 1 ? OptionalLong.of(reservoirVersion) : OptionalLong.empty();
    }

    /** "version 12, file index 3" and the like, for messages. */
    String describe() {
        String where = index == BASE_INDEX ? "start of version " + reservoirVersion
                : index < 0 ? "metadata change of version " + reservoirVersion
                : "version " + reservoirVersion + ", file index " + index;
        return initialSnapshot ? where + " (inside the initial snapshot)" : where;
    }
}

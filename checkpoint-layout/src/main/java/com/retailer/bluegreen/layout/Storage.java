package com.retailer.bluegreen.layout;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The files of the pipeline that are not tables: checkpoints, Delta logs read without Spark, owner markers,
 * bootstrap cut, lease and done files, heartbeats. A port: {@link #local()} reads and writes the local filesystem
 * (plain Java, for tools and tests); the jobs use a Hadoop {@code FileSystem} adapter so that {@code s3a://},
 * {@code abfss://}, {@code gs://}, {@code dbfs:} and {@code /Volumes} locations work, with the local filesystem
 * still served by {@link #local()}'s rules.
 *
 * <p>A location is a string as {@link ColourLayout} derives it: an absolute path, a {@code file:} URI or a URI with a
 * scheme and bucket. Children are named with {@link #resolve}.
 */
public interface Storage {

    /** What a location is. */
    enum Kind { FILE, DIRECTORY }

    /**
     * One entry of a listing, or the status of one location.
     *
     * @param name     the last path segment
     * @param modified the modification time (on object stores: when the object was written)
     */
    record Entry(String name, Kind kind, long length, Instant modified) {
        public boolean isFile() {
            return kind == Kind.FILE;
        }
    }

    /** The status of {@code location}; empty if nothing is there. */
    Optional<Entry> status(String location) throws IOException;

    /** The entries directly in {@code directory}, in no particular order; empty if the directory does not exist. */
    List<Entry> list(String directory) throws IOException;

    /**
     * The whole content of the file at {@code location}.
     *
     * @throws NoSuchFileException if there is no file there
     */
    byte[] read(String location) throws IOException;

    /**
     * Writes {@code content} to {@code location}, replacing what is there, so that a reader sees the old content or
     * the new, never a part (a temporary file renamed over it; on an object store one PUT). Creates missing parent
     * directories.
     */
    void write(String location, byte[] content) throws IOException;

    /**
     * Creates {@code location} with {@code content} unless something is there: of several racing callers exactly one
     * gets {@code true} where the store has an atomic create-if-absent (local disks, HDFS, ADLS, GCS, Databricks
     * volumes); see {@code docs/databricks.md} for S3.
     *
     * @return whether this call created it
     */
    boolean createOnce(String location, byte[] content) throws IOException;

    /** Deletes the file at {@code location}; whether there was one. */
    boolean delete(String location) throws IOException;

    /** Whether a file (not a directory) is at {@code location}. */
    default boolean isFile(String location) throws IOException {
        return status(location).map(Entry::isFile).orElse(false);
    }

    /** The content of the file at {@code location}, or empty if there is none. */
    default Optional<byte[]> readIfExists(String location) throws IOException {
        try {
            return Optional.of(read(location));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code bytes} as UTF-8 text, strictly.
     *
     * @throws java.nio.charset.CharacterCodingException if they are not UTF-8
     */
    static String utf8(byte[] bytes) throws java.nio.charset.CharacterCodingException {
        return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    /** {@code base/name/...}; {@code base} may end in a slash. */
    static String resolve(String base, String... names) {
        StringBuilder out = new StringBuilder(base.endsWith("/") && base.length() > 1
                ? base.substring(0, base.length() - 1) : base);
        for (String name : names) {
            if (name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("'" + name + "' is not one path segment");
            }
            out.append('/').append(name);
        }
        return out.toString();
    }

    /** The last segment of {@code location}. */
    static String name(String location) {
        String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return l.substring(l.lastIndexOf('/') + 1);
    }

    /** The local filesystem: paths and {@code file:} URIs. */
    static Storage local() {
        return LocalStorage.INSTANCE;
    }
}

package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocationsTest {

    @Test
    void file_uris_fuse_schemes_and_bare_paths_name_the_same_location() {
        assertEquals("/tmp/lake/t", Locations.comparable("file:/tmp/lake/t/"));
        assertEquals("/tmp/lake/t", Locations.comparable("file:///tmp/lake/t"));
        assertEquals("/tmp/lake/t", Locations.comparable("dbfs:/tmp/lake/t"));
        assertTrue(Locations.same("/tmp/lake/./t", "file:/tmp/lake/t"));
    }

    @Test
    void a_bucket_or_host_is_part_of_the_location() {
        assertEquals("s3://bucket/lake/t", Locations.comparable("s3://bucket/lake/t/"));
        assertFalse(Locations.same("s3://bucket/lake/t", "s3://other/lake/t"));
        assertFalse(Locations.same("s3://bucket/lake/t", "/lake/t"), "a bucket is not the local root");
        assertTrue(Locations.same("S3://Bucket/lake/t", "s3://bucket/lake/t"), "scheme and host are case-blind");
        assertFalse(Locations.same("memory:control", "memory:another"), "an opaque URI keeps its path");
    }

    @Test
    void percent_encoded_paths_of_delta_logs_are_decoded() {
        assertEquals("/tmp/my lake/part-0.parquet", Locations.comparable("file:/tmp/my%20lake/part-0.parquet"));
        assertEquals("s3://b/my lake/x", Locations.comparable("s3://b/my%20lake/x"));
    }

    @Test
    void a_catalogs_unescaped_location_with_quotes_and_backquotes_is_the_same_location() {
        assertEquals("/tmp/o'brien`s lake` x/t", Locations.comparable("file:/tmp/o'brien`s lake` x/t"));
        assertTrue(Locations.same("file:/tmp/o'brien%60s%20lake%60%20x/t", "/tmp/o'brien`s lake` x/t"));
        assertEquals("s3://b/{a}/\"q\"", Locations.comparable("s3://b/{a}/\"q\""));
    }

    @Test
    void a_relative_path_is_taken_against_the_working_directory() {
        assertEquals(Path.of("").toAbsolutePath().resolve("local/lake").toString(),
                Locations.comparable("./local/lake/"));
    }

    /** What the clone guard compares: a clone's absolute file paths against a source table's location. */
    @Test
    void a_delta_log_path_keeps_its_bucket_and_a_relative_one_is_the_tables_own() {
        assertEquals("s3://lake-a/retail/blue/1/silver_orders/part-0.parquet",
                Locations.ofDeltaLogPath("s3://lake-a/retail/blue/1/silver_orders/part-0.parquet"));
        assertTrue(Locations.ofDeltaLogPath("s3a://lake-a/retail/blue/1/silver_orders/part-0.parquet")
                .startsWith(Locations.comparable("s3a://lake-a/retail/blue/1/silver_orders") + "/"));
        assertFalse(Locations.ofDeltaLogPath("s3://lake-b/retail/blue/1/silver_orders/part-0.parquet")
                .startsWith(Locations.comparable("s3://lake-a/retail/blue/1/silver_orders") + "/"),
                "the same key in another bucket is another file");
        assertEquals("abfss://c@acct.dfs.core.windows.net/t/my part.parquet",
                Locations.ofDeltaLogPath("abfss://c@acct.dfs.core.windows.net/t/my%20part.parquet"));
        assertEquals("/tmp/my lake/part-0.parquet", Locations.ofDeltaLogPath("file:/tmp/my%20lake/part-0.parquet"));
        assertEquals("/tmp/my lake/part-0.parquet", Locations.ofDeltaLogPath("/tmp/my%20lake/part-0.parquet"));
        assertEquals(null, Locations.ofDeltaLogPath("part-00000-1a2b.snappy.parquet"), "the table's own file");
        assertEquals(null, Locations.ofDeltaLogPath("date%3D2026-12-06/part-0.parquet"), "a partition directory");
    }
}

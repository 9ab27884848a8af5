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
}

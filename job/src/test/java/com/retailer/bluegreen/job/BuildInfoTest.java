package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The git SHA a build embeds, and where production requires it (publish.requireBuildSha): the only SHA accepted,
 * from a clean tree; elsewhere --git-sha and BLUEGREEN_GIT_SHA still name the SHA of a local build.
 */
class BuildInfoTest {
    private static final String SHA = "4f2c9d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e";
    private static final BuildInfo CLEAN = new BuildInfo(Optional.of(SHA), false, Optional.of("2026-12-05T20:00:00Z"));

    private static PipelineConfig config(boolean requireBuildSha) {
        return ConfigLoader.load(ExitCodesTest.config(), Map.of("publish.requireBuildSha",
                String.valueOf(requireBuildSha)));
    }

    private static BuildInfo read(String properties) {
        return BuildInfo.read(new ByteArrayInputStream(properties.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reads_what_the_git_commit_id_plugin_writes() {
        assertEquals(CLEAN, read("git.commit.id=" + SHA + "\ngit.dirty=false\ngit.build.time=2026-12-05T20:00:00Z\n"));
        assertEquals(new BuildInfo(Optional.empty(), false, Optional.empty()), BuildInfo.read(null),
                "built without a git checkout");
        assertEquals(Optional.empty(), read("git.commit.id=${git.commit.id}\n").gitSha(), "an unfiltered placeholder");
    }

    @Test
    void production_accepts_only_the_embedded_sha_of_a_clean_tree() {
        PipelineConfig prod = config(true);
        assertDoesNotThrow(() -> CLEAN.admit(prod, SHA));

        BlueGreenException other = assertThrows(BlueGreenException.class, () -> CLEAN.admit(prod, "abc123"));
        assertEquals(ErrorCode.BAD_CONFIG, other.code());
        assertTrue(other.getMessage().contains("'abc123'") && other.getMessage().contains(SHA), other.getMessage());

        BlueGreenException none = assertThrows(BlueGreenException.class,
                () -> BuildInfo.read(null).admit(prod, "unknown"));
        assertTrue(none.getMessage().contains("no embedded git SHA"), none.getMessage());

        BlueGreenException dirty = assertThrows(BlueGreenException.class,
                () -> new BuildInfo(Optional.of(SHA), true, Optional.empty()).admit(prod, SHA));
        assertTrue(dirty.getMessage().contains("uncommitted changes"), dirty.getMessage());
    }

    @Test
    void elsewhere_a_local_build_may_name_its_sha() {
        PipelineConfig local = config(false);
        assertDoesNotThrow(() -> CLEAN.admit(local, "abc123"));
        assertDoesNotThrow(() -> BuildInfo.read(null).admit(local, "unknown"));
    }

    @Test
    void the_command_line_refuses_before_anything_runs_where_production_requires_the_build_sha() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = Main.run(new String[] {"status", "--config", ExitCodesTest.config().toString(), "--set",
                "publish.requireBuildSha=true", "--git-sha", "abc123"}, new java.io.PrintStream(
                new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err), (a, c, o, e) -> {
                    throw new AssertionError("no command may be built");
                });
        assertEquals(ErrorCode.BAD_CONFIG.exitStatus(), status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("publish.requireBuildSha"), err.toString());
    }
}

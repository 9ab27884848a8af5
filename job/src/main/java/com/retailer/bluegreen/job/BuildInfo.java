package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * What the build embedded in the artifact ({@code bluegreen-build.properties}, written by the git-commit-id plugin
 * when the job module is built from a git checkout): the commit it was built from, whether the tree had uncommitted
 * changes, and when it was built. The owner markers and audit records carry that commit; {@code --git-sha} and
 * {@code BLUEGREEN_GIT_SHA} stay for local builds, and where {@code publish.requireBuildSha} is true (production)
 * {@link #admit} refuses an artifact without it, built from a dirty tree, or told another SHA.
 *
 * @param gitSha    the full SHA of the commit, if the build had a git checkout
 * @param dirty     whether that checkout had uncommitted changes
 * @param buildTime when the artifact was built, as the plugin wrote it
 */
record BuildInfo(Optional<String> gitSha, boolean dirty, Optional<String> buildTime) {
    static final String RESOURCE = "/bluegreen-build.properties";
    private static final BuildInfo EMBEDDED = read(BuildInfo.class.getResourceAsStream(RESOURCE));

    /** What this artifact's build embedded; nothing when it was built without a git checkout. */
    static BuildInfo embedded() {
        return EMBEDDED;
    }

    static BuildInfo read(InputStream in) {
        if (in == null) {
            return new BuildInfo(Optional.empty(), false, Optional.empty());
        }
        Properties p = new Properties();
        try (in) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo(nonBlank(p.getProperty("git.commit.id")), Boolean.parseBoolean(p.getProperty("git.dirty")),
                nonBlank(p.getProperty("git.build.time")));
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() || s.startsWith("${") ? Optional.empty() : Optional.of(s.trim());
    }

    /**
     * Refuses to go on, before anything is written, where {@code config} requires the build's own SHA and
     * {@code gitSha} (what the command would record) is not it.
     */
    void admit(PipelineConfig config, String gitSha) {
        if (!config.publish().requireBuildSha()) {
            return;
        }
        if (gitSha().isEmpty()) {
            throw new BlueGreenException(ErrorCode.BAD_CONFIG, "This artifact has no embedded git SHA (no " + RESOURCE
                    + "), and publish.requireBuildSha is true: owner markers and audit records must name the commit"
                    + " the running code was built from. Deploy a jar built from a git checkout"
                    + " (mvn -B -DskipTests -pl job-jar -am package; docs/databricks.md).");
        }
        if (dirty) {
            throw new BlueGreenException(ErrorCode.BAD_CONFIG, "This artifact was built from " + gitSha().get()
                    + " with uncommitted changes, and publish.requireBuildSha is true: no commit reproduces it."
                    + " Commit, then build and deploy again.");
        }
        if (!gitSha().get().equals(gitSha)) {
            throw new BlueGreenException(ErrorCode.BAD_CONFIG, "Told git SHA '" + gitSha + "' (--git-sha or"
                    + " BLUEGREEN_GIT_SHA), but this artifact was built from " + gitSha().get() + ", and"
                    + " publish.requireBuildSha is true: drop the option; it is for local builds.");
        }
    }
}

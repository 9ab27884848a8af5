package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.publish.Actor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who acts comes from the environment, never a flag, and a target that requires a trusted identity
 * ({@code publish.requireTrustedIdentity}, true in conf/databricks.yaml) refuses promote and rollback by the
 * operating-system user before Spark starts (exit 2, nothing written). No Spark.
 */
class ReleaseInputsTest {
    private static final Path CONTRACT = Path.of(System.getProperty("basedir", "."), "..", "conf", "contract.yaml")
            .toAbsolutePath().normalize();

    private static PipelineConfig config(boolean requireTrusted) {
        return ConfigLoader.load(ExitCodesTest.config(), Map.of("publish.contract", CONTRACT.toString(),
                "publish.requireTrustedIdentity", String.valueOf(requireTrusted)));
    }

    private static Arguments promote() {
        return Arguments.parse(new String[] {"promote", "--to", "green", "--release-id", "r-1"}).orElseThrow();
    }

    @Test
    void theOsUserIsRefusedWhereTheTargetRequiresATrustedIdentity() {
        PipelineConfig strict = config(true);
        ReleaseInputs osUser = ReleaseInputs.of(promote(), strict, Actor.resolve(Map.of(), "jdoe"));
        BlueGreenException e = assertThrows(BlueGreenException.class, () -> osUser.requireTrustedIdentity(strict));
        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        assertTrue(e.getMessage().contains("'os-user:jdoe'") && e.getMessage().contains("BLUEGREEN_ACTOR"),
                e.getMessage());

        for (Map<String, String> env : java.util.List.of(Map.of("BLUEGREEN_ACTOR", "svc-release"),
                Map.of("GITHUB_ACTOR", "octocat"))) {
            ReleaseInputs trusted = ReleaseInputs.of(promote(), strict, Actor.resolve(env, "jdoe"));
            assertEquals(trusted, trusted.requireTrustedIdentity(strict));
        }
    }

    @Test
    void locallyTheOsUserMayActAndIsRecordedAsSuch() {
        PipelineConfig local = config(false);
        ReleaseInputs inputs = ReleaseInputs.of(promote(), local, Actor.resolve(Map.of(), "jdoe"));
        assertEquals("os-user:jdoe", inputs.requireTrustedIdentity(local).actor());
    }
}

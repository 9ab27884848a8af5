package com.retailer.bluegreen.config;

import static com.retailer.bluegreen.config.ConfigValidationTest.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code publish} section: release state location, contract file, parallelism; bad values refused at load. */
class PublishConfigTest {

    private static ConfigException invalid(Map<String, String> overrides) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL, overrides));
    }

    @Test
    void the_release_state_is_derived_from_the_publish_storage_base_with_documented_defaults() {
        PipelineConfig c = ConfigLoader.parse(MINIMAL, Map.of());
        assertEquals(new PublishConfig("/lake", "conf/contract.yaml", 4), c.publish());
        assertEquals("main.retail", c.release().publishedSchema());
        assertEquals("/lake/retail/control/publish_state", c.release().controlTableLocation());
        assertEquals("/lake/retail/control/audit_ledger", c.release().auditLedgerLocation());
    }

    @Test
    void the_shipped_files_configure_the_publisher() {
        PipelineConfig local = ConfigLoader.load(ConfigFilesTest.MODULE_DIR.resolve("local.yaml"), Map.of());
        assertEquals("local/lake/retail_ops/control/audit_ledger", local.release().auditLedgerLocation());
        assertEquals("conf/contract.yaml", local.publish().contract());
        PipelineConfig databricks = ConfigLoader.load(ConfigFilesTest.MODULE_DIR.resolve("databricks.yaml"), Map.of());
        assertEquals("s3://retail-lake-prod/retail_ops/retail_ops/control/publish_state",
                databricks.release().controlTableLocation());
        assertEquals(8, databricks.publish().parallelism());
    }

    @Test
    void databricks_requires_a_trusted_identity_for_promote_and_rollback_and_local_does_not() {
        assertTrue(ConfigLoader.load(ConfigFilesTest.MODULE_DIR.resolve("databricks.yaml"), Map.of()).publish()
                .requireTrustedIdentity());
        assertTrue(!ConfigLoader.load(ConfigFilesTest.MODULE_DIR.resolve("local.yaml"), Map.of()).publish()
                .requireTrustedIdentity());
        assertTrue(ConfigLoader.parse(MINIMAL, Map.of("publish.requireTrustedIdentity", "true")).publish()
                .requireTrustedIdentity());
        ConfigException e = invalid(Map.of("publish.requireTrustedIdentity", "maybe"));
        assertTrue(e.getMessage().contains("publish.requireTrustedIdentity"), e.getMessage());
    }

    @Test
    void a_missing_storage_base_is_named_with_its_meaning() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(MINIMAL.replace("publish:\n  storageBase: /lake\n", ""), Map.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("Missing required configuration 'publish.storageBase' (where the"
                + " publisher keeps the pipeline's release state"), e.getMessage());
    }

    @Test
    void bad_values_name_key_value_and_expectation() {
        ConfigException e = invalid(Map.of("publish.parallelism", "0", "publish.contract", "s3://bucket/c.yaml",
                "publish.storageBase", " "));
        assertEquals(List.of(
                "Invalid value ' ' for configuration 'publish.storageBase' (from override): expected a non-empty"
                        + " string.",
                "Invalid value 's3://bucket/c.yaml' for configuration 'publish.contract' (from override): expected"
                        + " the path of a YAML file on a local disk or Volume, such as conf/contract.yaml or"
                        + " /Volumes/main/retail_ops/release/contract.yaml (not a URI).",
                "Invalid value '0' for configuration 'publish.parallelism' (from override): expected an integer"
                        + " between 1 and 64."), e.problems());
        assertTrue(invalid(Map.of("publish.contract", "conf/contract.json")).getMessage()
                .contains("(ending in .yaml or .yml)"));
        assertTrue(invalid(Map.of("publish.parralelism", "2")).getMessage()
                .contains("Did you mean 'publish.parallelism'?"));
    }

    @Test
    void release_state_inside_a_colour_root_is_refused_naming_both_keys() {
        ConfigException e = invalid(Map.of("publish.storageBase", "/lake/retail/green/g1/tables"));
        assertEquals(1, e.problems().size(), e.getMessage());
        String p = e.problems().get(0);
        assertTrue(p.startsWith("Configurations 'publish.storageBase' (from override) and"
                + " 'colours.green.storageBase' would put the release state (control table and audit ledger) and"
                + " the green colour's files in one directory tree: release control directory"
                + " '/lake/retail/green/g1/tables/retail/control' is inside the storage root"
                + " '/lake/retail/green/g1' of retail/green/g1."), p);
        assertTrue(p.contains("could then delete the audit trail"), p);
        e = invalid(Map.of("colours.blue.checkpointBase", "/lake/retail/control"));
        assertTrue(e.getMessage().contains("Configurations 'publish.storageBase' and 'colours.blue.checkpointBase'"
                + " (from override) would put the release state"), e.getMessage());
    }

    @Test
    void describe_names_the_release_state() {
        String text = ConfigLoader.describe(ConfigLoader.parse(MINIMAL, Map.of()));
        assertTrue(text.contains("  publish.parallelism = 4\n"), text);
        assertTrue(text.contains("  release state: control table /lake/retail/control/publish_state, audit ledger"
                + " /lake/retail/control/audit_ledger\n"), text);
    }
}

package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Authentication to the schema registry as Confluent's clients configure it: basic (user:password, an API key and
 * secret on Confluent Cloud), a static bearer token, or the URL's user info; secret references resolved from the
 * scope, never shown, and at most one way at a time.
 */
class RegistryAuthConfigTest {
    private static final String API_SECRET = "Sr-Api-Secret-7Qw";
    private static final String TOKEN = "Bearer-Tok-31zz";
    private static final SecretResolver SCOPE = SecretResolver.of(Map.of("kafka/brokers", SecretsTest.BROKERS,
            "registry/basic", "SRKEY42:" + API_SECRET,
            "registry/token", TOKEN));
    private static final String YAML = SecretsTest.YAML.replace(
            "url: https://svc:" + SecretsTest.REGISTRY_PASSWORD + "@registry.example.com:8081",
            "url: https://registry.example.com:8081");

    private static PipelineConfig load(Map<String, String> overrides) {
        return ConfigLoader.parse(YAML, overrides, SCOPE);
    }

    @Test
    void none_by_default() {
        PipelineConfig c = load(Map.of());
        assertEquals(Optional.empty(), c.schemaRegistry().authorization());
    }

    @Test
    void basic_credentials_from_a_secret_reference_become_an_rfc_7617_header_and_are_never_shown() {
        PipelineConfig c = load(Map.of("schemaRegistry.basicAuthCredentials", "{{secrets/registry/basic}}"));
        assertEquals(Optional.of("Basic U1JLRVk0MjpTci1BcGktU2VjcmV0LTdRdw=="), c.schemaRegistry().authorization());
        String described = ConfigLoader.describe(c);
        assertTrue(described.contains("  schemaRegistry.basicAuthCredentials = [hidden]\n"), described);
        assertFalse(described.contains(API_SECRET) || c.toString().contains(API_SECRET), described);
        assertFalse(c.schemaRegistry().toString().contains(API_SECRET), c.schemaRegistry().toString());
    }

    @Test
    void a_bearer_token_is_sent_as_is_and_never_shown() {
        PipelineConfig c = load(Map.of("schemaRegistry.bearerToken", "{{secrets/registry/token}}"));
        assertEquals(Optional.of("Bearer " + TOKEN), c.schemaRegistry().authorization());
        assertFalse(ConfigLoader.describe(c).contains(TOKEN));
        assertFalse(c.schemaRegistry().toString().contains(TOKEN), c.schemaRegistry().toString());
    }

    @Test
    void two_ways_at_once_or_credentials_without_a_user_are_refused_naming_the_keys() {
        ConfigException both = assertThrows(ConfigException.class, () -> load(Map.of(
                "schemaRegistry.basicAuthCredentials", "{{secrets/registry/basic}}",
                "schemaRegistry.bearerToken", "{{secrets/registry/token}}")));
        assertTrue(both.getMessage().contains("'schemaRegistry.basicAuthCredentials'")
                && both.getMessage().contains("'schemaRegistry.bearerToken'"), both.getMessage());
        assertFalse(both.getMessage().contains(API_SECRET) || both.getMessage().contains(TOKEN), both.getMessage());

        ConfigException inUrl = assertThrows(ConfigException.class, () -> ConfigLoader.parse(SecretsTest.YAML,
                Map.of("schemaRegistry.bearerToken", "{{secrets/registry/token}}"), SCOPE));
        assertTrue(inUrl.getMessage().contains("'schemaRegistry.url'")
                && inUrl.getMessage().contains("user info in the URL"), inUrl.getMessage());
        assertFalse(inUrl.getMessage().contains(SecretsTest.REGISTRY_PASSWORD), inUrl.getMessage());

        ConfigException noUser = assertThrows(ConfigException.class, () -> load(Map.of(
                "schemaRegistry.basicAuthCredentials", "just-a-password")));
        assertTrue(noUser.getMessage().contains("'schemaRegistry.basicAuthCredentials'")
                && noUser.getMessage().contains("expected user:password"), noUser.getMessage());
        assertFalse(noUser.getMessage().contains("just-a-password"), "its value is hidden: " + noUser.getMessage());
    }

    @Test
    void an_unresolved_reference_loads_but_is_never_sent() {
        PipelineConfig c = ConfigLoader.parse(YAML, Map.of("schemaRegistry.basicAuthCredentials",
                "{{secrets/registry/absent}}"), SCOPE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.schemaRegistry().authorization());
        assertTrue(e.getMessage().contains("'schemaRegistry.basicAuthCredentials'")
                && e.getMessage().contains("BLUEGREEN_SECRET_REGISTRY_ABSENT"), e.getMessage());
    }
}

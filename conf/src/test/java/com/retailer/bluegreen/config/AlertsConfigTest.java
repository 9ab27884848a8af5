package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code alerts.webhook.*}: the URL is a secret whatever its key's name, and a bad URL or format is refused. */
class AlertsConfigTest {
    private static final String HOOK = "https://hooks.slack.com/services/T01/B02/SlackTokenZ9x8";

    private static PipelineConfig load(Map<String, String> overrides) {
        return ConfigLoader.parse(SecretsTest.YAML, overrides, SecretsTest.SCOPE);
    }

    @Test
    void none_by_default() {
        assertFalse(load(Map.of()).alerts().hasWebhook());
        assertEquals("json", load(Map.of()).alerts().webhookFormat());
    }

    @Test
    void the_webhook_url_is_hidden_everywhere_even_written_in_plain() {
        PipelineConfig c = load(Map.of("alerts.webhook.url", HOOK, "alerts.webhook.format", "slack"));
        assertEquals(HOOK, c.alerts().webhookUrl());
        assertEquals("slack", c.alerts().webhookFormat());
        String described = ConfigLoader.describe(c);
        assertTrue(described.contains("  alerts.webhook.url = [hidden]\n"), described);
        assertFalse(described.contains("SlackTokenZ9x8") || c.toString().contains("SlackTokenZ9x8"), described);
        assertTrue(c.secrets().redactor().redact("posting to " + HOOK + " failed").contains("[hidden]"));
    }

    @Test
    void a_bad_url_or_format_is_refused_naming_the_key_without_showing_the_url() {
        ConfigException url = assertThrows(ConfigException.class, () -> load(Map.of("alerts.webhook.url",
                "hooks.slack.com/services/T01/B02/SlackTokenZ9x8")));
        assertTrue(url.getMessage().contains("'alerts.webhook.url'") && url.getMessage().contains("http or https"),
                url.getMessage());
        assertFalse(url.getMessage().contains("SlackTokenZ9x8"), url.getMessage());
        ConfigException format = assertThrows(ConfigException.class, () -> load(Map.of("alerts.webhook.format",
                "teams")));
        assertTrue(format.getMessage().contains("'alerts.webhook.format'") && format.getMessage().contains("slack"),
                format.getMessage());
    }
}

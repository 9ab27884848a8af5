package com.retailer.bluegreen.config;

import java.util.Objects;

/**
 * Where alerts go besides the console ({@code alerts.*}): a webhook receiving each alert as it fires and once when
 * it is resolved. The URL is a secret (Slack, Teams and most receivers carry their token in it): never shown.
 *
 * @param webhookUrl    the receiver's URL, empty for none
 * @param webhookFormat {@code json} (this project's alert object) or {@code slack} (a {@code {"text": …}} message,
 *                      which Slack and Teams incoming webhooks accept)
 */
public record AlertsConfig(String webhookUrl, String webhookFormat) {
    /** No webhook. */
    public static final AlertsConfig NONE = new AlertsConfig("", "json");

    public AlertsConfig {
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(webhookFormat, "webhookFormat");
    }

    public boolean hasWebhook() {
        return !webhookUrl.isEmpty();
    }

    /**
     * The webhook's URL to post to.
     *
     * @throws IllegalStateException while it is still an unresolved secret reference, naming the key and the
     *                               environment variable that resolves it
     */
    public String resolvedWebhookUrl() {
        return Secrets.requireResolved(ConfigKeys.ALERTS_WEBHOOK_URL.path(), webhookUrl);
    }

    @Override
    public String toString() {
        return "AlertsConfig[webhook=" + (hasWebhook() ? "(set)" : "none") + ", format=" + webhookFormat + "]";
    }
}

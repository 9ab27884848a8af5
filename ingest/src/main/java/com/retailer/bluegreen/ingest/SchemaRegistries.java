package com.retailer.bluegreen.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process-wide registry clients, one per registry URL. Meant for Spark executors: call {@link #open} inside
 * {@code mapPartitions} on every partition; only the first call in a JVM builds a client, later calls are a map
 * lookup, and the schema cache is shared by every task of the executor.
 */
public final class SchemaRegistries {
    private static final Map<String, ConfluentRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    /**
     * The shared client for {@code url}. The client is keyed by URL only: the first caller's {@code timeout} is the
     * one used for that URL for the life of the JVM. Closing the returned client is harmless.
     *
     * @param url     the registry root, e.g. {@code http://127.0.0.1:8081}
     * @param timeout the connect and request timeout for a newly built client
     */
    public static SchemaRegistry open(String url, Duration timeout) {
        return open(url, timeout, "");
    }

    /**
     * The shared client for {@code url} sending {@code authorization} ({@code Basic …}, {@code Bearer …}, or empty
     * for none) as the {@code Authorization} header of every request; keyed by both.
     */
    public static SchemaRegistry open(String url, Duration timeout, String authorization) {
        String key = normalize(url) + "\n" + authorization;
        return CLIENTS.computeIfAbsent(key, k -> new ConfluentRegistryClient(URI.create(normalize(url)), timeout,
                Optional.of(authorization).filter(a -> !a.isBlank())));
    }

    private static String normalize(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Schema registry URL is empty; set it in the pipeline config"
                    + " (e.g. http://127.0.0.1:8081).");
        }
        String trimmed = url.trim();
        URI uri = URI.create(trimmed);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Schema registry URL '" + url + "' must start with http:// or"
                    + " https://; fix it in the pipeline config.");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}

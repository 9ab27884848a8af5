package com.retailer.bluegreen.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The Confluent-compatible schema registry: base URL, per-request timeout, and how requests authenticate, as
 * Confluent's clients do: HTTP basic ({@code basic.auth.user.info}, here {@code basicAuthCredentials} or the URL's
 * user info {@code https://user:password@host}) or a static bearer token ({@code bearer.auth.token}). At most one
 * of the three is set (the loader refuses more). The credentials are secrets: {@link #toString} never shows them.
 *
 * @param basicAuthCredentials {@code user:password}, empty for none
 * @param bearerToken          the token, empty for none
 */
public record RegistryConfig(String url, Duration timeout, String basicAuthCredentials, String bearerToken) {

    public RegistryConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(basicAuthCredentials, "basicAuthCredentials");
        Objects.requireNonNull(bearerToken, "bearerToken");
    }

    /** A registry without authentication (or with the credentials in the URL's user info). */
    public RegistryConfig(String url, Duration timeout) {
        this(url, timeout, "", "");
    }

    /**
     * The {@code Authorization} header of every request: {@code Basic <base64(user:password)>} or
     * {@code Bearer <token>}; empty when the registry takes none or the URL carries the credentials (the client
     * takes them from there).
     *
     * @throws IllegalStateException while a credential is still an unresolved secret reference, naming the key and
     *                               the environment variable that resolves it
     */
    public Optional<String> authorization() {
        if (!basicAuthCredentials.isEmpty()) {
            return Optional.of(basic(Secrets.requireResolved(ConfigKeys.REGISTRY_BASIC_AUTH.path(),
                    basicAuthCredentials)));
        }
        return bearerToken.isEmpty() ? Optional.empty()
                : Optional.of("Bearer " + Secrets.requireResolved(ConfigKeys.REGISTRY_BEARER_TOKEN.path(),
                        bearerToken));
    }

    /** {@code Basic} and the base64 of {@code user:password} in UTF-8, as RFC 7617 writes it. */
    public static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the URL carries credentials ({@code https://user:password@host}). */
    static boolean hasUserInfo(String url) {
        try {
            return URI.create(url).getRawUserInfo() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RegistryConfig[url=" + (hasUserInfo(url) ? "(with credentials)" : url) + ", timeout=" + timeout
                + ", authentication=" + (!basicAuthCredentials.isEmpty() ? "basic" : !bearerToken.isEmpty() ? "bearer"
                : hasUserInfo(url) ? "basic (URL)" : "none") + "]";
    }
}

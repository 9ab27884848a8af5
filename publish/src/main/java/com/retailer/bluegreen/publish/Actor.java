package com.retailer.bluegreen.publish;

import java.util.Map;
import java.util.Optional;

/**
 * Who is acting, as the environment the command runs in says, never as a flag the caller types: the job's run-as
 * identity ({@code BLUEGREEN_ACTOR}, set by the deploying CI system or the Databricks job to its run-as principal),
 * else the CI user ({@code GITHUB_ACTOR}), else the operating-system user. Recorded with its source, e.g.
 * {@code GITHUB_ACTOR:octocat} or {@code os-user:jdoe}, so the audit trail says how far to trust it.
 *
 * @param source where the identity came from: {@code BLUEGREEN_ACTOR}, {@code GITHUB_ACTOR} or {@code os-user}
 * @param name   the identity
 */
public record Actor(String source, String name) {
    public static final String RUN_AS = "BLUEGREEN_ACTOR";
    public static final String GITHUB = "GITHUB_ACTOR";
    public static final String OS_USER = "os-user";

    public Actor {
        if (name == null || name.isBlank() || name.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("No usable identity from " + source + " ('" + name + "'): promotion"
                    + " and rollback record who acted. Run them as a CI job or Databricks job that sets "
                    + RUN_AS + " to its run-as principal.");
        }
        name = name.trim();
    }

    /** The identity of this process: {@link #resolve} over its environment and {@code user.name}. */
    public static Actor ofThisProcess() {
        return resolve(System.getenv(), System.getProperty("user.name"));
    }

    /** The first of {@code BLUEGREEN_ACTOR}, {@code GITHUB_ACTOR} (non-blank) in {@code env}, else {@code osUser}. */
    public static Actor resolve(Map<String, String> env, String osUser) {
        return nonBlank(env.get(RUN_AS)).map(n -> new Actor(RUN_AS, n))
                .or(() -> nonBlank(env.get(GITHUB)).map(n -> new Actor(GITHUB, n)))
                .orElseGet(() -> new Actor(OS_USER, osUser));
    }

    /**
     * Whether the identity was established by something other than the person at the keyboard: the job's run-as
     * principal ({@code BLUEGREEN_ACTOR}) or the CI system ({@code GITHUB_ACTOR}). The operating-system user is not:
     * anyone is whoever they like on their own machine. A target that requires a trusted identity
     * ({@code publish.requireTrustedIdentity}) refuses promotion and rollback without one.
     */
    public boolean trusted() {
        return !OS_USER.equals(source);
    }

    /**
     * The identity as recorded ({@link #toString()}: {@code source:name}), if {@code recorded} names a known source;
     * empty for anything else (an identity given without its source).
     */
    public static Optional<Actor> parse(String recorded) {
        if (recorded == null) {
            return Optional.empty();
        }
        for (String source : new String[] {RUN_AS, GITHUB, OS_USER}) {
            String prefix = source + ":";
            if (recorded.startsWith(prefix) && !recorded.substring(prefix.length()).isBlank()) {
                return Optional.of(new Actor(source, recorded.substring(prefix.length())));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** {@code source:name}, the form recorded in the control table and the audit ledger. */
    @Override
    public String toString() {
        return source + ":" + name;
    }
}

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

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** {@code source:name}, the form recorded in the control table and the audit ledger. */
    @Override
    public String toString() {
        return source + ":" + name;
    }
}

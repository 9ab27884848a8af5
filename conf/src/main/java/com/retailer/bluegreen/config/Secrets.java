package com.retailer.bluegreen.config;

import java.util.List;
import java.util.Locale;

/** Which option keys hold secrets, so their values never reach a log or an error message. */
final class Secrets {

    static final String HIDDEN = "[hidden]";
    private static final List<String> MARKERS = List.of("password", "secret", "sasl.jaas", "token", "key");

    private Secrets() {
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return MARKERS.stream().anyMatch(k::contains);
    }

    static String mask(String key, String value) {
        return isSecret(key) ? HIDDEN : value;
    }
}

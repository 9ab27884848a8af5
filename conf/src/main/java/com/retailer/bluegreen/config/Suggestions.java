package com.retailer.bluegreen.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" for an unknown key: a known key a small edit away, or the same leaf name at another level. */
final class Suggestions {

    private Suggestions() {
    }

    static Optional<String> closest(String unknown, Collection<String> known) {
        String u = unknown.toLowerCase(Locale.ROOT);
        int budget = u.length() > 20 ? 3 : 2;
        Optional<String> byEdit = known.stream()
                .filter(k -> distance(u, k.toLowerCase(Locale.ROOT)) <= budget)
                .min(Comparator.comparingInt((String k) -> distance(u, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k));
        if (byEdit.isPresent()) {
            return byEdit;
        }
        String leaf = leaf(u);
        return known.stream().filter(k -> leaf(k.toLowerCase(Locale.ROOT)).equals(leaf)).sorted().findFirst();
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

package com.retailer.bluegreen.layout;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The two interchangeable environments. */
public enum Colour {
    BLUE, GREEN;

    /** Lower-case name used in every derived identifier ("blue", "green"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Colour other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** Parses "blue"/"green" (any case); the error names the accepted values. */
    public static Colour parse(String text) {
        for (Colour c : values()) {
            if (c.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("Invalid colour '" + text + "': must be one of "
                + Arrays.stream(values()).map(Colour::id).collect(Collectors.joining(", ")) + ".");
    }
}

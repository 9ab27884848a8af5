package com.retailer.bluegreen.layout;

/**
 * A value that cannot be part of a {@link ColourLayout}: a pipeline name, catalog, table name or base location.
 * Carries the parts separately so a config loader can re-word it around its own key name. An argument error of the
 * layout API, hence an {@link IllegalArgumentException}: what reaches an operator is the configuration error it
 * becomes ({@code ConfigException}, exit 2).
 */
public final class InvalidLayoutException extends IllegalArgumentException {

    private final String component;
    private final String value;
    private final String expectation;

    public InvalidLayoutException(String component, String value, String expectation) {
        super("Invalid " + component + " '" + value + "': " + expectation + ".");
        this.component = component;
        this.value = value;
        this.expectation = expectation;
    }

    /** What the value was meant to be, e.g. "pipeline" or "checkpointBase". */
    public String component() {
        return component;
    }

    public String value() {
        return value;
    }

    /** What a valid value looks like, starting with "expected". */
    public String expectation() {
        return expectation;
    }
}

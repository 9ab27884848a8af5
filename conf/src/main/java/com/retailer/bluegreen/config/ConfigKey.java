package com.retailer.bluegreen.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key, declared once in {@link ConfigKeys}: its dotted path, type (for the reference docs),
 * default (null when required), parser/validator, help text, and how to read it back from a {@link PipelineConfig}
 * (for {@link ConfigLoader#describe}). Like Delta Kernel's {@code TableConfig} entries.
 */
final class ConfigKey<T> {

    /** Turns a present, non-null YAML node into a value, or reports to {@code problems} and returns null. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String path, JsonNode node, Problems problems);
    }

    private final String path;
    private final String docPath;
    private final String type;
    private final T defaultValue;
    private final Parser<T> parser;
    private final Function<PipelineConfig, T> current;
    private final Function<T, String> render;
    private final boolean map;
    private final String help;
    /** Whether the value is a secret whatever the key's name (a URL carrying a token, say). */
    private final boolean secret;

    private ConfigKey(String path, String docPath, String type, T defaultValue, Parser<T> parser,
                      Function<PipelineConfig, T> current, Function<T, String> render, boolean map, String help) {
        this(path, docPath, type, defaultValue, parser, current, render, map, help, false);
    }

    private ConfigKey(String path, String docPath, String type, T defaultValue, Parser<T> parser,
                      Function<PipelineConfig, T> current, Function<T, String> render, boolean map, String help,
                      boolean secret) {
        this.path = Objects.requireNonNull(path);
        this.docPath = Objects.requireNonNull(docPath);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.parser = Objects.requireNonNull(parser);
        this.current = Objects.requireNonNull(current);
        this.render = Objects.requireNonNull(render);
        this.map = map;
        this.help = Objects.requireNonNull(help);
        this.secret = secret;
    }

    static <T> ConfigKey<T> required(String path, String type, Parser<T> parser, Function<PipelineConfig, T> current,
                                     String help) {
        return new ConfigKey<>(path, path, type, null, parser, current, String::valueOf, false, help);
    }

    static <T> ConfigKey<T> optional(String path, String type, T defaultValue, Parser<T> parser,
                                     Function<PipelineConfig, T> current, String help) {
        return new ConfigKey<>(path, path, type, Objects.requireNonNull(defaultValue), parser, current, String::valueOf,
                false, help);
    }

    /** Documented under a template path such as {@code colours.<colour>.generation}. */
    ConfigKey<T> documentedAs(String template) {
        return new ConfigKey<>(path, template, type, defaultValue, parser, current, render, map, help, secret);
    }

    ConfigKey<T> renderedBy(Function<T, String> renderer) {
        return new ConfigKey<>(path, docPath, type, defaultValue, parser, current, renderer, map, help, secret);
    }

    /** A map of free-form entries: everything below the path belongs to this key. */
    ConfigKey<T> asMap() {
        return new ConfigKey<>(path, docPath, type, defaultValue, parser, current, render, true, help, secret);
    }

    String path() {
        return path;
    }

    String docPath() {
        return docPath;
    }

    String type() {
        return type;
    }

    boolean required() {
        return defaultValue == null;
    }

    T defaultValue() {
        return defaultValue;
    }

    boolean isMap() {
        return map;
    }

    /** A key whose value is always hidden, whatever its name ({@link Secrets}). */
    ConfigKey<T> secret() {
        return new ConfigKey<>(path, docPath, type, defaultValue, parser, current, render, map, help, true);
    }

    boolean isSecret() {
        return secret;
    }

    String help() {
        return help;
    }

    T parse(JsonNode node, Problems problems) {
        return parser.parse(path, node, problems);
    }

    T current(PipelineConfig config) {
        return current.apply(config);
    }

    String render(T value) {
        return render.apply(value);
    }

    @Override
    public String toString() {
        return path;
    }
}

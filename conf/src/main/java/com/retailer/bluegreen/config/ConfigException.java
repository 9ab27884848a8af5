package com.retailer.bluegreen.config;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

import java.util.List;

/**
 * The configuration is invalid. The message lists every problem found, one per line, each naming the key, the
 * value (secrets hidden) and what was expected; {@link #problems()} has them one by one.
 */
public final class ConfigException extends BlueGreenException {

    private final List<String> problems;

    ConfigException(String source, List<String> problems) {
        super(ErrorCode.BAD_CONFIG, message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Problems found in an already loaded configuration by the code that uses it (e.g. an expectation's SQL that
     * does not resolve against its table), reported before anything is written.
     */
    public static ConfigException of(List<String> problems) {
        return new ConfigException(null, problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        String body = String.join("\n", problems);
        if (source == null) {
            return problems.size() == 1 ? body
                    : "The configuration has " + problems.size() + " problems:\n" + body;
        }
        return "Configuration " + source + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ":\n" + body;
    }
}

package com.retailer.bluegreen.demo;

import com.retailer.bluegreen.errors.ErrorCode;

import com.retailer.bluegreen.local.LocalStack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.job.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line ({@link Main#run}) called in this JVM, on its SparkSession, with {@code conf/local.yaml} and
 * configuration overrides: exactly what an operator runs, without a JVM start per command. Used by the demo and
 * tests for {@code validate}, {@code promote}, {@code rollback}, {@code status}.
 */
public final class InProcessCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> overrides;

    /** @param overrides {@code --set} entries given to every command (a command's own {@code --set} wins) */
    public InProcessCli(Map<String, String> overrides) {
        this.overrides = new LinkedHashMap<>(overrides);
    }

    /** What a command printed and returned. */
    public record Result(int code, String out, String err) {
        /** The JSON object a {@code --json} command printed (its last stdout line). */
        public JsonNode json() {
            try {
                return JSON.readTree(out.lines().reduce((a, b) -> b).orElse(""));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out, e);
            }
        }
    }

    public Result run(String... args) {
        List<String> own = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--set") && i + 1 < args.length) {
                sets.add(args[i]);
                sets.add(args[++i]);
            } else {
                own.add(args[i]);
            }
        }
        List<String> all = new ArrayList<>(own);
        all.addAll(List.of("--config", LocalStack.configFile().toString()));
        overrides.forEach((k, v) -> all.addAll(List.of("--set", k + "=" + v)));
        all.addAll(sets);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the command; it must exit 0, else an {@link IllegalStateException} with what it printed. */
    public Result ok(String... args) {
        Result r = run(args);
        if (r.code() != ErrorCode.OK.exitStatus()) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + r.code() + ": " + r.err()
                    + r.out());
        }
        return r;
    }
}

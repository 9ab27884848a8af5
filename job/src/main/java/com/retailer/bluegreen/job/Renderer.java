package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.errors.Redactor;

/**
 * The one renderer of command output. With {@code --json} every command prints one JSON object whose first fields
 * are the envelope {@code {"command", "exitCode", "outcome"}}, followed by the result's own fields, or by
 * {@code message} for an error; without it, the result's text.
 */
final class Renderer {
    static final ObjectMapper JSON = new ObjectMapper();

    private Renderer() {
    }

    /** The output of {@code result} of {@code command}: its JSON object, or its text. */
    static String render(String command, CommandResult result, boolean json) {
        return json ? json(command, result) : result.text();
    }

    static String json(String command, CommandResult result) {
        ObjectNode n = envelope(command, result.code(), result.outcome());
        result.json(n);
        return n.toString();
    }

    /** The JSON object of a command that ended with an error: the envelope and the error's message. */
    static String error(String command, ErrorCode code, Throwable e) {
        return error(command, code, e, Redactor.NONE);
    }

    /** {@link #error(String, ErrorCode, Throwable)} with the message's secrets hidden by {@code redactor}. */
    static String error(String command, ErrorCode code, Throwable e, Redactor redactor) {
        return envelope(command, code, code.outcome()).put("message", redactor.message(e)).toString();
    }

    private static ObjectNode envelope(String command, ErrorCode code, String outcome) {
        return JSON.createObjectNode().put("command", command).put("exitCode", code.exitStatus())
                .put("outcome", outcome);
    }
}

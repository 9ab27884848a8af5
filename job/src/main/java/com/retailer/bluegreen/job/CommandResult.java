package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * What a command returns: its {@link ErrorCode} (which {@link Main} turns into the exit status), its text for
 * people and its fields for machines. {@link Renderer} is the one place that turns it into output.
 */
interface CommandResult {

    /** The outcome's code: {@link ErrorCode#OK} unless the command ran and found something to report as refused. */
    default ErrorCode code() {
        return ErrorCode.OK;
    }

    /** The {@code outcome} field of the JSON output; the code's name unless the command has a more precise one. */
    default String outcome() {
        return code().outcome();
    }

    /** The text printed on stdout without {@code --json}; empty for nothing. */
    String text();

    /** Adds the command's own fields to the JSON object that already carries command, exit code and outcome. */
    void json(ObjectNode into);
}

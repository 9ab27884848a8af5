package com.retailer.bluegreen.errors;

import java.util.Objects;

/**
 * The base of every error this project raises on purpose: an {@link ErrorCode} (exit status and outcome name) and
 * a message that says what happened, why, and what to do, in that order; {@link #of} joins the three parts.
 * Subclasses exist only where a caller needs more than the code (say, the checkpoint root that is owned, or the
 * offsets Kafka no longer retains); each fixes its own code.
 */
public class BlueGreenException extends RuntimeException {
    private final ErrorCode code;

    public BlueGreenException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public BlueGreenException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * An error whose message is {@code problem}, then {@code cause}, then {@code fix}, each a sentence, e.g.
     * {@code of(BAD_CONFIG, "Cannot start blue.", "Its checkpoint root is owned by green.", "Use blue's own root.")}.
     */
    public static BlueGreenException of(ErrorCode code, String problem, String cause, String fix) {
        return new BlueGreenException(code, sentences(problem, cause, fix));
    }

    /** {@code problem cause fix}, each trimmed and joined by one space; blank parts are left out. */
    public static String sentences(String problem, String cause, String fix) {
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] {problem, cause, fix}) {
            if (part != null && !part.isBlank()) {
                sb.append(sb.length() == 0 ? "" : " ").append(part.trim());
            }
        }
        return sb.toString();
    }

    /** What kind of error this is: its exit status and outcome name. */
    public ErrorCode code() {
        return code;
    }

    /**
     * The code {@code thrown} stands for: that of {@code thrown} itself if it is one of ours, else of the first of
     * ours among its causes (a batch's error reaches the command wrapped in the streaming query's failure), else
     * {@link ErrorCode#FAILED}.
     */
    public static ErrorCode codeOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BlueGreenException e) {
                return e.code();
            }
        }
        return ErrorCode.FAILED;
    }

    /** The first of our errors in {@code thrown}'s chain of causes, else {@code thrown} itself. */
    public static Throwable headline(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BlueGreenException) {
                return t;
            }
        }
        return thrown;
    }
}

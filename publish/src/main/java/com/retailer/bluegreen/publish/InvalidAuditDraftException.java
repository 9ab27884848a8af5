package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

import java.util.List;

/** An {@link AuditDraft} with invalid fields; {@link #problems()} names each field, its value and what was expected. */
public final class InvalidAuditDraftException extends BlueGreenException {
    private final List<String> problems;

    InvalidAuditDraftException(String message, List<String> problems) {
        super(ErrorCode.FAILED, message);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

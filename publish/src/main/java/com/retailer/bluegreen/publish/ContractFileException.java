package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

import java.util.List;

/**
 * The consumer contract file could not be read or is not a valid contract. Nothing was published or recorded; the
 * message lists every problem, each naming the view and column, and {@link #problems()} has them one by one.
 */
public final class ContractFileException extends BlueGreenException {
    private final List<String> problems;

    ContractFileException(String message, List<String> problems) {
        super(ErrorCode.BAD_CONFIG, message);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

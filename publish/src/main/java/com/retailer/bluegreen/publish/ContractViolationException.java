package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

import java.util.List;

/**
 * A colour's table does not satisfy the contract: a contract column exists there with a type that cannot be cast to
 * the contract's without losing information. Nothing was published for that view; {@link #problems()} lists each
 * column with both types.
 */
public final class ContractViolationException extends BlueGreenException {
    private final String view;
    private final List<String> problems;

    ContractViolationException(String message, String view, List<String> problems) {
        super(ErrorCode.CONTRACT_VIOLATION, message);
        this.view = view;
        this.problems = List.copyOf(problems);
    }

    /** The contract view whose source table is at fault. */
    public String view() {
        return view;
    }

    /** One entry per incompatible column: {@code "<column> is <table type> where the contract says <type>"}. */
    public List<String> problems() {
        return problems;
    }
}

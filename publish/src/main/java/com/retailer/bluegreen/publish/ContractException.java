package com.retailer.bluegreen.publish;

/**
 * A contract is not valid, or a newer contract does not only grow the one in force (it drops a view or a column, or
 * changes a column's type). The message names the view and column; nothing was published with it.
 */
public final class ContractException extends RuntimeException {
    ContractException(String message) {
        super(message);
    }
}

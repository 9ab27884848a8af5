package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;

/**
 * A contract is not valid, or a newer contract does not only grow the one in force (it drops a view or a column, or
 * changes a column's type). The message names the view and column; nothing was published with it.
 */
public final class ContractException extends BlueGreenException {
    ContractException(String message) {
        super(ErrorCode.CONTRACT_VIOLATION, message);
    }
}

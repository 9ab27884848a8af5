package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import java.util.List;

/**
 * Errors that stop a gate from being decided: each says what is wrong, why, and what to do. What an operator can
 * cause is a {@link BlueGreenException}; a caller breaking an API precondition gets an {@link
 * IllegalArgumentException} or {@link IllegalStateException} (a bug; the command fails with exit 1 either way).
 */
public final class GateErrors {
    private GateErrors() {
    }

    public static BlueGreenException notADeltaTable(String table, String location) {
        return new BlueGreenException(ErrorCode.FAILED, "Cannot reconcile " + table + ": " + location + " is not a Delta table."
                + " Pass the table's storage location (ColourLayout.tableLocation) of each colour; a colour that has"
                + " not created its tables yet cannot be validated.");
    }

    public static BlueGreenException columnsMissing(String table, String location, List<String> missing) {
        return new BlueGreenException(ErrorCode.FAILED, "Cannot reconcile " + table + " at " + location + ": it has no column "
                + String.join(", ", missing) + ". The spec compares columns both colours have; the schema gate"
                + " names what the candidate dropped, and a column only one colour has is left out of the spec.");
    }

    static IllegalArgumentException noThreshold(String key) {
        return new IllegalArgumentException("No failure-rate threshold applies to expectation " + key + ": give one"
                + " for '" + key + "' or a default under '*' in the quality gate's thresholds.");
    }

    static IllegalArgumentException duplicateCounts(String colour, String key) {
        return new IllegalArgumentException("The " + colour + " colour's expectation counts list " + key + " twice."
                + " Aggregate the per-batch counts first, one row per (table, expectation), counting each batch id"
                + " once, so a replayed batch is not counted twice.");
    }

    static IllegalStateException noRecordAt(String topic, int partition, long offset, long end) {
        return new IllegalStateException("Cannot measure the freshness of " + topic + "-" + partition + ": no record"
                + " was read at or after offset " + offset + " although the end offset is " + end + ". Kafka did not"
                + " answer in time or the records were deleted; take the sample again (a missing sample leaves a gap"
                + " the freshness gate reports).");
    }
}

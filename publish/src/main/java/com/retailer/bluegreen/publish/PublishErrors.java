package com.retailer.bluegreen.publish;

import java.util.List;

/** Every user-facing error of the contract, control table and publisher, worded once: the problem, why, what to do. */
final class PublishErrors {

    private PublishErrors() {
    }

    static ContractException invalidContract(String problem) {
        return new ContractException("Invalid consumer contract: " + problem + ". Fix the contract definition;"
                + " nothing was published with it.");
    }

    static ContractException viewDropped(String view) {
        return new ContractException("The newer contract drops view '" + view + "'. The contract only grows:"
                + " consumers may query every view it ever listed. Keep view '" + view + "' in the contract"
                + " (a colour that no longer produces a column publishes it as a typed NULL).");
    }

    static ContractException columnDropped(String view, Contract.Column column) {
        return new ContractException("The newer contract drops column '" + column.name() + "' (" + column.type()
                + ") of view '" + view + "'. The contract only grows: consumers' queries may use the column. Keep it"
                + " in the contract; a colour without it publishes it as CAST(NULL AS " + column.type() + ").");
    }

    static ContractException typeChanged(String view, Contract.Column column, String newType) {
        return new ContractException("The newer contract changes column '" + column.name() + "' of view '" + view
                + "' from " + column.type() + " to " + newType + ". The contract only grows, and consumers read the"
                + " column as " + column.type() + ". Keep the type and add a new column with the new type instead.");
    }

    static ContractException noSuchView(String view, Contract contract) {
        return new ContractException("View '" + view + "' is not in the consumer contract (its views: "
                + contract.views().keySet() + "). Add it to the contract before publishing it.");
    }

    static ContractViolationException colourViolatesContract(Contract.View view, String table, List<String> problems) {
        return new ContractViolationException("Colour table " + table + " does not satisfy the contract of view '"
                + view.name() + "': " + String.join("; ", problems) + ". A cast there could fail or lose data, so"
                + " the view was not switched to this colour. Fix the colour's table (or its transform) to produce"
                + " the contract types, then promote again.", view.name(), problems);
    }

    static ContractException noReleaseId() {
        return new ContractException("No release id to publish: every view exposes the release it serves as '"
                + Contract.RELEASE_ID + "'. Propose the colour with its release id.");
    }

    static ConcurrentPromotionException concurrentProposal(String location, long expected, Long found,
                                                           Throwable deltaConflict) {
        String how = found != null
                ? "the control table is at epoch " + found
                : deltaConflict != null
                        ? "Delta's commit check found a concurrent proposal rewriting the same row"
                        : "a proposal committed after this one read the table, so Delta skipped this one";
        return new ConcurrentPromotionException("Proposal refused, nothing was changed: it expected control table '"
                + location + "' at epoch " + expected + ", but another promotion or rollback moved it on first ("
                + how + "). Re-read the desired state and decide again whether this change still applies.",
                expected, deltaConflict);
    }

    static SupersededException superseded(String view, DesiredState applying, DesiredState current) {
        return new SupersededException("Reconcile of epoch " + applying.epoch() + " (" + applying.colour() + ", "
                + "release " + applying.releaseId() + ") stopped before switching view '" + view + "': the control"
                + " table moved on to epoch " + current.epoch() + " (" + current.colour() + ", release "
                + current.releaseId() + ", by " + current.actor() + "), which wins. Views not yet switched stay"
                + " where they were; reconcile the current desired state to converge.",
                applying.epoch(), current.epoch());
    }

    static IllegalStateException nothingProposed(String location) {
        return new IllegalStateException("Nothing to publish: control table '" + location + "' is at epoch 0, no"
                + " colour was ever proposed. Propose a colour and release first.");
    }

    static IllegalStateException noControlTable(String location) {
        return new IllegalStateException("No publish control table at '" + location + "': there is no Delta table"
                + " there. Check the location (<storage>/<pipeline>/control/publish_state); it is created by"
                + " ControlTable.openOrCreate.");
    }

    static IllegalStateException controlRows(String location, int rows) {
        return new IllegalStateException("Publish control table '" + location + "' has " + rows + " rows where it"
                + " must have exactly one, so the desired state is unknown and nothing was changed. The table was"
                + " edited outside ControlTable: find the commit with DESCRIBE HISTORY delta.`" + location + "` and"
                + " RESTORE the version before it.");
    }
}

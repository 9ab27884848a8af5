package com.retailer.bluegreen.layout;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;


/** A job tried to run on a checkpoint root whose owner marker names another (pipeline, colour, generation). */
public final class CheckpointOwnershipException extends BlueGreenException {

    private final String checkpointRoot;
    private final OwnerMarker owner;
    private final OwnerMarker claimant;

    CheckpointOwnershipException(String message, String checkpointRoot, OwnerMarker owner, OwnerMarker claimant) {
        super(ErrorCode.NOT_OWNER, message);
        this.checkpointRoot = checkpointRoot;
        this.owner = owner;
        this.claimant = claimant;
    }

    public String checkpointRoot() {
        return checkpointRoot;
    }

    /** The marker found on the root. */
    public OwnerMarker owner() {
        return owner;
    }

    /** The marker of the job that was refused. */
    public OwnerMarker claimant() {
        return claimant;
    }
}

package com.retailer.bluegreen.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Every user-facing error of this package, worded once: the problem, why, and what to do. */
final class LayoutErrors {

    private LayoutErrors() {
    }

    static CheckpointOwnershipException notOwner(Path root, OwnerMarker owner, OwnerMarker claimant) {
        return new CheckpointOwnershipException("Checkpoint root '" + root + "' is owned by " + owner.describe()
                + ", so " + claimant.describe() + " may not run on it. A colour job runs only on a checkpoint it owns"
                + " (sharing one would interleave two jobs' batches). Run with your own colour and generation, whose"
                + " checkpoint root is separate, or start a new generation (increase colours." + claimant.colour().id()
                + ".generation) to get a fresh checkpoint root. Do not edit or delete '" + OwnerMarker.FILE_NAME
                + "' to take over a checkpoint another job may still be using.", root, owner, claimant);
    }

    static CheckpointFormatException unreadable(Path file, String problem, Throwable cause) {
        return new CheckpointFormatException("Cannot read checkpoint file '" + file + "': " + problem
                + ". The file is not in the format Spark Structured Streaming writes (or was damaged); inspect it,"
                + " and if the checkpoint is corrupt start a new generation rather than editing it.", file, cause);
    }

    static CheckpointFormatException unreadableMarker(Path file, String problem, Throwable cause) {
        return new CheckpointFormatException("Cannot read owner marker '" + file + "': " + problem
                + ". It should hold {\"pipeline\":…,\"colour\":…,\"generation\":…,\"gitSha\":…}; find out which job"
                + " wrote it before changing it.", file, cause);
    }

    static UncheckedIOException io(String action, Path path, IOException e) {
        return new UncheckedIOException("Could not " + action + " '" + path + "': " + e, e);
    }
}

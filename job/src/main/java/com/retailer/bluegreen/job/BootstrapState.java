package com.retailer.bluegreen.job;

import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.ConsistentCut;
import com.retailer.bluegreen.layout.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What a colour generation's bootstrap left behind, as the job, the gates and the next bootstrap read it: the cut it
 * started from ({@link ColourLayout#bootstrapCutFile()}) and whether it finished ({@link
 * ColourLayout#bootstrapDoneFile()}). Written only by {@link Bootstrap}.
 */
public final class BootstrapState {
    /** Table property of the commit the bootstrap adds after each clone: the Gold query starts reading there. */
    public static final String MARKER_PROPERTY = "bluegreen.bootstrap";
    /** The version of a cloned table at which the colour's own history starts (0 is the clone, 1 the marker). */
    public static final long FIRST_OWN_VERSION = 1;

    private BootstrapState() {
    }

    /** The cut this colour generation was bootstrapped from, if it was. */
    public static Optional<ConsistentCut> cutOf(Storage storage, ColourLayout layout) {
        String file = layout.bootstrapCutFile();
        return isFile(storage, file) ? Optional.of(ConsistentCut.read(storage, file)) : Optional.empty();
    }

    /** Whether a bootstrap from a cut finished ({@code done.json} written last). */
    static boolean finished(Storage storage, ColourLayout layout) {
        return isFile(storage, layout.bootstrapDoneFile());
    }

    private static boolean isFile(Storage storage, String location) {
        try {
            return storage.isFile(location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    /**
     * Refuses to start a generation whose bootstrap from a cut began but did not finish (its clones or the backfill
     * of a column its release adds may be missing): the job would otherwise build on incomplete tables.
     */
    public static void requireFinished(Storage storage, ColourLayout layout) {
        Optional<ConsistentCut> cut = cutOf(storage, layout);
        if (cut.isPresent() && !finished(storage, layout)) {
            throw new BootstrapException("The bootstrap of " + layout.jobName() + " generation "
                    + layout.generation() + " from " + cut.get().colour().id() + "'s cut at Gold batch "
                    + cut.get().goldBatch() + " did not finish (" + layout.bootstrapCutFile() + " exists, "
                    + Storage.name(layout.bootstrapDoneFile()) + " does not). Run the bootstrap again"
                    + " (bootstrap --colour " + layout.colour().id() + " --from " + cut.get().colour().id()
                    + "): it resumes the same cut. Nothing was written.");
        }
    }
}

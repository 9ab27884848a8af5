package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;
import java.time.Instant;
import java.util.Optional;

/**
 * What the published views should serve, as the control table holds it. Epoch 0 is the state of a control table
 * nothing was ever proposed to: no colour, no release.
 *
 * @param colour    the active colour, or null at epoch 0
 * @param epoch     rises by one with every accepted proposal
 * @param releaseId the release the active colour serves, or null at epoch 0
 * @param updatedAt when the state was proposed
 * @param actor     who proposed it
 */
public record DesiredState(Colour colour, long epoch, String releaseId, Instant updatedAt, String actor) {
    /** The state before anything was ever proposed: epoch 0, no colour, no release. */
    public static final DesiredState NONE = new DesiredState(null, 0, null, null, null);

    /** The active colour, empty while nothing was proposed. */
    public Optional<Colour> activeColour() {
        return Optional.ofNullable(colour);
    }
}

package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;
import java.util.SortedMap;

/**
 * Port: where the publisher's desired state lives (the active colour, epoch, release id), with a compare-and-set
 * that admits one proposal per epoch. On Databricks and locally it is a one-row Delta table
 * ({@code publish.spark.ControlTable}); the unit tests use an in-memory one. Every implementation passes
 * {@code ControlStoreContract}.
 */
public interface ControlStore {

    /** Where the state lives, for messages. */
    String location();

    /** The desired state now; {@link DesiredState#NONE} (epoch 0) while nothing was ever proposed. Creates nothing. */
    DesiredState desired();

    /** Creates the store at epoch 0 if there is none; safe to call from several processes at once. */
    void createIfAbsent();

    /**
     * Moves the desired state to {@code colour} serving {@code releaseId}, at epoch {@code expectedEpoch + 1}, if and
     * only if the current epoch is {@code expectedEpoch}. Of two proposals from the same epoch exactly one succeeds.
     *
     * @return the new desired state, stamped with the time of the proposal
     * @throws ConcurrentPromotionException if the epoch is not (or no longer) {@code expectedEpoch}; nothing changed
     */
    DesiredState propose(long expectedEpoch, Colour colour, String releaseId, String actor);

    /**
     * The desired state each epoch above {@code afterEpoch} had, by epoch, as far as the store's history reaches:
     * what a re-run records for epochs whose own run died before recording them.
     */
    SortedMap<Long, DesiredState> statesAfter(long afterEpoch);
}

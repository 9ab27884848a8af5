package com.retailer.bluegreen.publish.memory;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.ControlStore;
import com.retailer.bluegreen.publish.DesiredState;
import com.retailer.bluegreen.publish.PublishErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link ControlStore} in memory: the desired state and its history (one entry per accepted proposal), with the
 * same compare-and-set. {@link #beforeCommit} runs inside a proposal between its read and its commit, as the Delta
 * table's does, so a test can stop a run there or make two proposals race.
 */
public final class InMemoryControlStore implements ControlStore {
    private final Clock clock;
    private final List<DesiredState> history = new ArrayList<>();
    private boolean exists;
    private Runnable beforeCommit = () -> { };

    public InMemoryControlStore(Clock clock) {
        this.clock = clock;
    }

    public InMemoryControlStore() {
        this(Clock.systemUTC());
    }

    /** Runs {@code hook} in every later proposal after its read, before its commit. */
    public InMemoryControlStore beforeCommit(Runnable hook) {
        this.beforeCommit = hook;
        return this;
    }

    @Override
    public String location() {
        return "memory:control";
    }

    @Override
    public synchronized DesiredState desired() {
        return history.isEmpty() ? DesiredState.NONE : history.get(history.size() - 1);
    }

    @Override
    public synchronized void createIfAbsent() {
        exists = true;
    }

    /** Whether anything was ever created. */
    public synchronized boolean exists() {
        return exists;
    }

    @Override
    public DesiredState propose(long expectedEpoch, Colour colour, String releaseId, String actor) {
        if (releaseId == null || releaseId.isBlank()) {
            throw PublishErrors.noReleaseId();
        }
        long read;
        synchronized (this) {
            if (!exists) {
                throw new IllegalStateException("no control store: createIfAbsent first");
            }
            read = desired().epoch();
        }
        if (read != expectedEpoch) {
            throw PublishErrors.concurrentProposal(location(), expectedEpoch, read, null);
        }
        beforeCommit.run();
        synchronized (this) {
            if (desired().epoch() != expectedEpoch) {
                throw PublishErrors.concurrentProposal(location(), expectedEpoch, null, null);
            }
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            DesiredState now = new DesiredState(colour, expectedEpoch + 1, releaseId, at, actor);
            history.add(now);
            return now;
        }
    }

    @Override
    public synchronized SortedMap<Long, DesiredState> statesAfter(long afterEpoch) {
        TreeMap<Long, DesiredState> out = new TreeMap<>();
        history.stream().filter(s -> s.epoch() > afterEpoch).forEach(s -> out.put(s.epoch(), s));
        return out;
    }

    /** How many proposals were accepted. */
    public synchronized int commits() {
        return history.size();
    }
}

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
    private final String location;
    /** The state every handle shares (guarded by itself). */
    private final List<DesiredState> history;
    private final boolean[] exists;
    private Runnable beforeCommit = () -> { };

    public InMemoryControlStore(Clock clock) {
        this(clock, "memory:control", new ArrayList<>(), new boolean[1]);
    }

    /** A store at another location: a second control table. */
    public InMemoryControlStore(String location) {
        this(Clock.systemUTC(), location, new ArrayList<>(), new boolean[1]);
    }

    private InMemoryControlStore(Clock clock, String location, List<DesiredState> history, boolean[] exists) {
        this.clock = clock;
        this.location = location;
        this.history = history;
        this.exists = exists;
    }

    /** Another handle on this store's state, as a second process would open it, with its own hook. */
    public InMemoryControlStore handle(Runnable hook) {
        return new InMemoryControlStore(clock, location, history, exists).beforeCommit(hook);
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
        return location;
    }

    @Override
    public DesiredState desired() {
        synchronized (history) {
            return history.isEmpty() ? DesiredState.NONE : history.get(history.size() - 1);
        }
    }

    @Override
    public void createIfAbsent() {
        synchronized (history) {
            exists[0] = true;
        }
    }

    /** Whether anything was ever created. */
    public boolean exists() {
        synchronized (history) {
            return exists[0];
        }
    }

    @Override
    public DesiredState propose(long expectedEpoch, Colour colour, String releaseId, String actor) {
        if (releaseId == null || releaseId.isBlank()) {
            throw PublishErrors.noReleaseId();
        }
        long read;
        synchronized (history) {
            if (!exists[0]) {
                throw new IllegalStateException("no control store: createIfAbsent first");
            }
            read = desired().epoch();
        }
        if (read != expectedEpoch) {
            throw PublishErrors.concurrentProposal(location(), expectedEpoch, read, null);
        }
        beforeCommit.run();
        synchronized (history) {
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
    public SortedMap<Long, DesiredState> statesAfter(long afterEpoch) {
        synchronized (history) {
            TreeMap<Long, DesiredState> out = new TreeMap<>();
            history.stream().filter(s -> s.epoch() > afterEpoch).forEach(s -> out.put(s.epoch(), s));
            return out;
        }
    }

    /** How many proposals were accepted. */
    public int commits() {
        synchronized (history) {
            return history.size();
        }
    }
}

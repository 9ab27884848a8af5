package com.retailer.bluegreen.publish.memory;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.ColourJobs;
import java.util.EnumMap;
import java.util.Map;

/** {@link ColourJobs} in memory: counts how many jobs of each colour run; nothing is started. */
public final class InMemoryColourJobs implements ColourJobs {
    private final Map<Colour, Integer> running = new EnumMap<>(Colour.class);
    private int starts;

    @Override
    public synchronized void start(Colour colour) {
        if (running.getOrDefault(colour, 0) == 0) {
            running.put(colour, 1);
            starts++;
        }
    }

    @Override
    public synchronized void stop(Colour colour) {
        running.put(colour, 0);
    }

    @Override
    public synchronized State state(Colour colour) {
        return running.getOrDefault(colour, 0) > 0 ? State.RUNNING : State.STOPPED;
    }

    /** How many jobs were started in all. */
    public synchronized int starts() {
        return starts;
    }
}

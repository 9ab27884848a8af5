package com.retailer.bluegreen.publish.release;

import java.time.Duration;
import java.time.Instant;

/** Port: the time a release waits in (catch-up polls, bake samples); tests advance a fake one instantly. */
public interface Ticker {

    /** Now. */
    Instant now();

    /** Waits {@code duration}. */
    void sleep(Duration duration);

    /** The system clock and {@link Thread#sleep}. */
    static Ticker system() {
        return new Ticker() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration) {
                try {
                    Thread.sleep(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting", e);
                }
            }
        };
    }
}

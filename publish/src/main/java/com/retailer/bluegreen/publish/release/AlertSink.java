package com.retailer.bluegreen.publish.release;

/**
 * Port: where a release raises alerts (an automatic rollback, an inconclusive bake sample, failed gates). Locally
 * the console and a file; the monitoring issue adds webhook and e-mail sinks.
 */
public interface AlertSink {

    /** How urgent. */
    enum Severity { INFO, WARNING, CRITICAL }

    /**
     * An alert.
     *
     * @param severity  how urgent
     * @param releaseId the release it is about
     * @param title     one line
     * @param text      what happened, the evidence, what to do
     */
    record Alert(Severity severity, String releaseId, String title, String text) {
    }

    /** Raises {@code alert}; must not throw for a delivery failure (it logs it). */
    void raise(Alert alert);
}

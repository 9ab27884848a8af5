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
     * @param key       the condition it reports: a sink delivers a firing alert once while its key is firing, and
     *                  a resolved one only for a key that fired
     * @param resolved  whether this says the condition ended
     */
    record Alert(Severity severity, String releaseId, String title, String text, String key, boolean resolved) {

        /** A firing alert whose condition is its release and title. */
        public Alert(Severity severity, String releaseId, String title, String text) {
            this(severity, releaseId, title, text, releaseId + ": " + title, false);
        }

        /** Raising an alert must never fail: a missing title, text or key is made empty or derived, not refused. */
        public Alert {
            java.util.Objects.requireNonNull(severity, "severity");
            title = title == null ? "" : title;
            text = text == null ? "" : text;
            key = key == null ? releaseId + ": " + title : key;
        }

        /** The alert saying this one's condition ended. */
        public Alert resolvedBecause(String why) {
            return new Alert(Severity.INFO, releaseId, "resolved: " + title, why, key, true);
        }
    }

    /** Raises {@code alert}; must not throw for a delivery failure (it logs it). */
    void raise(Alert alert);
}

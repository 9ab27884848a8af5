package com.retailer.bluegreen.publish.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to a webhook (Slack, Teams, or any receiver of JSON) without ever making the caller wait: {@link #raise}
 * queues the alert and returns; one background thread delivers in order, retrying a receiver that fails, is slow or
 * is down with exponential backoff until it answers 2xx or the alert is older than the give-up age (then it is logged
 * as undelivered, never silently dropped). A firing alert is delivered once while its key is firing (a bake that
 * samples the same breach every 30 s notifies once), and a resolved one only for a key that fired. The URL usually
 * carries the receiver's token: it is never printed (logs show scheme and host only).
 */
public final class WebhookAlertSink implements AlertSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body of each post. */
    public enum Format {
        /** This project's alert object: key, status, severity, releaseId, title, text, at. */
        JSON,
        /** {@code {"text": "…"}}, which Slack and Teams incoming webhooks display. */
        SLACK;

        /** {@code json} or {@code slack}, as configured ({@code alerts.webhook.format}). */
        public static Format of(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * How delivery behaves.
     *
     * @param timeout     the limit of one post (connect and answer)
     * @param firstRetry  the wait after the first failure; doubled after each further one
     * @param maxRetry    the longest wait between two attempts
     * @param giveUpAfter how long an alert is retried before it is logged as undelivered
     * @param capacity    how many alerts may wait; beyond it the oldest is logged as undelivered
     */
    public record Delivery(Duration timeout, Duration firstRetry, Duration maxRetry, Duration giveUpAfter,
                           int capacity) {
        /** 10 s per post; retries after 1 s doubling to 60 s; for an hour; 10,000 waiting. */
        public static final Delivery DEFAULT = new Delivery(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofHours(1), 10_000);

        public Delivery {
            if (timeout.isNegative() || timeout.isZero() || firstRetry.isNegative() || firstRetry.isZero()
                    || maxRetry.compareTo(firstRetry) < 0 || capacity < 1) {
                throw new IllegalArgumentException("invalid delivery settings " + timeout + ", " + firstRetry + ", "
                        + maxRetry + ", " + giveUpAfter + ", " + capacity);
            }
        }
    }

    /** What happened to the alerts raised so far. */
    public record Counts(long delivered, long deduplicated, long undelivered, long waiting) {
    }

    private record Pending(Alert alert, Instant raised) {
    }

    private final URI url;
    private final Format format;
    private final Delivery delivery;
    private final Clock clock;
    private final HttpClient http;
    private final LinkedBlockingDeque<Pending> queue;
    private final Set<String> firing = ConcurrentHashMap.newKeySet();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deduplicated = new AtomicLong();
    private final AtomicLong undelivered = new AtomicLong();
    /** Accepted and neither delivered nor given up yet: waiting or in flight. */
    private final AtomicLong pending = new AtomicLong();
    private final Thread sender;
    private volatile boolean closed;

    public WebhookAlertSink(URI url, Format format) {
        this(url, format, Delivery.DEFAULT, Clock.systemUTC());
    }

    public WebhookAlertSink(URI url, Format format, Delivery delivery, Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("an alert webhook must be an http or https URL, not "
                    + shown(url));
        }
        this.format = Objects.requireNonNull(format, "format");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder().connectTimeout(delivery.timeout()).build();
        this.queue = new LinkedBlockingDeque<>(delivery.capacity());
        this.sender = new Thread(this::deliverAll, "alert-webhook " + shown(url));
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Queues {@code alert} and returns at once; never throws for the receiver's sake. */
    @Override
    public void raise(Alert alert) {
        if (closed) {
            LOG.warn("alert raised after the webhook sink {} was closed, not delivered: {}", shown(url),
                    alert.title());
            undelivered.incrementAndGet();
            return;
        }
        if (alert.resolved() ? !firing.remove(alert.key()) : !firing.add(alert.key())) {
            deduplicated.incrementAndGet();
            return;
        }
        Pending p = new Pending(alert, clock.instant());
        pending.incrementAndGet();
        while (!queue.offerLast(p)) {
            Pending oldest = queue.pollFirst();
            if (oldest != null) {
                pending.decrementAndGet();
                undelivered.incrementAndGet();
                LOG.error("alert webhook {}: {} alerts are waiting, the oldest is dropped undelivered: {}",
                        shown(url), delivery.capacity(), oldest.alert().title());
            }
        }
    }

    /** What happened so far. */
    public Counts counts() {
        return new Counts(delivered.get(), deduplicated.get(), undelivered.get(), queue.size());
    }

    /**
     * Stops accepting alerts and waits up to {@code flush} for the waiting ones to be delivered; what is still
     * waiting then is logged as undelivered.
     */
    public void close(Duration flush) {
        closed = true;
        long deadline = System.nanoTime() + flush.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sender.interrupt();
        try {
            sender.join(delivery.timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending p; (p = queue.pollFirst()) != null; ) {
            pending.decrementAndGet();
            undelivered.incrementAndGet();
            LOG.error("alert webhook {} closed with an alert undelivered: {}", shown(url), p.alert().title());
        }
    }

    /** {@link #close(Duration)} with the post timeout as the flush time. */
    @Override
    public void close() {
        close(delivery.timeout());
    }

    @Override
    public String toString() {
        return "WebhookAlertSink[" + shown(url) + ", " + format + "]";
    }

    /** The URL without what may carry a token: scheme, host and port only. */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
    }

    private void deliverAll() {
        while (true) {
            Pending p;
            try {
                p = queue.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            if (!deliver(p)) {
                return;
            }
        }
    }

    /** Posts {@code p} until it is delivered or too old; false when interrupted (closing). */
    private boolean deliver(Pending p) {
        Duration wait = delivery.firstRetry();
        int attempt = 0;
        while (true) {
            attempt++;
            String failure = post(p.alert());
            if (failure == null) {
                delivered.incrementAndGet();
                pending.decrementAndGet();
                return true;
            }
            Duration age = Duration.between(p.raised(), clock.instant());
            if (age.compareTo(delivery.giveUpAfter()) >= 0) {
                undelivered.incrementAndGet();
                pending.decrementAndGet();
                LOG.error("alert webhook {}: gave up after {} attempts over {} s ({}); undelivered: {}", shown(url),
                        attempt, age.toSeconds(), failure, p.alert().title());
                return true;
            }
            LOG.warn("alert webhook {}: attempt {} failed ({}); retrying in {} ms", shown(url), attempt, failure,
                    wait.toMillis());
            try {
                TimeUnit.NANOSECONDS.sleep(wait.toNanos());
            } catch (InterruptedException e) {
                queue.offerFirst(p);
                return false;
            }
            wait = wait.multipliedBy(2).compareTo(delivery.maxRetry()) > 0 ? delivery.maxRetry() : wait.multipliedBy(2);
        }
    }

    /** One post; null when the receiver answered 2xx, else why not (never the URL). */
    private String post(Alert alert) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(delivery.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    String body(Alert alert) {
        Instant at = clock.instant();
        if (format == Format.SLACK) {
            String mark = alert.resolved() ? "RESOLVED" : alert.severity().name();
            return JSON.createObjectNode().put("text", "[" + mark + "] " + alert.title() + "\n" + alert.text())
                    .toString();
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("key", alert.key()).put("status", alert.resolved() ? "resolved" : "firing")
                .put("severity", alert.severity().name()).put("releaseId", alert.releaseId())
                .put("title", alert.title()).put("text", alert.text()).put("at", at.toString())
                .put("source", "bluegreen");
        return o.toString();
    }
}

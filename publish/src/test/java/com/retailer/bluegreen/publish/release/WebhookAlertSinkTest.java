package com.retailer.bluegreen.publish.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailer.bluegreen.publish.release.AlertSink.Alert;
import com.retailer.bluegreen.publish.release.AlertSink.Severity;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook alert sink against a real local HTTP receiver: what the receiver gets (each alert once, resolved once,
 * in order), and that a receiver which fails, hangs or is down neither loses an alert nor blocks whoever raises it.
 */
class WebhookAlertSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_PATH = "/services/T0001/B0002/Xq9TokenInThePath";
    private static final WebhookAlertSink.Delivery FAST = new WebhookAlertSink.Delivery(Duration.ofSeconds(2),
            Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMinutes(5), 100);

    private final List<String> received = new CopyOnWriteArrayList<>();
    /** Answers 503 to this many posts before accepting. */
    private final AtomicInteger failFirst = new AtomicInteger();
    private volatile CountDownLatch hold;
    private HttpServer receiver;
    private WebhookAlertSink sink;

    private URI start(int port) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                CountDownLatch h = hold;
                if (h != null) {
                    h.await(30, TimeUnit.SECONDS);
                }
                boolean ok = "POST".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath()
                        .equals(TOKEN_PATH) && "application/json".equals(exchange.getRequestHeaders()
                        .getFirst("Content-Type")) && failFirst.getAndDecrement() <= 0;
                if (ok) {
                    received.add(body);
                }
                exchange.sendResponseHeaders(ok ? 200 : 503, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + TOKEN_PATH);
    }

    @AfterEach
    void stop() {
        if (hold != null) {
            hold.countDown();
        }
        if (sink != null) {
            sink.close(Duration.ZERO);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private void awaitReceived(int n) throws InterruptedException {
        // the sink counts a delivery once the receiver has answered, just after it recorded the body
        for (int i = 0; i < 1500 && (received.size() < n || sink.counts().delivered() < n); i++) {
            Thread.sleep(20);
        }
        assertEquals(n, received.size(), "received: " + received + ", counts " + sink.counts());
    }

    private static Alert breach(String key) {
        return new Alert(Severity.CRITICAL, "r-7", "freshness of green over SLA", "orders 412 s behind (SLA 90 s)",
                key, false);
    }

    @Test
    void each_condition_is_posted_once_while_firing_and_once_when_resolved_in_order() throws Exception {
        sink = new WebhookAlertSink(start(0), WebhookAlertSink.Format.JSON, FAST, Clock.systemUTC());
        Alert breach = breach("freshness:green:orders");
        sink.raise(breach);
        sink.raise(breach);           // the next bake sample, same breach
        sink.raise(new Alert(Severity.WARNING, "r-7", "bake sample inconclusive", "lag unknown"));
        sink.raise(breach.resolvedBecause("orders 40 s behind"));
        sink.raise(breach.resolvedBecause("orders 35 s behind"));     // resolved twice: once is enough
        sink.raise(new Alert(Severity.INFO, "r-7", "never fired", "x", "other", true)); // nothing fired: nothing
        awaitReceived(3);

        JsonNode first = JSON.readTree(received.get(0));
        assertEquals("freshness:green:orders", first.get("key").asText());
        assertEquals("firing", first.get("status").asText());
        assertEquals("CRITICAL", first.get("severity").asText());
        assertEquals("r-7", first.get("releaseId").asText());
        assertEquals("orders 412 s behind (SLA 90 s)", first.get("text").asText());
        assertEquals("bake sample inconclusive", JSON.readTree(received.get(1)).get("title").asText());
        JsonNode resolved = JSON.readTree(received.get(2));
        assertEquals("resolved", resolved.get("status").asText());
        assertEquals("freshness:green:orders", resolved.get("key").asText());
        assertEquals("orders 40 s behind", resolved.get("text").asText());
        assertEquals(new WebhookAlertSink.Counts(3, 3, 0, 0), sink.counts());

        sink.raise(breach);           // fires again after it was resolved
        awaitReceived(4);
    }

    @Test
    void a_slack_or_teams_receiver_gets_a_text_message() throws Exception {
        sink = new WebhookAlertSink(start(0), WebhookAlertSink.Format.SLACK, FAST, Clock.systemUTC());
        sink.raise(breach("k"));
        awaitReceived(1);
        JsonNode body = JSON.readTree(received.get(0));
        assertEquals(1, body.size(), body.toString());
        assertEquals("[CRITICAL] freshness of green over SLA\norders 412 s behind (SLA 90 s)", body.get("text")
                .asText());
    }

    @Test
    void a_failing_receiver_is_retried_until_it_accepts_and_nothing_is_lost() throws Exception {
        sink = new WebhookAlertSink(start(0), WebhookAlertSink.Format.JSON, FAST, Clock.systemUTC());
        failFirst.set(5);
        for (int i = 0; i < 4; i++) {
            sink.raise(breach("k" + i));
        }
        awaitReceived(4);
        for (int i = 0; i < 4; i++) {
            assertEquals("k" + i, JSON.readTree(received.get(i)).get("key").asText(), "in the order raised");
        }
        assertEquals(0, sink.counts().undelivered());
    }

    @Test
    void a_receiver_that_is_down_gets_every_alert_once_it_is_back() throws Exception {
        URI url = start(0);
        int port = receiver.getAddress().getPort();
        receiver.stop(0);
        sink = new WebhookAlertSink(url, WebhookAlertSink.Format.JSON, FAST, Clock.systemUTC());
        sink.raise(breach("down-1"));
        sink.raise(breach("down-2"));
        Thread.sleep(300);            // several refused attempts
        assertEquals(0, sink.counts().delivered() + sink.counts().undelivered(), sink.counts().toString());
        start(port);
        awaitReceived(2);
        assertEquals(0, sink.counts().undelivered());
    }

    @Test
    void raising_never_waits_for_a_hung_receiver() throws Exception {
        hold = new CountDownLatch(1);
        sink = new WebhookAlertSink(start(0), WebhookAlertSink.Format.JSON, FAST, Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
            sink.raise(breach("hung-" + i));   // returns while the receiver holds the first post
        }
        assertTrue(received.isEmpty(), "the receiver has not answered yet");
        for (int i = 0; i < 300 && sink.counts().waiting() != 49; i++) {
            Thread.sleep(10);
        }
        assertEquals(49, sink.counts().waiting(), "one in flight, the rest waiting: " + sink.counts());
        hold.countDown();
        hold = null;
        awaitReceived(50);
    }

    @Test
    void beyond_its_capacity_the_oldest_waiting_alert_is_counted_undelivered_not_silently_dropped() throws Exception {
        hold = new CountDownLatch(1);
        sink = new WebhookAlertSink(start(0), WebhookAlertSink.Format.JSON, new WebhookAlertSink.Delivery(
                Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMinutes(5), 3),
                Clock.systemUTC());
        sink.raise(breach("c-0"));
        for (int i = 0; i < 100 && sink.counts().waiting() > 0; i++) {
            Thread.sleep(10);         // c-0 in flight
        }
        for (int i = 1; i <= 5; i++) {
            sink.raise(breach("c-" + i));
        }
        assertEquals(2, sink.counts().undelivered(), "c-1 and c-2 made room: " + sink.counts());
        hold.countDown();
        hold = null;
        awaitReceived(4);
        assertEquals(List.of("c-0", "c-3", "c-4", "c-5"), received.stream().map(b -> {
            try {
                return JSON.readTree(b).get("key").asText();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList());
    }

    @Test
    void the_url_and_its_token_are_never_shown() throws Exception {
        URI url = start(0);
        sink = new WebhookAlertSink(url, WebhookAlertSink.Format.JSON, FAST, Clock.systemUTC());
        assertFalse(sink.toString().contains("Xq9Token"), sink.toString());
        assertTrue(sink.toString().contains("127.0.0.1"), sink.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WebhookAlertSink(
                URI.create("ftp://hooks.example.com/services/Xq9TokenInThePath"), WebhookAlertSink.Format.JSON));
        assertFalse(e.getMessage().contains("Xq9Token"), e.getMessage());
    }
}

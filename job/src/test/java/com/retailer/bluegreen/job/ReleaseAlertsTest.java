package com.retailer.bluegreen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.publish.release.AlertSink;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A release's alerts reach the console always and the configured webhook when there is one. */
class ReleaseAlertsTest {

    @Test
    void alerts_go_to_the_console_and_to_the_configured_webhook() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            PipelineConfig config = ConfigLoader.load(ExitCodesTest.config(), Map.of("alerts.webhook.url",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "alerts.webhook.format",
                    "slack"));
            List<String> console = new CopyOnWriteArrayList<>();
            try (ReleasePorts.ClosableAlertSink sink = ReleasePorts.alerts(config, a -> console.add(a.title()))) {
                sink.raise(new AlertSink.Alert(AlertSink.Severity.CRITICAL, "r-9", "rolled back automatically",
                        "freshness breached 3 samples in a row"));
            } // closing flushes
            assertEquals(List.of("rolled back automatically"), console);
            assertEquals(1, posted.size(), posted.toString());
            assertTrue(posted.get(0).contains("[CRITICAL] rolled back automatically"), posted.get(0));

            List<String> only = new CopyOnWriteArrayList<>();
            try (ReleasePorts.ClosableAlertSink none = ReleasePorts.alerts(ConfigLoader.load(ExitCodesTest.config(),
                    Map.of()), a -> only.add(a.title()))) {
                none.raise(new AlertSink.Alert(AlertSink.Severity.INFO, "r-9", "t", "x"));
            }
            assertEquals(List.of("t"), only);
            assertEquals(1, posted.size(), "no webhook configured, nothing posted");
        } finally {
            receiver.stop(0);
        }
    }
}

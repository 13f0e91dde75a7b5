package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.HttpConfig;

/**
 * What the host tells about itself and its children as it runs: the Prometheus scrape with the HTTP timings, and
 * the SSE stream of ticks, states and output.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpTelemetryTest {

    @TempDir
    Path data;

    private final ApiClient api = new ApiClient();

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void prometheusCarriesHttpTimingsAndChildMeters() throws Exception {
        api.start(ApiFixture.config(), data);
        api.fx.onContext(() -> api.fx.backend.tick(
                Instant.now(), Map.of("dice-roller", Map.of("cpu", 42.5, "rssBytes", 1.5e8, "events.delivered", 7.0))));
        api.get("/api/v1/children");
        api.get("/api/v1/children/nobody");
        String scrape = api.get("/metrics").body();
        assertTrue(scrape.contains("warden_child_resident_memory_bytes{child=\"dice-roller\"} 1.5E8"), scrape);
        assertTrue(scrape.contains("warden_plugin_events_delivered_total{child=\"dice-roller\"} 7.0"), scrape);
        assertTrue(scrape.contains("warden_child_up{child=\"game\"} 1"), scrape);
        assertFalse(scrape.contains("cpu_percent"), "a percentage is no base unit: " + scrape);
        assertTrue(scrape.contains("warden_system_disk_used_bytes{mount=\"/\"} 4.1E10"), scrape);
        assertTrue(scrape.contains("route=\"/api/v1/children\""), scrape);
        assertTrue(scrape.contains("vertx_http_server_response_time_seconds"), scrape);
        assertFalse(scrape.contains("vertx_http_server_active_requests"), "a gauge that never comes down is left out");
        assertFalse(scrape.contains(ApiFixture.TOKEN));

        JsonObject stats = new JsonObject(api.get("/api/v1/http").body());
        assertTrue(stats.getBoolean("enabled"));
        assertTrue(stats.getJsonArray("routes").stream()
                .map(JsonObject.class::cast)
                .anyMatch(r -> r.getString("route").equals("/api/v1/children") && r.getLong("count") >= 1));
    }

    @Test
    void metricsCanBePublic() throws Exception {
        api.start(new HttpConfig("127.0.0.1", 0, ApiFixture.TOKEN, true, true, null, null), data);
        assertEquals(200, api.get("/metrics", null).statusCode());
    }

    @Test
    void streamsTicksStatesAndOutput() throws Exception {
        api.start(ApiFixture.config(), data);
        HttpResponse<Stream<String>> sse = api.http.send(
                HttpRequest.newBuilder(URI.create(api.base + "/api/v1/stream?logs=game"))
                        .header("Authorization", "Bearer " + ApiFixture.TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(
                "text/event-stream", sse.headers().firstValue("Content-Type").orElseThrow());
        Iterator<String> lines = sse.body().iterator();
        assertEquals(": warden stream", lines.next());
        api.fx.onContext(() -> {
            api.fx.backend.tick(Instant.now(), Map.of("game", Map.of("cpu", 3.0)));
            api.fx.backend.publishOutput("dice-roller", "not this one");
            api.fx.backend.publishOutput("game", "hello from game");
            api.fx.backend.control("game", Action.STOP);
        });
        List<String> events = new java.util.ArrayList<>();
        while (events.size() < 3) {
            String line = lines.next();
            if (line.startsWith("event: ")) {
                String data = lines.next();
                events.add(line.substring(7) + " " + new JsonObject(data.substring(6)).encode());
            }
        }
        assertTrue(events.get(0).startsWith("tick "), events.get(0));
        assertTrue(events.get(1).startsWith("output ") && events.get(1).contains("hello from game"), events.get(1));
        assertTrue(events.get(2).startsWith("state ") && events.get(2).contains("STOPPED"), events.get(2));
        CompletableFuture.runAsync(sse.body()::close);
    }
}

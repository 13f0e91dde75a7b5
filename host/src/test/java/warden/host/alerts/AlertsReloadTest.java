package warden.host.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.Warden;
import warden.host.bus.Addresses;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;

/**
 * {@code POST /api/v1/config/reload} through the real host takes over a changed {@code alerts} section at once: the
 * answer lists it as applied live, the API shows the new rules and channels, the new channel delivers, and an alert
 * already open under an unchanged rule stays open with its id.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlertsReloadTest {

    private static final String TOKEN = "reload-test-token-0123456789";

    private static final String CONFIG =
            """
            http: {port: 0, adminToken: %s}
            chat: {console: false}
            plugins: {dir: ./plugins, watch: false}
            alerts:
              channels:
                - {name: %s, type: webhook, url: "%s"}
              rules:
                - {name: %s, event: not-ready, scope: "ghost-*"}
            services:
              - id: steady
                command: [sleep, "600"]
            """;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @Test
    void aReloadAppliesChangedRulesAndChannelsLive() throws Exception {
        Vertx vertx = Vertx.vertx();
        Vertx receiverVertx = Vertx.vertx();
        Path file = dir.resolve("warden.yaml");
        try (Receiver receiver = new Receiver(receiverVertx)) {
            Files.writeString(file, CONFIG.formatted(TOKEN, "first", receiver.url("/first"), "late"));
            ConfigLoader loader = new ConfigLoader(Map.of(), dir);
            WardenConfig config = loader.load(file);
            Warden warden = Warden.start(vertx, config, () -> loader.load(file))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            try {
                base = warden.dashboardUrl() + "api/v1";
                failed(vertx, "ghost-1");
                assertEquals(
                        "crash-loop",
                        receiver.next("/first").json().getJsonObject("alert").getString("rule"));
                long open = openAlert("ghost-1");

                Files.writeString(file, CONFIG.formatted(TOKEN, "second", receiver.url("/second"), "slow"));
                HttpResponse<String> reload = send("POST", "/config/reload", "");
                assertEquals(200, reload.statusCode(), reload.body());
                JsonObject diff = new JsonObject(reload.body());
                assertEquals(
                        List.of("alerts.rules", "alerts.channels"),
                        diff.getJsonArray("appliedLive").getList());
                assertEquals(List.of(), diff.getJsonArray("needsRestart").getList());
                assertEquals(List.of("steady"), diff.getJsonArray("unchanged").getList());

                JsonArray rules = get("/alerts/rules").getJsonArray("rules");
                List<String> names = rules.stream()
                        .map(r -> ((JsonObject) r).getJsonObject("rule").getString("name"))
                        .toList();
                assertEquals(
                        List.of("crash", "crash-loop", "not-ready", "reload-failed", "disk-full", "no-samples", "slow"),
                        names);
                assertEquals(
                        List.of("second"),
                        get("/alerts/channels").getJsonArray("channels").stream()
                                .map(c -> ((JsonObject) c).getString("name"))
                                .toList());
                // The built-in crash-loop rule did not change, so its open alert is still the same one.
                assertEquals(open, openAlert("ghost-1"));

                HttpResponse<String> test = send("POST", "/alerts/test", "{\"channel\": \"second\"}");
                assertEquals(200, test.statusCode(), test.body());
                assertEquals("test", receiver.next("/second").json().getString("kind"));
                failed(vertx, "ghost-2");
                JsonObject next = receiver.next("/second").json().getJsonObject("alert");
                assertEquals("crash-loop", next.getString("rule"));
                assertEquals("ghost-2", next.getString("scope"));
                assertEquals(0, receiver.waiting("/first"), "the removed channel gets nothing more");
            } finally {
                warden.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            receiverVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** What the supervisor publishes when a child's restart budget is spent. */
    private static void failed(Vertx vertx, String id) {
        vertx.eventBus()
                .publish(
                        Addresses.CHILD_STATE,
                        new JsonObject().put("id", id).put("state", "FAILED").put("reason", "crash loop: 3 crashes"));
    }

    private long openAlert(String scope) throws Exception {
        for (Object a : get("/alerts").getJsonArray("alerts")) {
            JsonObject alert = (JsonObject) a;
            if (alert.getString("scope").equals(scope)) {
                return alert.getLong("id");
            }
        }
        throw new AssertionError("no open alert for " + scope + ": " + get("/alerts"));
    }

    private JsonObject get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return new JsonObject(r.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package warden.host.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.InProcessHost;

/** {@code /api/v1/alerts...} on the real host: rules by origin, stored rules across a restart, silences, secrets. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AlertsApiTest {

    private static final String TOKEN = "alerts-api-test-token-0123456789";

    @TempDir
    Path dir;

    private InProcessHost host;

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return host.call(method, path, body);
    }

    @Test
    void rulesSilencesAndChannelsOverTheApi() throws Exception {
        Vertx receiverVertx = Vertx.vertx();
        try (Receiver receiver = new Receiver(receiverVertx)) {
            host = InProcessHost.start(
                    dir,
                    TOKEN,
                    """
                    http: {port: 0, adminToken: %s}
                    chat: {console: false}
                    alerts:
                      channels:
                        - {name: hook, type: webhook, url: "%s", secret: hmac-key-secret}
                      rules:
                        - {name: hot, series: cpu, comparison: ">", threshold: 90, for: 5m}
                    """
                            .formatted(TOKEN, receiver.url("/hook-secret-path")));
            try {
                JsonArray rules =
                        new JsonObject(call("GET", "/alerts/rules", null).body()).getJsonArray("rules");
                assertEquals("builtin", rules.getJsonObject(0).getString("origin"));
                JsonObject hot = rules.stream()
                        .map(JsonObject.class::cast)
                        .filter(r -> r.getJsonObject("rule").getString("name").equals("hot"))
                        .findFirst()
                        .orElseThrow();
                assertEquals("file", hot.getString("origin"));
                assertEquals(false, hot.getBoolean("editable"));
                assertEquals("5m", hot.getJsonObject("rule").getString("for"));

                HttpResponse<String> bad = call(
                        "POST", "/alerts/rules", "{\"name\": \"mine\", \"series\": \"cpu\", \"comparison\": \"=>\"}");
                assertEquals(400, bad.statusCode());
                assertEquals(
                        "request body:1: comparison: \"=>\" is not allowed; use one of: > >= < <= == !=",
                        new JsonObject(bad.body()).getString("message"));
                assertEquals(
                        201,
                        call("POST", "/alerts/rules", "{\"name\": \"mine\", \"event\": \"crash\", \"scope\": \"game\"}")
                                .statusCode());
                assertEquals(
                        409,
                        call("PUT", "/alerts/rules/hot", "{\"name\": \"hot\", \"event\": \"crash\"}")
                                .statusCode());
                assertEquals(409, call("DELETE", "/alerts/rules/crash", null).statusCode());
                assertEquals(404, call("DELETE", "/alerts/rules/nope", null).statusCode());

                HttpResponse<String> channels = call("GET", "/alerts/channels", null);
                assertEquals(
                        new JsonObject()
                                .put(
                                        "channels",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("name", "hook")
                                                        .put("type", "webhook")
                                                        .put("queued", 0))),
                        new JsonObject(channels.body()));
                assertEquals(
                        200,
                        call("POST", "/alerts/test", "{\"channel\": \"hook\"}").statusCode());
                assertEquals("test", receiver.next("/hook-secret-path").json().getString("kind"));
                assertEquals(
                        404,
                        call("POST", "/alerts/test", "{\"channel\": \"nope\"}").statusCode());

                HttpResponse<String> silenced =
                        call("POST", "/alerts/silences", "{\"matcher\": \"game\", \"duration\": \"2h\"}");
                assertEquals(201, silenced.statusCode());
                JsonObject silence = new JsonObject(silenced.body());
                assertEquals("child:game", silence.getString("matcher"));
                assertEquals("api", silence.getString("who"));
                assertEquals(
                        400,
                        call("POST", "/alerts/silences", "{\"matcher\": \"game\", \"duration\": \"2\"}")
                                .statusCode());
                assertEquals(404, call("POST", "/alerts/99/ack", null).statusCode());

                String everything = call("GET", "/alerts/rules", null).body()
                        + call("GET", "/alerts/history", null).body()
                        + call("GET", "/alerts/silences", null).body();
                assertFalse(everything.contains("secret"), "no URL or secret in any answer");

                // The stored rule and the silence outlive the host.
                host.restart();
                JsonArray after =
                        new JsonObject(call("GET", "/alerts/rules", null).body()).getJsonArray("rules");
                JsonObject mine = after.getJsonObject(after.size() - 1);
                assertEquals("stored", mine.getString("origin"));
                assertEquals("mine", mine.getJsonObject("rule").getString("name"));
                assertEquals(
                        1,
                        new JsonObject(call("GET", "/alerts/silences", null).body())
                                .getJsonArray("silences")
                                .size());
                assertEquals(204, call("DELETE", "/alerts/rules/mine", null).statusCode());
            } finally {
                host.close();
            }
        } finally {
            receiverVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}

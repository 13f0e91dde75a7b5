package warden.host.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;

/**
 * Real deliveries to a local HTTP receiver: the exact JSON documented in docs/alerts.md for the webhook, Slack and
 * Discord, the HMAC signature, and what a refusing or hanging channel leaves in the history.
 */
class ChannelsTest {

    @TempDir
    Path dir;

    private AlertHarness harness;
    private Receiver receiver;
    private io.vertx.core.Vertx receiverVertx;

    @BeforeEach
    void receiver() throws Exception {
        receiverVertx = io.vertx.core.Vertx.vertx();
        receiver = new Receiver(receiverVertx);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
        receiver.close();
        receiverVertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private void crashLoop() throws Exception {
        harness.publish(
                Addresses.CHILD_STATE,
                new JsonObject().put("id", "game").put("state", "CRASHED").put("reason", "exit code 3, exited"));
        harness.publish(
                Addresses.CHILD_STATE,
                new JsonObject()
                        .put("id", "game")
                        .put("state", "FAILED")
                        .put("reason", "crash loop: 3 crashes in 1m; retrying every 5m"));
    }

    @Test
    void webhookSlackAndDiscordGetTheDocumentedJson() throws Exception {
        harness = new AlertHarness(
                dir,
                """
                channels:
                  - {name: hook, type: webhook, url: "%s", secret: s3cret}
                  - {name: slack, type: slack, urlEnv: SLACK_URL}
                  - {name: discord, type: discord, url: "%s"}
                """
                        .formatted(receiver.url("/hook"), receiver.url("/discord")),
                Map.of("SLACK_URL", receiver.url("/slack")),
                List::of);
        crashLoop();

        String summary =
                "game is FAILED: crash loop: 3 crashes in 1m; retrying every 5m; last crash: exit code 3," + " exited";
        Receiver.Request hook = receiver.next("/hook");
        JsonObject expected = new JsonObject()
                .put("version", 1)
                .put("kind", "firing")
                .put("at", "2026-01-01T00:00:00Z")
                .put("host", InetAddress.getLocalHost().getHostName())
                .put(
                        "alert",
                        new JsonObject()
                                .put("id", 1)
                                .put("rule", "crash-loop")
                                .put("scope", "game")
                                .put("severity", "critical")
                                .put("state", "firing")
                                .put("since", "2026-01-01T00:00:00Z")
                                .put("firingSince", "2026-01-01T00:00:00Z")
                                .putNull("value")
                                .putNull("threshold")
                                .put("summary", summary)
                                .put("lines", new JsonArray().add("boom"))
                                .putNull("acknowledgedBy"));
        assertEquals(expected, hook.json());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(
                "sha256=" + HexFormat.of().formatHex(mac.doFinal(hook.body().getBytes(StandardCharsets.UTF_8))),
                hook.signature());

        String text = "[FIRING critical] crash-loop game: " + summary + "\n```\nboom\n```";
        assertEquals(new JsonObject().put("text", text), receiver.next("/slack").json());
        assertEquals(
                new JsonObject().put("username", "Warden").put("content", text),
                receiver.next("/discord").json());
    }

    @Test
    void refusedAndHangingChannelsAreRetriedAndRecordedWhileOthersDeliver() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        harness = new AlertHarness(
                dir,
                """
                channels:
                  - {name: down, type: webhook, url: "http://127.0.0.1:%d/x", retries: 2, backoff: 10ms}
                  - {name: hang, type: webhook, url: "%s", retries: 0, timeout: 300ms}
                  - {name: ok, type: webhook, url: "%s"}
                """
                        .formatted(closed, receiver.url("/hang"), receiver.url("/ok")),
                Map.of(),
                List::of);
        crashLoop();
        assertEquals("firing", receiver.next("/ok").json().getString("kind"));

        List<HistoryEntry> h = harness.historyWhen(
                list -> list.stream().filter(e -> e.kind().equals("delivery")).count() == 5);
        List<String> deliveries = h.stream()
                .filter(e -> e.kind().equals("delivery"))
                .map(e -> e.channel() + " " + e.outcome() + " " + e.detail().replaceAll(": .*?(;|$)", ":…$1"))
                .sorted()
                .toList();
        assertEquals(
                List.of(
                        "down failed attempt 1:…; retrying in 10ms",
                        "down failed attempt 2:…; retrying in 20ms",
                        "down failed attempt 3:…; giving up",
                        "hang failed attempt 1:…; giving up",
                        "ok ok attempt 1"),
                deliveries);
        assertTrue(
                h.stream()
                        .anyMatch(e -> "down".equals(e.channel()) && e.detail().contains("refused")),
                "the reason names the refusal: " + h);
        assertTrue(h.stream().noneMatch(e -> e.detail() != null && e.detail().contains("/x")), "no URL in the history");
    }

    @Test
    void aTestNotificationIsOneAttemptWithItsOutcome() throws Exception {
        harness = new AlertHarness(
                dir,
                """
                channels:
                  - {name: hook, type: webhook, url: "%s"}
                  - {name: broken, type: webhook, url: "%s"}
                """
                        .formatted(receiver.url("/hook"), receiver.url("/fail")),
                Map.of(),
                List::of);
        harness.on(() -> harness.alerts.test("hook", "api"));
        JsonObject body = receiver.next("/hook").json();
        assertEquals("test", body.getString("kind"));
        assertEquals("test", body.getJsonObject("alert").getString("rule"));

        ExecutionException failed =
                assertThrows(ExecutionException.class, () -> harness.on(() -> harness.alerts.test("broken", "api")));
        assertEquals("HTTP 500: thanks", failed.getCause().getMessage());
        ExecutionException unknown =
                assertThrows(ExecutionException.class, () -> harness.on(() -> harness.alerts.test("nope", "api")));
        assertTrue(unknown.getCause() instanceof NoSuchElementException);
    }
}

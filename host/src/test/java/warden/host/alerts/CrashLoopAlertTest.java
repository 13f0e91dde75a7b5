package warden.host.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.Warden;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;
import warden.host.supervisor.ChildStatus;

/**
 * Through the real host: a child crash-loops, and the webhook gets the FAILED notification with the crash reason while
 * one channel hangs and another refuses; the history says so, the other child stays up, and the host stops on time.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CrashLoopAlertTest {

    @TempDir
    Path dir;

    @Test
    void aCrashLoopReachesTheWebhookWhileABadChannelChangesNothing() throws Exception {
        Vertx vertx = Vertx.vertx();
        Vertx receiverVertx = Vertx.vertx();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (Receiver receiver = new Receiver(receiverVertx)) {
            Files.writeString(
                    dir.resolve("warden.yaml"),
                    """
                    http: {port: 0}
                    chat: {console: false}
                    alerts:
                      channels:
                        - {name: hook, type: webhook, url: "%s"}
                        - {name: hang, type: webhook, url: "%s", timeout: 5m, retries: 0}
                        - {name: down, type: webhook, url: "http://127.0.0.1:%d/", retries: 10, backoff: 10ms}
                    services:
                      - id: crasher
                        command: ["${java}", -XX:TieredStopAtLevel=1, -cp, "${warden.classpath}",
                                  warden.host.fixtures.ExitAfter, "50", "3"]
                        restart: {backoff: 50ms, maxBackoff: 100ms, crashLoopCrashes: 3, crashLoopWindow: 1m}
                      - id: steady
                        command: [sleep, "600"]
                    """
                            .formatted(receiver.url("/hook"), receiver.url("/hang"), closed));
            WardenConfig config = new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
            Warden warden = Warden.start(vertx, config)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            try {
                List<String> rules = new ArrayList<>();
                JsonObject failed = null;
                while (failed == null) {
                    JsonObject body = receiver.next("/hook").json();
                    JsonObject alert = body.getJsonObject("alert");
                    rules.add(alert.getString("rule"));
                    if (alert.getString("rule").equals("crash-loop")) {
                        failed = alert;
                    }
                }
                assertEquals("crash", rules.get(0), "the first crash is sent before the loop: " + rules);
                String summary = failed.getString("summary");
                assertTrue(summary.startsWith("crasher is FAILED: crash loop: 3 crashes in "), summary);
                assertTrue(summary.contains("; last crash: exit code 3, exited"), summary);
                assertEquals("critical", failed.getString("severity"));
                assertEquals(
                        List.of("up"), failed.getJsonArray("lines").getList().subList(0, 1));
                // The hanging channel got the first crash and never answered; the webhook went on regardless.
                assertEquals(
                        "crash",
                        receiver.next("/hang").json().getJsonObject("alert").getString("rule"));
                assertEquals(0, receiver.waiting("/hang"), "one request at a time per channel");

                long id = failed.getLong("id");
                List<HistoryEntry> h = on(warden, () -> warden.alerts().history(id, 100));
                List<String> kinds = h.stream()
                        .map(e -> e.kind() + ":" + e.state() + (e.channel() == null ? "" : ":" + e.channel()))
                        .toList();
                assertTrue(kinds.contains("transition:firing"), kinds.toString());
                assertTrue(
                        h.stream()
                                .anyMatch(e -> e.kind().equals("transition")
                                        && e.state().equals("firing")
                                        && e.detail().equals(summary)),
                        "the history has the reason: " + h);

                ChildStatus steady = on(
                        warden,
                        () -> Future.succeededFuture(
                                warden.supervisor().status("steady").orElseThrow()));
                // Alive (it may still be settling: the loop can be over before the settle time is).
                assertTrue(steady.state().isAlive(), steady.toString());
                assertEquals(0, steady.restarts());
            } finally {
                long start = System.nanoTime();
                warden.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                assertTrue(
                        System.nanoTime() - start < warden.stopBudget().toNanos(),
                        "a hanging channel does not hold up the stop");
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            receiverVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static <T> T on(Warden warden, Supplier<Future<T>> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        warden.context().runOnContext(v -> work.get().onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete(ar.result());
            } else {
                done.completeExceptionally(ar.cause());
            }
        }));
        return done.get(20, TimeUnit.SECONDS);
    }
}

package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.config.ChatConfig;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;

/**
 * The game connector fed the supervisor's events exactly as {@link Addresses} defines them, with Vintage Story lines
 * from shared/research/game-servers.md; replies leave as paced {@code /announce} console lines.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class GameConnectorTest {

    private final FakeHost host = new FakeHost();
    private Database db;
    private ChatService chat;

    @BeforeEach
    void setUp(Vertx vertx, @TempDir Path dir, VertxTestContext ctx) throws Exception {
        db = Database.open(dir);
        ChatConfig config = new ChatConfig(
                false,
                ChatConfig.Irc.DEFAULT,
                new ChatConfig.Game(
                        true,
                        "game",
                        "vintagestory",
                        null,
                        null,
                        null,
                        List.of("Priya13"),
                        Duration.ofMillis(150),
                        null),
                12,
                4,
                "");
        vertx.getOrCreateContext().runOnContext(v -> {
            chat = new ChatService(vertx, host, db, config, "!", new TestClock(FakeHost.T0));
            chat.start().onComplete(ctx.succeedingThenComplete());
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static void output(Vertx vertx, String... lines) {
        JsonArray array = new JsonArray();
        for (String line : lines) {
            array.add(new JsonObject()
                    .put("at", FakeHost.T0.toString())
                    .put("stream", "out")
                    .put("text", line));
        }
        vertx.eventBus()
                .publish(
                        Addresses.CHILD_OUTPUT,
                        new JsonObject().put("id", "game").put("lines", array));
    }

    @Test
    void aChatCommandIsAnsweredWithPacedAnnouncements(Vertx vertx, VertxTestContext ctx) {
        List<Long> sentAtNanos = new ArrayList<>();
        host.onSend = line -> {
            sentAtNanos.add(System.nanoTime());
            if (host.sent.size() == 3) {
                ctx.verify(() -> {
                    assertEquals(
                            List.of(
                                    "/announce 3 children: 2 running, 1 not running · host up 2h 03m · 512.0 MiB RSS"
                                            + " · 1234 events",
                                    "/announce not running: eightball CRASHED 2m 05s ago",
                                    "/announce !restart is for admins, Uraka"),
                            host.sent);
                    for (int i = 1; i < sentAtNanos.size(); i++) {
                        long gapMillis = (sentAtNanos.get(i) - sentAtNanos.get(i - 1)) / 1_000_000;
                        assertTrue(gapMillis >= 100, "console lines " + gapMillis + " ms apart");
                    }
                    assertEquals(List.of(), host.controls);
                    ctx.completeNow();
                });
            }
        };
        output(
                vertx,
                "13.3.2026 09:50:57 [Server Chat] 0 | Priya13: !status",
                "13.3.2026 09:50:58 [Server Chat] 0 | Uraka: !restart game",
                "13.3.2026 09:50:58 [Server Notification] Handling Console Command /announce x");
    }

    @Test
    void anAdminPlayerControlsAChildAndTheAnswerStaysOutOfPublicChat(Vertx vertx, VertxTestContext ctx) {
        // Vintage Story's console cannot address one player: the answer is not announced, only where to find it.
        host.onSend = line -> ctx.verify(() -> {
            assertEquals(
                    "/announce Priya13: admin answers are not shown in game chat; run it on the dashboard or on IRC",
                    line);
            assertEquals(List.of("restart eightball"), host.controls);
            ctx.completeNow();
        });
        output(vertx, "13.3.2026 09:50:57 [Server Chat] 0 | Priya13: !restart eightball");
    }

    @Test
    void adminNamesMatchWithTheirCase(Vertx vertx, VertxTestContext ctx) {
        // Neither game folds the case of names: priya13 is another player than the admin Priya13.
        host.onSend = line -> ctx.verify(() -> {
            assertEquals("/announce !restart is for admins, priya13", line);
            assertEquals(List.of(), host.controls);
            ctx.completeNow();
        });
        output(vertx, "13.3.2026 09:50:57 [Server Chat] 0 | priya13: !restart eightball");
    }

    @Test
    void thePlayerCountFollowsJoinsAndLeavesAndResetsWhenTheServerExits(Vertx vertx, VertxTestContext ctx) {
        List<String> events = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        vertx.eventBus().<JsonObject>consumer(Addresses.GAME_PLAYER, msg -> {
            JsonObject b = msg.body();
            events.add(b.getString("event") + " " + b.getString("player") + " " + b.getInteger("players"));
            if (events.size() == 2) {
                // Bus delivery is asynchronous: by now the whole batch of lines has been read.
                counts.add(host.sources.get(0).read("game").get("players"));
                output(vertx, "27.1.2024 15:42:36 [Server Event] Player Priya13 left.");
            } else if (events.size() == 3) {
                vertx.eventBus()
                        .publish(
                                Addresses.CHILD_STATE,
                                new JsonObject()
                                        .put("id", "game")
                                        .put("state", "CRASHED")
                                        .put("previous", "RUNNING"));
            } else if (events.size() == 4) {
                counts.add(host.sources.get(0).read("game").get("players"));
                ctx.verify(() -> {
                    assertEquals(List.of("join Priya13 1", "join Uraka 2", "leave Priya13 1", "leave Uraka 0"), events);
                    assertEquals(List.of(2.0, 0.0), counts);
                    assertEquals(List.of(), chat.players("game"));
                    assertEquals(Map.of(), host.sources.get(0).read("dice-roller"));
                    // Plugins hear the chat line that quoted a leave as plain chat (player events reach them from
                    // the bus).
                    assertEquals(
                            List.of("chat game:game mallory: [Server Event] Player Priya13 left."), host.pluginEvents);
                    ctx.completeNow();
                });
            }
        });
        output(
                vertx,
                "27.1.2024 15:41:47 [Server Event] Priya13 [::ffff:127.0.0.1]:43212 joins.",
                "13.3.2026 09:50:57 [Server Chat] 0 | mallory: [Server Event] Player Priya13 left.",
                "28.11.2025 20:45:41 [Server Event] Uraka [::ffff:149.102.168.245]:57239 joins.");
    }

    @Test
    void aDisconnectIsALeaveEvenWhenTheLeaveLineIsTranslated(Vertx vertx, VertxTestContext ctx) {
        List<String> events = new ArrayList<>();
        vertx.eventBus().<JsonObject>consumer(Addresses.GAME_PLAYER, msg -> {
            events.add(msg.body().getString("event") + " " + msg.body().getString("player"));
            if (events.size() == 2) {
                ctx.verify(() -> {
                    assertEquals(List.of("join Erney", "leave Erney"), events);
                    assertEquals(List.of(), chat.players("game"));
                    ctx.completeNow();
                });
            }
        });
        output(
                vertx,
                "8.10.2026 20:31:05 [Server Notification] Client 1 uid abc123= attempting identification. Name: Erney",
                "8.10.2026 20:31:06 [Server Event] Erney 192.168.31.220:63829 joins.",
                "8.10.2026 20:35:00 [Server Event] Игрок Erney вышел.",
                "8.10.2026 20:35:00 [Server Notification] Client 1 disconnected: Игрок Erney вышел.");
    }

    @Test
    void linesForAnOriginReachThatConnectorOnly(Vertx vertx, VertxTestContext ctx) {
        host.onSend = line -> {
            if (host.sent.size() == 2) {
                ctx.verify(() -> {
                    assertEquals(
                            List.of("/announce from a plugin", "/announce alert: game cpu &gt; 90% for 5m"), host.sent);
                    ctx.completeNow();
                });
            }
        };
        vertx.getOrCreateContext().runOnContext(v -> {
            host.pluginOutput.accept("irc:#elsewhere", "not for the game");
            host.pluginOutput.accept("game:game", "from a plugin");
            chat.broadcast(List.of("alert: game cpu > 90% for 5m"));
        });
    }
}

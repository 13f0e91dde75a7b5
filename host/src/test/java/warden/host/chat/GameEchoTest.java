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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.config.ChatConfig;
import warden.host.fixtures.Fixtures;
import warden.host.fixtures.HostParts;
import warden.host.storage.Database;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Readiness;
import warden.host.supervisor.Supervisor;
import warden.sim.GameSimulator;

/**
 * What Warden writes into Vintage Story's chat, through the real supervisor and the bundled simulator: the server's
 * echo of an announcement never counts as a player, and an admin's figures are never announced to everyone.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GameEchoTest {

    private final HostParts parts = new HostParts();
    private ChatService chat;

    @AfterEach
    void tearDown() throws Exception {
        parts.close();
    }

    @Test
    void anEchoedJoinLineNeverAddsAPlayer(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
        List<String> players = new ArrayList<>();
        vertx.eventBus().<JsonObject>consumer(Addresses.GAME_PLAYER, msg -> {
            players.add(msg.body().getString("event") + " " + msg.body().getString("player") + " "
                    + msg.body().getInteger("players"));
            ctx.verify(() -> assertEquals(List.of("join Real 1"), players));
            ctx.completeNow();
        });
        onOutput(vertx, text -> {
            if (text.endsWith("Server announced: joins.")) {
                // Both echoes are printed; only now does a real player come.
                parts.supervisor.send("game", "/sim join Real");
            }
        });
        start(vertx, dir, () -> chat.deliver("game:game", List.of("Mallory [::ffff:10.0.0.9]:4242 joins", "joins")));
    }

    @Test
    void anAdminsMetricsNeverReachAnnounce(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
        List<String> announced = new ArrayList<>();
        onOutput(vertx, text -> {
            int at = text.indexOf("Server announced: ");
            if (at < 0) {
                return;
            }
            announced.add(text.substring(at + "Server announced: ".length()));
            // The player's !status comes after the admin's !metrics, so by now the admin's answer is out.
            if (text.contains("children:")) {
                ctx.verify(() -> {
                    assertTrue(announced.stream().noneMatch(line -> line.contains("cpu")), announced.toString());
                    assertEquals(
                            "Priya13: admin answers are not shown in game chat; run it on the dashboard or on IRC.",
                            announced.get(0));
                });
                ctx.completeNow();
            }
        });
        start(vertx, dir, () -> {
            parts.supervisor.send("game", "/sim join Priya13");
            parts.supervisor.send("game", "/sim chat Priya13 !metrics game");
            parts.supervisor.send("game", "/sim chat Uraka !status");
        });
    }

    private static void onOutput(Vertx vertx, Consumer<String> line) {
        vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_OUTPUT, msg -> {
            JsonArray lines = msg.body().getJsonArray("lines");
            for (int i = 0; i < lines.size(); i++) {
                line.accept(lines.getJsonObject(i).getString("text"));
            }
        });
    }

    /** The simulator under the real supervisor, game chat on it with admin Priya13; {@code running} once it runs. */
    private void start(Vertx vertx, Path dir, Runnable running) throws Exception {
        parts.db = Database.open(dir);
        parts.context = vertx.getOrCreateContext();
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
                        Duration.ofMillis(100),
                        null),
                12,
                4,
                "");
        vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_STATE, msg -> {
            if (msg.body().getString("id").equals("game")
                    && msg.body().getString("state").equals("RUNNING")) {
                running.run();
            }
        });
        parts.context.runOnContext(v -> {
            parts.supervisor = new Supervisor(vertx, parts.db, dir, Clock.systemUTC());
            chat = new ChatService(
                    vertx,
                    new SupervisedGameChatTest.SupervisedHost(parts.supervisor),
                    parts.db,
                    config,
                    "!",
                    Clock.systemUTC());
            parts.supervisor.add(new ChildSpec(
                    "game",
                    ChildKind.SERVICE,
                    Fixtures.java(GameSimulator.class, "--boot-delay", "200ms"),
                    null,
                    null,
                    Readiness.pattern("now running on Port"),
                    null,
                    null,
                    null));
            chat.start().compose(x -> parts.supervisor.startAll());
        });
    }
}

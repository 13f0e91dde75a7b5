package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.config.ChatConfig;
import warden.host.fixtures.Fixtures;
import warden.host.fixtures.HostParts;
import warden.host.storage.Database;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.CrashRecord;
import warden.host.supervisor.Readiness;
import warden.host.supervisor.Supervisor;
import warden.sim.GameSimulator;

/**
 * Game chat through the real supervisor and the bundled Vintage Story simulator: its output read from the supervisor's
 * batches, replies written to its stdin as {@code /announce}, the player count following joins and leaves and dropping
 * to zero when the server stops.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SupervisedGameChatTest {

    /** Metrics and plugins stay fake; the supervisor is the real one. */
    static final class SupervisedHost extends FakeHost {
        final Supervisor supervisor;

        SupervisedHost(Supervisor supervisor) {
            this.supervisor = supervisor;
        }

        @Override
        public List<ChildStatus> children() {
            return supervisor.children();
        }

        @Override
        public Optional<ChildStatus> status(String id) {
            return supervisor.status(id);
        }

        @Override
        public Future<Void> restart(String id) {
            return supervisor.restart(id);
        }

        @Override
        public Future<Void> stop(String id) {
            return supervisor.stop(id);
        }

        @Override
        public Future<Void> start(String id) {
            return supervisor.start(id);
        }

        @Override
        public Future<List<CrashRecord>> crashes(String id, int limit) {
            return supervisor.crashes(id, limit);
        }

        @Override
        public boolean send(String id, String line) {
            return supervisor.send(id, line);
        }
    }

    private final HostParts parts = new HostParts();

    @AfterEach
    void tearDown() throws Exception {
        parts.close();
    }

    @Test
    void chatCommandInAnnounceOutAndPlayersCounted(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
            throws Exception {
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
        List<String> players = new ArrayList<>();
        ChatService[] chat = new ChatService[1];
        SupervisedHost[] host = new SupervisedHost[1];

        vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_STATE, msg -> {
            if (msg.body().getString("id").equals("game")
                    && msg.body().getString("state").equals("RUNNING")) {
                parts.supervisor.send("game", "/sim join Priya13");
                parts.supervisor.send("game", "/sim join Uraka");
                parts.supervisor.send("game", "/sim chat Priya13 !players");
            }
        });
        vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_OUTPUT, msg -> {
            JsonArray lines = msg.body().getJsonArray("lines");
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.getJsonObject(i).getString("text");
                if (text.endsWith("Server announced: game: 2 online: Priya13, Uraka.")) {
                    parts.supervisor.send("game", "/sim leave Uraka");
                }
            }
        });
        vertx.eventBus().<JsonObject>consumer(Addresses.GAME_PLAYER, msg -> {
            JsonObject b = msg.body();
            players.add(b.getString("event") + " " + b.getString("player") + " " + b.getInteger("players"));
            if (players.size() == 3) {
                ctx.verify(() ->
                        assertEquals(1.0, host[0].sources.get(0).read("game").get("players")));
                parts.supervisor.stop("game");
            } else if (players.size() == 4) {
                ctx.verify(() -> {
                    assertEquals(
                            List.of("join Priya13 1", "join Uraka 2", "leave Uraka 1", "leave Priya13 0"), players);
                    assertEquals(0.0, host[0].sources.get(0).read("game").get("players"));
                    ctx.completeNow();
                });
            }
        });

        parts.context.runOnContext(v -> {
            parts.supervisor = new Supervisor(vertx, parts.db, dir, Clock.systemUTC());
            host[0] = new SupervisedHost(parts.supervisor);
            chat[0] = new ChatService(vertx, host[0], parts.db, config, "!", Clock.systemUTC());
            parts.supervisor.add(new ChildSpec(
                    "game",
                    warden.host.supervisor.ChildKind.SERVICE,
                    Fixtures.java(GameSimulator.class, "--boot-delay", "200ms"),
                    null,
                    null,
                    Readiness.pattern("now running on Port"),
                    null,
                    null,
                    null));
            chat[0].start().compose(x -> parts.supervisor.startAll()).onFailure(ctx::failNow);
        });
    }
}

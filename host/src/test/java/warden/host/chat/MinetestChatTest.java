package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.Addresses;
import warden.host.config.ChatConfig;
import warden.host.fixtures.External;
import warden.host.fixtures.OnContext;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Supervisor;

/**
 * Game chat through a real Minetest 5.6 server: its log lines in, the reply out through the bundled bridge mod, which
 * the server itself announces. The server runs under the real supervisor, which publishes its stderr.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class MinetestChatTest {

    private Database db;
    private Context context;
    private Supervisor supervisor;

    @AfterEach
    void tearDown() throws Exception {
        if (supervisor != null) {
            OnContext.closeAndWait(context, supervisor::close);
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aPlayersCommandIsAnsweredThroughTheBridgeMod(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
            throws Exception {
        Path binary = External.require("/usr/lib/minetest/minetestserver", "minetest-server");
        Path world = dir.resolve("world");
        Path testMod = world.resolve("worldmods/warden_test_chat");
        Files.createDirectories(testMod);
        for (String file : List.of("mod.conf", "init.lua")) {
            try (InputStream in = getClass().getResourceAsStream("/minetest-test-chat/" + file)) {
                Files.copy(in, testMod.resolve(file));
            }
        }
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(
                dir.resolve("minetest.conf"),
                String.join(
                        "\n",
                        "bind_address = 127.0.0.1",
                        "port = " + port,
                        "ipv6_server = false",
                        "server_announce = false",
                        "default_game = minetest",
                        ""));
        db = Database.open(dir);
        ChatConfig config = new ChatConfig(
                false,
                ChatConfig.Irc.DEFAULT,
                new ChatConfig.Game(
                        true, "mt", "minetest", null, null, null, List.of("alice"), Duration.ofMillis(100), world),
                12,
                4,
                "");

        vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_OUTPUT, msg -> {
            JsonArray lines = msg.body().getJsonArray("lines");
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.getJsonObject(i).getString("text");
                if (line.contains("[warden_bridge] announced: ")) {
                    ctx.verify(() -> {
                        assertEquals("mt: 1 online: alice", line.substring(line.indexOf("announced: ") + 11));
                        ctx.completeNow();
                    });
                }
            }
        });
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            supervisor = new Supervisor(vertx, db, dir, Clock.systemUTC());
            ChatService chat = new ChatService(vertx, new FakeHost(), db, config, "!", new TestClock(FakeHost.T0));
            supervisor.add(ChildSpec.service(
                    "mt",
                    List.of(
                            binary.toString(),
                            "--color",
                            "never",
                            "--config",
                            dir.resolve("minetest.conf").toString(),
                            "--world",
                            world.toString(),
                            "--gameid",
                            "minetest",
                            "--port",
                            String.valueOf(port),
                            "--logfile",
                            "")));
            // The bridge mod goes into the world before the server starts, as on a host start.
            chat.start().compose(x -> supervisor.startAll()).onFailure(ctx::failNow);
        });
    }
}

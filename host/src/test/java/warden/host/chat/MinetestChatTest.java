package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import warden.host.bus.Addresses;
import warden.host.config.ChatConfig;
import warden.host.fixtures.External;
import warden.host.fixtures.HostParts;
import warden.host.fixtures.TestClock;
import warden.host.storage.Database;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Supervisor;

/**
 * Game chat through a real Minetest 5.6 server: its log lines in, the reply out through the bundled bridge mod, which
 * the server itself announces. The server runs under the real supervisor, which publishes its stderr.
 */
@External.Needs(path = "/usr/lib/minetest/minetestserver", debianPackage = "minetest-server")
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class MinetestChatTest {

    private final HostParts parts = new HostParts();

    @AfterEach
    void tearDown() throws Exception {
        parts.close();
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
        parts.db = Database.open(dir);
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
        parts.context = vertx.getOrCreateContext();
        parts.context.runOnContext(v -> {
            parts.supervisor = new Supervisor(vertx, parts.db, dir, Clock.systemUTC());
            ChatService chat =
                    new ChatService(vertx, new FakeHost(), parts.db, config, "!", new TestClock(FakeHost.T0));
            parts.supervisor.add(ChildSpec.service(
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
            chat.start().compose(x -> parts.supervisor.startAll()).onFailure(ctx::failNow);
        });
    }
}

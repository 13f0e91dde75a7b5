package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.Addresses;
import warden.host.config.ChatConfig;
import warden.host.fixtures.External;
import warden.host.storage.Database;

/**
 * Game chat through a real Minetest 5.6 server: its log lines in, the reply out through the bundled bridge mod, which
 * the server itself announces. The test reads the server's stderr and publishes it as the supervisor does.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class MinetestChatTest {

    private Process server;
    private Database db;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
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

        Promise<Void> chatStarted = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            ChatService chat = new ChatService(vertx, new FakeHost(), db, config, "!", new TestClock(FakeHost.T0));
            // Installs the bridge mod into the world before the server starts, as it would on a host start.
            chat.start().onComplete(chatStarted);
        });
        chatStarted.future().onComplete(ctx.succeeding(v -> {
            try {
                server = new ProcessBuilder(
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
                                "")
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                ctx.failNow(e);
                return;
            }
            pump(vertx, server, line -> {
                if (line.contains("[warden_bridge] announced: ")) {
                    ctx.verify(() -> {
                        assertEquals("mt: 1 online: alice", line.substring(line.indexOf("announced: ") + 11));
                        ctx.completeNow();
                    });
                }
            });
        }));
    }

    /** Reads the server's output on a thread and publishes each line on the host context, like the supervisor. */
    private static void pump(Vertx vertx, Process process, java.util.function.Consumer<String> seen) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            String text = line;
                            vertx.runOnContext(v -> {
                                vertx.eventBus()
                                        .publish(
                                                Addresses.CHILD_OUTPUT,
                                                new JsonObject()
                                                        .put("id", "mt")
                                                        .put(
                                                                "lines",
                                                                new JsonArray()
                                                                        .add(new JsonObject()
                                                                                .put(
                                                                                        "at",
                                                                                        Instant.now()
                                                                                                .toString())
                                                                                .put("stream", "err")
                                                                                .put("text", text))));
                                seen.accept(text);
                            });
                        }
                    } catch (IOException e) {
                        // The server is gone; the test's timeout reports a missing answer.
                    }
                },
                "minetest-output");
        t.setDaemon(true);
        t.start();
    }
}

package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.External;

/**
 * A real game server under supervision: Debian's minetest-server, bound to loopback on a free UDP port, made ready by
 * its "listening on" log line, killed with SIGKILL (a crash, restarted at once) and stopped with SIGTERM (exit 0, no
 * crash; it reads no stdin, so there is no stop command).
 */
@External.Needs(path = "/usr/lib/minetest/minetestserver", debianPackage = "minetest-server")
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MinetestServerTest {

    /** research/game-servers.md MT_READY. */
    private static final String MT_READY = "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}: "
            + "ACTION\\[Main\\]: Server for gameid=\"(?<gameid>[^\"]*)\" listening on (?<addr>.+):(?<port>\\d+)\\.$";

    @TempDir
    Path dataDir;

    @TempDir
    Path serverDir;

    private TestHost host;

    @AfterEach
    void closeHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void killedItCrashesAndComesBackStoppedItExitsCleanly(Vertx vertx, VertxTestContext ctx) throws Exception {
        Path server = External.require("/usr/lib/minetest/minetestserver", "minetest-server");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = serverDir.resolve("minetest.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "bind_address = 127.0.0.1",
                        "port = " + port,
                        "ipv6_server = false",
                        "server_announce = false",
                        "server_name = warden-test",
                        "default_game = minetest",
                        "enable_damage = false",
                        "creative_mode = false",
                        "max_users = 5",
                        // No terrain to generate: the test is about supervising the server, not its mapgen, and
                        // each of its two starts does less.
                        "mg_name = singlenode",
                        "num_emerge_threads = 1",
                        ""));
        ChildSpec game = new ChildSpec(
                "minetest",
                ChildKind.SERVICE,
                List.of(
                        server.toString(),
                        "--color",
                        "never",
                        "--config",
                        conf.toString(),
                        "--world",
                        serverDir.resolve("world").toString(),
                        "--gameid",
                        "minetest",
                        "--port",
                        Integer.toString(port),
                        "--logfile",
                        serverDir.resolve("debug.txt").toString()),
                serverDir,
                Map.of(),
                Readiness.pattern(MT_READY).withTimeout(Duration.ofSeconds(30)),
                // A loaded machine can take Minetest many seconds to save and exit on SIGTERM; past this the supervisor
                // kills it, which the test accepts too (see below).
                new StopSpec(null, Duration.ofSeconds(20)),
                new RestartSpec(
                        RestartSpec.Policy.ON_FAILURE,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        Duration.ZERO,
                        5,
                        Duration.ofMinutes(1)),
                null);
        host = new TestHost(vertx, dataDir);
        Transitions seen = new Transitions(vertx, "minetest");

        host.start(game)
                .compose(v -> seen.first(2))
                .compose(v -> {
                    ProcessHandle.of(seen.event(1).pid()).orElseThrow().destroyForcibly();
                    return seen.first(5);
                })
                .compose(v -> host.on(s -> s.stop("minetest")))
                .compose(v -> seen.first(7))
                .compose(states -> {
                    ctx.verify(() -> {
                        assertEquals(
                                List.of("STARTING", "RUNNING", "CRASHED(137)", "STARTING", "RUNNING", "STOPPING"),
                                states.subList(0, 6));
                        // A clean exit, or the kill after the stop timeout: in about one full run in three the
                        // server, restarted a moment before, hung on SIGTERM until it was killed. Minetest's handler
                        // logs from signal context (luanti-org/luanti#1446, not async-signal-safe): a SIGTERM that
                        // lands on a thread holding the log's lock, likelier while the fresh server still logs its
                        // start, deadlocks it (caught once: every thread in a futex wait, nothing pending, no "got
                        // SIGTERM" line). The supervisor's part is the escalation. Either way it is a stop, never a
                        // crash: the records below hold the SIGKILL alone.
                        assertTrue(Set.of("STOPPED(0)", "STOPPED(137)").contains(states.get(6)), states.toString());
                    });
                    // When it was killed: what the server printed after SIGTERM, in the test's output file.
                    Future<Void> shown = !states.get(6).equals("STOPPED(137)")
                            ? Future.succeededFuture()
                            : host.on(s -> Future.succeededFuture(s.tail("minetest", 40)))
                                    .map(lines -> {
                                        lines.forEach(l -> System.out.println("minetest after SIGTERM: " + l.text()));
                                        return null;
                                    });
                    return shown.compose(v -> host.on(s -> s.crashes("minetest", 10)));
                })
                .onComplete(ctx.succeeding(records -> ctx.verify(() -> {
                    assertEquals(1, records.size());
                    CrashRecord r = records.get(0);
                    assertEquals(137, r.exitCode());
                    assertEquals("SIGKILL", r.likelySignal());
                    assertEquals("restart now", r.decision());
                    assertTrue(r.tail().stream().anyMatch(l -> l.contains("listening on 127.0.0.1:" + port)), "tail");
                    ctx.completeNow();
                })));
    }
}

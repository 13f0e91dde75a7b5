package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;

/** The wired host in-process: a configured game server (the simulator) is started, becomes ready and is stopped. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WardenTest {

    static final String SIM_CONFIG =
            """
            http: {port: 0}
            chat: {console: false}
            services:
              - id: game
                command: ["${java}", -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -cp, "${warden.classpath}",
                          warden.sim.GameSimulator, --boot-delay, 200ms]
                ready: now running on Port
                stop: {command: /stop, timeout: 10s}
            """;

    @TempDir
    Path dir;

    @Test
    void startsTheGameServerAndStopsItWithItsStopCommand(Vertx vertx, VertxTestContext ctx) throws Exception {
        Files.writeString(dir.resolve("warden.yaml"), SIM_CONFIG);
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
        Promise<Warden> started = Promise.promise();
        List<String> states = new ArrayList<>();
        long[] pid = {0};

        vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_STATE, m -> {
            states.add(m.body().getString("state"));
            if (m.body().getString("state").equals("RUNNING")) {
                pid[0] = m.body().getLong("pid");
                started.future()
                        .compose(warden -> {
                            assertSame(warden.stop(), warden.stop(), "stop twice is one stop");
                            return warden.stop();
                        })
                        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                            assertEquals(List.of("STARTING", "RUNNING", "STOPPING", "STOPPED"), states);
                            assertFalse(ProcessHandle.of(pid[0])
                                    .map(ProcessHandle::isAlive)
                                    .orElse(false));
                            String log = Files.readString(dir.resolve("warden-data/logs/game/output.log"));
                            assertTrue(log.contains("Stop reason: Exit request by client"), log);
                            assertTrue(log.contains("[Server Event] Stopped the server!"), log);
                            ctx.completeNow();
                        })));
            }
        });

        Warden.start(vertx, config).onComplete(ctx.succeeding(started::complete));
    }

    @Test
    void aServiceThatCannotBeSpawnedLeavesTheHostUp(Vertx vertx, VertxTestContext ctx) throws Exception {
        Files.writeString(
                dir.resolve("warden.yaml"),
                "services:\n  - id: ghost\n    command: [/nonexistent/server]\n    restart: {policy: never}\n");
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
        Warden.start(vertx, config).compose(Warden::stop).onComplete(ctx.succeeding(v -> ctx.completeNow()));
    }
}

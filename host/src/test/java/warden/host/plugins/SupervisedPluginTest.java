package warden.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.Addresses;
import warden.host.config.PluginsConfig;
import warden.host.plugins.fixture.TestPlugin;
import warden.host.storage.Database;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.Supervisor;

/** The plugin host wired to the real supervisor, as warden.host.Warden wires it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class SupervisedPluginTest {

    @TempDir
    Path dir;

    private Database db;
    private Supervisor supervisor;

    @BeforeEach
    void openDatabase() throws SQLException {
        db = Database.open(dir.resolve("data"));
    }

    @AfterEach
    void close(Vertx vertx, VertxTestContext tc) {
        Context context = vertx.getOrCreateContext();
        context.runOnContext(
                v -> (supervisor == null ? Future.<Void>succeededFuture() : supervisor.close()).onComplete(ar -> {
                    db.close();
                    tc.completeNow();
                }));
    }

    private static Command echo(String word) {
        return new Command("console", "alice", word.equals("garbage") ? "garbage" : "echo", List.of(word), word);
    }

    @Test
    void aProtocolViolationIsACrashRecordAndARestartAndAReloadIsBlueGreen(Vertx vertx, VertxTestContext tc)
            throws Exception {
        Path plugins = dir.resolve("plugins");
        FixtureJars.jar(plugins.resolve("p.jar"), "p", "1.0.0", "", "", TestPlugin.class);
        PluginsConfig config = new PluginsConfig(plugins, false, "!", List.of(), Duration.ofSeconds(2), 100, Map.of());
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            supervisor = new Supervisor(vertx, db, dir.resolve("data"), Clock.systemUTC());
            PluginHost host = new PluginHost(vertx, supervisor, db, config, dir.resolve("data"));
            Promise<JsonObject> crash = Promise.promise();
            vertx.eventBus().<JsonObject>localConsumer(Addresses.CHILD_CRASH, m -> crash.tryComplete(m.body()));
            host.start()
                    .compose(x -> host.dispatch(echo("one")))
                    .compose(replies -> {
                        tc.verify(() -> {
                            assertEquals(List.of("one"), replies);
                            assertEquals(
                                    ChildState.RUNNING,
                                    supervisor.status("p").orElseThrow().state());
                            assertEquals(
                                    "1.0.0",
                                    supervisor.status("p").orElseThrow().version());
                        });
                        return host.dispatch(echo("garbage")).transform(ar -> crash.future());
                    })
                    .compose(record -> {
                        tc.verify(() -> assertTrue(
                                record.getString("reason").startsWith("protocol violation: not a JSON object"),
                                record.encode()));
                        // Queued until the restarted child is ready.
                        return host.dispatch(echo("two"));
                    })
                    .compose(replies -> {
                        tc.verify(() -> assertEquals(List.of("two"), replies));
                        return vertx.executeBlocking(() -> FixtureJars.jar(
                                        plugins.resolve("p.jar"), "p", "2.0.0", "", "", TestPlugin.class))
                                .compose(x -> host.reload("p"));
                    })
                    .compose(reload -> {
                        tc.verify(() -> {
                            assertEquals("ok", reload.outcome(), reload.toString());
                            assertEquals("p", host.childOf("p"));
                            ChildStatus p = supervisor.status("p").orElseThrow();
                            assertEquals("2.0.0", p.version());
                            assertEquals(1, p.generation());
                            assertEquals(ChildState.RUNNING, p.state());
                            // The restart after the protocol violation is still the child's.
                            assertEquals(1, p.restarts());
                            assertEquals(1, p.crashes());
                            assertEquals(1, supervisor.children().size());
                        });
                        return host.dispatch(echo("three"));
                    })
                    .compose(replies -> {
                        tc.verify(() -> {
                            assertEquals(List.of("three"), replies);
                            EventCounters c = host.counters("p");
                            assertEquals(4, c.delivered());
                            assertEquals(3, c.handled());
                            assertEquals(1, c.failed());
                        });
                        return supervisor.controlEvents("p", 10);
                    })
                    .onComplete(tc.succeeding(events -> tc.verify(() -> {
                        // The chart markers, newest first: the reload is a plugin record (not a control event), the
                        // protocol violation restarted it, the host started it.
                        assertEquals(
                                List.of("restart", "start"),
                                events.stream().map(e -> e.kind()).toList());
                        assertEquals("plugin start", events.get(1).detail());
                        tc.completeNow();
                    })));
        });
    }
}

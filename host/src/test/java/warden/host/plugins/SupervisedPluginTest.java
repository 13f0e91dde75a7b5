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
import warden.host.bus.Addresses;
import warden.host.config.PluginsConfig;
import warden.host.fixtures.External;
import warden.host.plugins.fixture.TestPlugin;
import warden.host.storage.Database;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.Supervisor;
import warden.protocol.Protocol;

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
                            assertEquals("p", host.pluginOf("p"));
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

    /** An external plugin running src/test/resources/plugins/misbehaving.py in one of its modes. */
    private static PluginsConfig misbehaving(String mode, Duration commandTimeout, int timeoutsBeforeRestart) {
        Path python = External.require("python3", "python3");
        Path script = Path.of("src/test/resources/plugins/misbehaving.py").toAbsolutePath();
        return new PluginsConfig(
                Path.of("no-plugins-here"),
                false,
                "!",
                List.of(new PluginsConfig.External(mode, List.of(python.toString(), script.toString(), mode, mode))),
                Duration.ofSeconds(2),
                100,
                Map.of(),
                commandTimeout,
                timeoutsBeforeRestart);
    }

    private static Command size(String plugin, int chars) {
        return new Command("console", "alice", "size", List.of(Integer.toString(chars)), "!size " + chars);
    }

    /** Starts the plugin host on the real supervisor; the future completes with the first crash record published. */
    private Future<JsonObject> withPlugins(
            Vertx vertx, PluginsConfig config, java.util.function.Function<PluginHost, Future<?>> body) {
        Promise<JsonObject> crash = Promise.promise();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            vertx.eventBus().<JsonObject>localConsumer(Addresses.CHILD_CRASH, m -> crash.tryComplete(m.body()));
            supervisor = new Supervisor(vertx, db, dir.resolve("data"), Clock.systemUTC());
            PluginHost host = new PluginHost(vertx, supervisor, db, config, dir.resolve("data"));
            host.start().compose(x -> body.apply(host)).onFailure(crash::tryFail);
        });
        return crash.future();
    }

    @Test
    @External.Needs(path = "python3", debianPackage = "python3")
    void aPluginThatHeartbeatsButNeverAnswersTimesOutAndIsRestartedWithAReason(Vertx vertx, VertxTestContext tc) {
        PluginsConfig config = misbehaving("mute", Duration.ofMillis(300), 2);
        List<String> errors = new java.util.ArrayList<>();
        withPlugins(vertx, config, host -> Future.join(
                                host.dispatch(size("mute", 10)).onFailure(e -> errors.add(e.getMessage())),
                                host.dispatch(size("mute", 10)).onFailure(e -> errors.add(e.getMessage())))
                        .transform(ar -> Future.succeededFuture()))
                .compose(crash -> supervisor.crashes("mute", 5).map(records -> {
                    tc.verify(() -> {
                        assertEquals(
                                List.of(
                                        "plugin mute did not answer within 300 ms",
                                        "plugin mute did not answer within 300 ms"),
                                errors);
                        assertEquals(
                                "unresponsive: 2 events in a row unanswered within 300 ms", crash.getString("reason"));
                        assertEquals(1, records.size());
                        assertEquals(
                                "unresponsive: 2 events in a row unanswered within 300 ms",
                                records.get(0).reason());
                    });
                    return records;
                }))
                .onComplete(tc.succeedingThenComplete());
    }

    /**
     * Frames up to the protocol's 1 MiB pass the supervisor whole (they used to be cut at 8,192 chars and the plugin
     * killed for it); one char more is a violation with that reason.
     */
    @Test
    @External.Needs(path = "python3", debianPackage = "python3")
    void framesUpToOneMebibytePassAndOneCharMoreIsAViolation(Vertx vertx, VertxTestContext tc) {
        PluginsConfig config = misbehaving("sized", Duration.ofSeconds(30), 3);
        int max = Protocol.MAX_FRAME_CHARS;
        List<Integer> replies = new java.util.ArrayList<>();
        withPlugins(vertx, config, host -> host.dispatch(size("sized", 9_000))
                        .compose(r -> {
                            replies.add(r.get(0).length());
                            return host.dispatch(size("sized", max));
                        })
                        .compose(r -> {
                            replies.add(r.get(0).length());
                            // Fails when the child is killed; the crash record is what this waits for.
                            return host.dispatch(size("sized", max + 1)).transform(ar -> Future.succeededFuture());
                        }))
                .onComplete(tc.succeeding(crash -> tc.verify(() -> {
                    int head = "{\"type\":\"result\",\"seq\":1,\"replies\":[\"".length();
                    assertEquals(List.of(9_000 - head - 3, max - head - 3), replies);
                    assertEquals("protocol violation: frame longer than 1048576 characters", crash.getString("reason"));
                    tc.completeNow();
                })));
    }

    @Test
    @External.Needs(path = "python3", debianPackage = "python3")
    void aPluginFloodingFramesIsKilledWithAReason(Vertx vertx, VertxTestContext tc) {
        withPlugins(vertx, misbehaving("flood", Duration.ofSeconds(30), 3), host -> Future.succeededFuture())
                .onComplete(tc.succeeding(crash -> tc.verify(() -> {
                    assertEquals(
                            "protocol violation: flooding: more than 1000 frames a second beyond the answers to its"
                                    + " events",
                            crash.getString("reason"));
                    tc.completeNow();
                })));
    }

    /** The bundled Python example, answering with more than the old 8,192-char line limit. */
    @Test
    @External.Needs(path = "python3", debianPackage = "python3")
    void theBundledPythonExampleAnswersWithA9000CharReply(Vertx vertx, VertxTestContext tc) {
        Path python = External.require("python3", "python3");
        Path script = Path.of("../plugins/python-echo/echo.py").toAbsolutePath().normalize();
        PluginsConfig config = new PluginsConfig(
                Path.of("no-plugins-here"),
                false,
                "!",
                List.of(new PluginsConfig.External("py-echo", List.of(python.toString(), script.toString()))),
                Duration.ofSeconds(2),
                100,
                Map.of());
        String words = "w".repeat(9_000);
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            supervisor = new Supervisor(vertx, db, dir.resolve("data"), Clock.systemUTC());
            PluginHost host = new PluginHost(vertx, supervisor, db, config, dir.resolve("data"));
            host.start()
                    .compose(x -> host.dispatch(new Command("console", "alice", "pyecho", List.of(words), words)))
                    .onComplete(tc.succeeding(replies -> tc.verify(() -> {
                        assertEquals(List.of("python says: " + words), replies);
                        tc.completeNow();
                    })));
        });
    }
}

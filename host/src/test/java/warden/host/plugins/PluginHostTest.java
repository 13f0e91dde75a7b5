package warden.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.PluginsConfig;
import warden.host.plugins.fixture.TestPlugin;

/** The plugin host against real plugin child JVMs, run by the real supervisor ({@link PluginFixture}). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class PluginHostTest {

    @TempDir
    Path dir;

    private PluginFixture plugins;

    @AfterEach
    void close(Vertx vertx, VertxTestContext tc) {
        vertx.getOrCreateContext()
                .runOnContext(v -> (plugins == null ? Future.<Void>succeededFuture() : plugins.close())
                        .onComplete(tc.succeedingThenComplete()));
    }

    private static Command command(String name, String... args) {
        return new Command("console", "alice", name, List.of(args), "!" + name + " " + String.join(" ", args));
    }

    // Generous heartbeats, so a starved but healthy child on a busy build machine is never taken for a hung one.
    private Duration heartbeat = Duration.ofSeconds(2);

    private PluginsConfig config(Map<String, Map<String, Object>> sections, List<PluginsConfig.External> external) {
        return new PluginsConfig(dir, false, "!", external, heartbeat, 100, sections);
    }

    /** Starts a host on one context (the "host context" of the test) and runs {@code body} there once it started. */
    private void withHost(
            Vertx vertx, VertxTestContext tc, PluginsConfig config, Function<PluginHost, Future<?>> body) {
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            plugins = new PluginFixture(vertx, dir, config);
            PluginHost host = plugins.host;
            host.start().compose(x -> body.apply(host)).onComplete(tc.succeedingThenComplete());
        });
    }

    @Test
    void commandRoundTripBesideBrokenJars(Vertx vertx, VertxTestContext tc) throws IOException {
        FixtureJars.testPlugin(dir, "good", "1.0.0", ">=0.1.0", "");
        Files.writeString(dir.resolve("broken.jar"), "not a zip at all");
        FixtureJars.jar(dir.resolve("zz-duplicate.jar"), "good", "2.0.0", "", "", TestPlugin.class);
        FixtureJars.jar(dir.resolve("future.jar"), "future", "1.0.0", ">=9.0.0", "", TestPlugin.class);
        FixtureJars.jar(dir.resolve("orphan.jar"), "orphan", "1.0.0", "", "nothere", TestPlugin.class);
        PluginsConfig config = config(Map.of("good", Map.of("greeting", "hi")), List.of());

        withHost(vertx, tc, config, host -> host.dispatch(command("echo", "a", "b"))
                .map(replies -> {
                    tc.verify(() -> {
                        assertEquals(List.of("hi a b"), replies);
                        assertEquals(
                                List.of("good"),
                                host.plugins().stream().map(PluginInfo::id).toList());
                        assertEquals(
                                List.of("boom", "echo", "exit", "garbage", "hang"),
                                host.plugins().get(0).commands().stream()
                                        .sorted()
                                        .toList());
                        List<String> rejected = host.rejected();
                        assertEquals(4, rejected.size(), rejected.toString());
                        assertTrue(rejected.stream().anyMatch(r -> r.contains("broken.jar: not a readable jar")));
                        assertTrue(rejected.stream().anyMatch(r -> r.contains("duplicate plugin id good")));
                        assertTrue(rejected.stream().anyMatch(r -> r.contains("requires Warden >=9.0.0")));
                        assertTrue(rejected.stream().anyMatch(r -> r.contains("missing dependency nothere")));
                        EventCounters c = host.counters("good");
                        assertEquals(1, c.delivered());
                        assertEquals(1, c.handled());
                        assertEquals(Map.of("echoes", 1L), c.custom());
                        assertTrue(c.latencyP99Millis() > 0);
                    });
                    return replies;
                }));
    }

    @Test
    void aThrowingHandlerCountsAsFailedAndThePluginGoesOn(Vertx vertx, VertxTestContext tc) throws IOException {
        FixtureJars.testPlugin(dir, "good", "1.0.0", "", "");
        withHost(vertx, tc, config(Map.of(), List.of()), host -> host.dispatch(command("boom"))
                .transform(ar -> {
                    tc.verify(() -> assertTrue(ar.cause().getMessage().contains("boom on purpose"), ar.toString()));
                    return host.dispatch(command("echo", "still", "here"));
                })
                .compose(replies -> {
                    tc.verify(() -> {
                        assertEquals(List.of("still here"), replies);
                        EventCounters c = host.counters("good");
                        assertEquals(2, c.delivered());
                        assertEquals(1, c.failed());
                        assertEquals(1, c.handled());
                    });
                    return plugins.crashes("good");
                })
                .map(crashes -> {
                    tc.verify(() -> assertEquals(List.of(), crashes));
                    return crashes;
                }));
    }

    @Test
    void garbageInTheProtocolKillsAndRestartsThePlugin(Vertx vertx, VertxTestContext tc) throws IOException {
        misbehaves(vertx, tc, "garbage", "protocol violation: not a JSON object: this is not json");
    }

    @Test
    void aHungPluginIsKilledAsUnresponsive(Vertx vertx, VertxTestContext tc) throws IOException {
        heartbeat = Duration.ofMillis(500);
        misbehaves(vertx, tc, "hang", "unresponsive: no heartbeat for ");
    }

    @Test
    void aPluginThatExitsIsRestarted(Vertx vertx, VertxTestContext tc) throws IOException {
        misbehaves(vertx, tc, "exit", null);
    }

    /** The command breaks the child; the host answers with an error, and the restarted child answers the next one. */
    private void misbehaves(Vertx vertx, VertxTestContext tc, String commandName, String reasonPrefix)
            throws IOException {
        FixtureJars.testPlugin(dir, "bad", "1.0.0", "", "");
        withHost(vertx, tc, config(Map.of(), List.of()), host -> {
            long firstPid = plugins.pid("bad");
            return host.dispatch(command(commandName))
                    .transform(ar -> {
                        tc.verify(() -> {
                            assertTrue(ar.failed());
                            assertTrue(
                                    ar.cause().getMessage().contains("exited"),
                                    ar.cause().getMessage());
                            if (reasonPrefix == null) {
                                assertTrue(
                                        ar.cause().getMessage().contains("code 3"),
                                        ar.cause().getMessage());
                            }
                        });
                        return host.dispatch(command("echo", "back"));
                    })
                    .compose(replies -> {
                        tc.verify(() -> {
                            assertEquals(List.of("back"), replies);
                            assertTrue(plugins.pid("bad") != firstPid);
                            assertEquals(1, host.counters("bad").failed());
                        });
                        return plugins.crashes("bad");
                    })
                    .map(crashes -> {
                        tc.verify(() -> {
                            // One crash record: the supervisor's reason is the connection's, or a plain exit.
                            assertEquals(1, crashes.size(), crashes.toString());
                            assertTrue(
                                    crashes.get(0).startsWith(reasonPrefix == null ? "exited" : reasonPrefix),
                                    crashes.get(0));
                        });
                        return crashes;
                    });
        });
    }

    @Test
    void pluginsStartInDependencyOrder(Vertx vertx, VertxTestContext tc) throws IOException {
        FixtureJars.testPlugin(dir, "a", "1.0.0", "", "b");
        FixtureJars.testPlugin(dir, "b", "1.0.0", "", "c@>=1.0.0");
        FixtureJars.testPlugin(dir, "c", "1.2.0", "", "");
        withHost(vertx, tc, config(Map.of(), List.of()), host -> {
            tc.verify(() -> assertEquals(List.of("c", "b", "a"), host.readyOrder()));
            return Future.succeededFuture();
        });
    }

    @Test
    void anEventSentWhileThePluginIsDownIsDeliveredOnceItIsReady(Vertx vertx, VertxTestContext tc) throws IOException {
        FixtureJars.testPlugin(dir, "good", "1.0.0", "", "");
        withHost(vertx, tc, config(Map.of(), List.of()), host -> plugins.supervisor
                .stop("good")
                .compose(stopped -> {
                    Future<List<String>> reply = host.dispatch(command("echo", "waited"));
                    tc.verify(() -> {
                        assertEquals(1, host.counters("good").queued());
                        assertEquals(0, host.counters("good").delivered());
                    });
                    return plugins.supervisor.start("good").compose(started -> reply);
                })
                .map(replies -> {
                    tc.verify(() -> {
                        assertEquals(List.of("waited"), replies);
                        EventCounters c = host.counters("good");
                        assertEquals(0, c.queued());
                        assertEquals(1, c.delivered());
                        assertTrue(c.queueWaitP99Millis() > 0);
                    });
                    return replies;
                }));
    }

    @Test
    void chatLinesReachListenersAndTheirRepliesGoBackToTheOrigin(Vertx vertx, VertxTestContext tc) throws IOException {
        FixtureJars.testPlugin(dir, "good", "1.0.0", "", "");
        withHost(vertx, tc, config(Map.of(), List.of()), host -> {
            io.vertx.core.Promise<String> said = io.vertx.core.Promise.promise();
            host.onOutput((origin, text) -> said.tryComplete(origin + " " + text));
            host.chat("irc:#warden", "bob", "hello there");
            return said.future().map(s -> {
                tc.verify(() -> assertEquals("irc:#warden seen: hello there", s));
                return s;
            });
        });
    }

    @Test
    void playerEventsFromTheBusReachListenersAndTheirBroadcastsGoEverywhere(Vertx vertx, VertxTestContext tc)
            throws IOException {
        FixtureJars.testPlugin(dir, "good", "1.0.0", "", "");
        withHost(vertx, tc, config(Map.of(), List.of()), host -> {
            io.vertx.core.Promise<String> said = io.vertx.core.Promise.promise();
            host.onOutput((origin, text) -> said.tryComplete(origin + " " + text));
            vertx.eventBus()
                    .publish(
                            warden.host.bus.Addresses.GAME_PLAYER,
                            new io.vertx.core.json.JsonObject()
                                    .put("childId", "minetest")
                                    .put("player", "carol")
                                    .put("event", "join")
                                    .put("players", 1));
            return said.future().map(s -> {
                tc.verify(() -> assertEquals("null welcome carol on game:minetest", s));
                return s;
            });
        });
    }

    @Test
    @warden.host.fixtures.External.Needs(path = "/usr/bin/python3", debianPackage = "python3")
    void aPythonPluginSpeaksTheSameProtocol(Vertx vertx, VertxTestContext tc) {
        Path python = warden.host.fixtures.External.require("/usr/bin/python3", "python3");
        Path script = Path.of("../plugins/python-echo/echo.py").toAbsolutePath().normalize();
        PluginsConfig config = config(
                Map.of(),
                List.of(new PluginsConfig.External("py-echo", List.of(python.toString(), script.toString()))));
        withHost(vertx, tc, config, host -> host.dispatch(command("pyecho", "x", "y"))
                .map(replies -> {
                    tc.verify(() -> {
                        assertEquals(List.of("python says: x y"), replies);
                        assertEquals(
                                Map.of("echoes", 1L), host.counters("py-echo").custom());
                    });
                    return replies;
                }));
    }
}

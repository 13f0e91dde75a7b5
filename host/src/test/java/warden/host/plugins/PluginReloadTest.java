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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.config.PluginsConfig;
import warden.host.plugins.fixture.TestPlugin;

/** Hot reload against real child JVMs: blue/green under load, failed reloads, and the folder watcher. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class PluginReloadTest {

    @TempDir
    Path dir;

    private PluginFixture plugins;
    private PluginHost host;

    @AfterEach
    void close(Vertx vertx, VertxTestContext tc) {
        vertx.getOrCreateContext()
                .runOnContext(v -> (plugins == null ? Future.<Void>succeededFuture() : plugins.close())
                        .onComplete(tc.succeedingThenComplete()));
    }

    private Path jar(String version) {
        try {
            return FixtureJars.jar(dir.resolve("p.jar"), "p", version, "", "", TestPlugin.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Command echo(String word) {
        return new Command("console", "alice", "echo", List.of(word), "!echo " + word);
    }

    private void withHost(Vertx vertx, VertxTestContext tc, boolean watch, Function<PluginHost, Future<?>> body) {
        // A deep queue: a starved child on a busy build machine may fall behind for a while; that is not what this
        // test is about, and every event must still be answered.
        PluginsConfig config = new PluginsConfig(dir, watch, "!", List.of(), Duration.ofSeconds(2), 100_000, Map.of());
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            plugins = new PluginFixture(vertx, dir, config);
            host = plugins.host;
            host.start().compose(x -> body.apply(host)).onComplete(tc.succeedingThenComplete());
        });
    }

    /** The next reload record published on the bus that matches. */
    private static Future<JsonObject> reloadRecord(Vertx vertx, Predicate<JsonObject> matching) {
        Promise<JsonObject> p = Promise.promise();
        var consumer = vertx.eventBus().<JsonObject>localConsumer(Addresses.PLUGIN_RELOAD);
        consumer.handler(m -> {
            if (matching.test(m.body())) {
                consumer.unregister();
                p.tryComplete(m.body());
            }
        });
        return p.future();
    }

    @Test
    void aReloadUnderSteadyLoadLosesNothingAndAnswersNothingTwice(Vertx vertx, VertxTestContext tc) {
        jar("1.0.0");
        withHost(vertx, tc, false, h -> {
            List<String> answers = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            int[] sent = {0};
            int[] stopAt = {Integer.MAX_VALUE};
            Promise<Void> allAnswered = Promise.promise();
            Promise<ReloadRecord> reloaded = Promise.promise();
            vertx.setPeriodic(1, timer -> {
                if (sent[0] >= stopAt[0]) {
                    vertx.cancelTimer(timer);
                    return;
                }
                int i = sent[0]++;
                if (i == 300) {
                    // Replace the jar and reload while events keep coming at about 1,000/s.
                    vertx.executeBlocking(() -> jar("2.0.0"))
                            .compose(x -> h.reload("p"))
                            .onSuccess(r -> {
                                stopAt[0] = sent[0] + 300;
                                reloaded.complete(r);
                            });
                }
                h.dispatch(echo(Integer.toString(i))).onComplete(ar -> {
                    if (ar.succeeded()) {
                        answers.addAll(ar.result());
                    } else {
                        failures.add(i + ": " + ar.cause().getMessage());
                    }
                    if (answers.size() + failures.size() == stopAt[0]) {
                        allAnswered.complete();
                    }
                });
            });
            return Future.all(reloaded.future(), allAnswered.future())
                    .compose(x -> {
                        tc.verify(() -> {
                            ReloadRecord r = reloaded.future().result();
                            assertEquals("ok", r.outcome(), r.toString());
                            assertEquals("1.0.0", r.fromVersion());
                            assertEquals("2.0.0", r.toVersion());
                            int total = stopAt[0];
                            assertEquals(List.of(), failures);
                            List<String> expected = new ArrayList<>();
                            for (int i = 0; i < total; i++) {
                                expected.add(Integer.toString(i));
                            }
                            assertEquals(
                                    expected,
                                    answers.stream()
                                            .sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b))
                                            .toList());
                            EventCounters c = h.counters("p");
                            assertEquals(total, c.delivered());
                            assertEquals(total, c.handled());
                            assertEquals(0, c.failed());
                            assertEquals(0, c.dropped());
                            assertEquals("2.0.0", h.plugins().get(0).version());
                            assertEquals("p", h.pluginOf("p"));
                            assertEquals(total, h.series().read("p").get("events.handled"));
                        });
                        return plugins.crashes("p");
                    })
                    .map(crashes -> {
                        tc.verify(() -> assertEquals(List.of(), crashes, "neither generation crashed"));
                        return crashes;
                    });
        });
    }

    @Test
    void aVersionThatCannotStartOrCannotBeReadLeavesTheOldOneServing(Vertx vertx, VertxTestContext tc) {
        jar("1.0.0");
        withHost(vertx, tc, false, h -> vertx.executeBlocking(() -> FixtureJars.jar(
                        dir.resolve("p.jar"), "p", "2.0.0", "", "", TestPlugin.class, "no.such.PluginClass"))
                .compose(x -> h.reload("p"))
                .compose(r -> {
                    tc.verify(() -> {
                        assertEquals("failed", r.outcome());
                        assertEquals("2.0.0", r.toVersion());
                        assertTrue(r.reason().contains("exited with code 4"), r.reason());
                        assertTrue(
                                r.reason().contains("failed to start: cannot create Plugin-Class no.such.PluginClass"),
                                r.reason());
                    });
                    return vertx.executeBlocking(
                            () -> FixtureJars.jar(dir.resolve("p.jar"), null, "3.0.0", "", "", TestPlugin.class));
                })
                .compose(x -> h.reload("p"))
                .compose(r -> {
                    tc.verify(() -> {
                        assertEquals("failed", r.outcome());
                        assertTrue(r.reason().contains("manifest has no Plugin-Id"), r.reason());
                    });
                    return h.dispatch(echo("still"));
                })
                .compose(replies -> {
                    tc.verify(() -> {
                        assertEquals(List.of("still"), replies);
                        assertEquals("1.0.0", h.plugins().get(0).version());
                    });
                    return h.reloads("p", 10);
                })
                .map(records -> {
                    tc.verify(() -> {
                        // Read back from SQLite, newest first.
                        assertEquals(
                                List.of("failed", "failed"),
                                records.stream().map(ReloadRecord::outcome).toList());
                        assertTrue(records.get(0).reason().contains("manifest has no Plugin-Id"));
                        assertEquals("2.0.0", records.get(1).toVersion());
                    });
                    return records;
                }));
    }

    @Test
    void theWatcherStartsReloadsAndStopsPluginsAndNeverRunsAHalfWrittenJar(Vertx vertx, VertxTestContext tc)
            throws IOException {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        byte[] whole =
                Files.readAllBytes(FixtureJars.jar(scratch.resolve("w.jar"), "w", "1.0.0", "", "", TestPlugin.class));
        Path target = dir.resolve("w.jar");
        withHost(vertx, tc, true, h -> {
            Promise<JarWatcher.Change> halfSeen = Promise.promise();
            Promise<String> ready = Promise.promise();
            h.watchHook = c -> {
                if (c.error() != null) {
                    halfSeen.tryComplete(c);
                }
            };
            h.readyHook = ready::tryComplete;
            return vertx.executeBlocking(() -> Files.write(target, java.util.Arrays.copyOf(whole, whole.length / 2)))
                    .compose(x -> halfSeen.future())
                    .compose(half -> {
                        tc.verify(() -> {
                            assertTrue(half.error().contains("not a readable jar"), half.error());
                            assertEquals(List.of(), h.plugins());
                        });
                        return vertx.executeBlocking(() -> Files.write(target, whole));
                    })
                    .compose(x -> ready.future())
                    .compose(id -> h.dispatch(echo("hot")))
                    .compose(replies -> {
                        tc.verify(() -> assertEquals(List.of("hot"), replies));
                        // Two quick changes: the last one wins, whatever the first did.
                        Future<JsonObject> last = reloadRecord(vertx, b -> "4.0.0".equals(b.getString("toVersion")));
                        return vertx.executeBlocking(() -> {
                                    FixtureJars.jar(target, "w", "3.0.0", "", "", TestPlugin.class);
                                    return FixtureJars.jar(target, "w", "4.0.0", "", "", TestPlugin.class);
                                })
                                .compose(x -> last);
                    })
                    .compose(record -> {
                        tc.verify(() -> {
                            assertEquals("ok", record.getString("outcome"), record.encode());
                            assertEquals("4.0.0", h.plugins().get(0).version());
                        });
                        return h.dispatch(echo("new"));
                    })
                    .compose(replies -> {
                        tc.verify(() -> assertEquals(List.of("new"), replies));
                        Promise<JarWatcher.Change> removed = Promise.promise();
                        h.watchHook = c -> {
                            if (c.staged() == null && c.error() == null) {
                                removed.tryComplete(c);
                            }
                        };
                        return vertx.executeBlocking(() -> Files.deleteIfExists(target))
                                .compose(x -> removed.future());
                    })
                    .compose(x -> h.dispatch(echo("gone")).transform(ar -> {
                        tc.verify(() -> {
                            assertTrue(ar.failed());
                            assertEquals("no plugin handles !echo", ar.cause().getMessage());
                            assertEquals(List.of(), h.plugins());
                            assertEquals(1, h.counters("w") == null ? 1 : 0);
                        });
                        return Future.succeededFuture();
                    }));
        });
    }
}

package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;
import warden.host.config.ChatConfig;
import warden.host.config.MetricsConfig;
import warden.host.config.PluginsConfig;
import warden.host.fixtures.Console;
import warden.host.fixtures.Fixtures;
import warden.host.fixtures.HostParts;
import warden.host.metrics.Aggregates;
import warden.host.metrics.MetricsService;
import warden.host.plugins.PluginHost;
import warden.host.storage.Database;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Supervisor;

/**
 * {@code !metrics} with every facade real, wired as the host wires them: a supervised child sampled by the real
 * MetricsService. Sampling is stopped before the question, so the reply can be compared with the service's own
 * aggregates to the last digit.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RealMetricsChatTest {

    private final HostParts parts = new HostParts();

    @AfterEach
    void tearDown() throws Exception {
        parts.close();
    }

    @Test
    void metricsRepliesShowWhatTheMetricsServiceHolds(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
            throws Exception {
        parts.db = Database.open(dir);
        parts.context = vertx.getOrCreateContext();
        MetricsConfig metricsConfig = new MetricsConfig(Duration.ofSeconds(1), Duration.ofHours(1));
        AtomicInteger ticks = new AtomicInteger();
        parts.context.runOnContext(v -> ctx.verify(() -> {
            parts.supervisor = new Supervisor(vertx, parts.db, dir, Clock.systemUTC());
            parts.supervisor.add(ChildSpec.service("dice-roller", Fixtures.java(Console.class)));
            MetricsService metrics =
                    new MetricsService(vertx, metricsConfig, parts.db, Clock.systemUTC(), parts.supervisor::children);
            PluginHost plugins = new PluginHost(vertx, parts.supervisor, parts.db, PluginsConfig.DEFAULT, dir);
            ChatService chat = new ChatService(
                    vertx,
                    parts.supervisor,
                    metrics,
                    plugins,
                    null,
                    parts.db,
                    new ChatConfig(false, null, null, 0, 0, null),
                    PluginsConfig.DEFAULT);
            vertx.eventBus().<JsonObject>consumer(Addresses.METRICS_TICK, msg -> {
                boolean sampled = metrics.latest("dice-roller")
                        .map(s -> s.values().containsKey("cpu"))
                        .orElse(false);
                if (sampled && ticks.incrementAndGet() == 3) {
                    metrics.stop()
                            .compose(x -> chat.handle(
                                    new ChatMessage("irc", "#warden", "alice", true, "!metrics dice-roller 5m")))
                            .compose(reply -> {
                                Instant to = Instant.now();
                                Instant from = to.minus(Duration.ofMinutes(5));
                                Future<Aggregates> cpu = metrics.aggregates("dice-roller", "cpu", from, to);
                                Future<Aggregates> rss = metrics.aggregates("dice-roller", "rssBytes", from, to);
                                return Future.all(cpu, rss).map(all -> {
                                    ctx.verify(() -> {
                                        var values = metrics.latest("dice-roller")
                                                .orElseThrow()
                                                .values();
                                        assertEquals(3, reply.size());
                                        assertTrue(
                                                reply.get(0)
                                                        .startsWith("dice-roller now: cpu "
                                                                + ChatText.percent(values.get("cpu")) + ", rss "
                                                                + ChatText.bytes(values.get("rssBytes"))),
                                                reply.get(0));
                                        assertEquals(expected("cpu", cpu.result(), true), reply.get(1));
                                        assertEquals(expected("rss", rss.result(), false), reply.get(2));
                                        assertTrue(
                                                cpu.result().count() >= 3,
                                                "samples: " + cpu.result().count());
                                    });
                                    return null;
                                });
                            })
                            .onComplete(ctx.succeedingThenComplete());
                }
            });
            metrics.start().compose(x -> parts.supervisor.startAll()).onFailure(ctx::failNow);
        }));
    }

    private static String expected(String name, Aggregates a, boolean percent) {
        java.util.function.DoubleFunction<String> unit = percent ? ChatText::percent : ChatText::bytes;
        return name + " 5m: avg " + unit.apply(a.avg()) + " min " + unit.apply(a.min()) + " max " + unit.apply(a.max())
                + " p95 " + unit.apply(a.p95()) + " (" + a.count() + " samples)";
    }
}

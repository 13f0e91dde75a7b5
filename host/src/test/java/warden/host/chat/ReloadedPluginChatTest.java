package warden.host.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.ChatConfig;
import warden.host.config.MetricsConfig;
import warden.host.config.PluginsConfig;
import warden.host.fixtures.HostParts;
import warden.host.metrics.MetricsService;
import warden.host.plugins.PluginHost;
import warden.host.storage.Database;
import warden.host.supervisor.Supervisor;

/**
 * After a reload a plugin is the same supervisor child under its own id, now in its next generation; admins name it.
 * Every facade is real and the plugin is the bundled dice-roller jar.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ReloadedPluginChatTest {

    @TempDir
    Path dir;

    private final HostParts parts = new HostParts();

    @AfterEach
    void tearDown() throws Exception {
        parts.close();
    }

    @Test
    void adminsControlAReloadedPluginByItsId(Vertx vertx, VertxTestContext ctx) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Path.of(Class.forName("warden.plugins.dice.DicePlugin")
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Files.copy(jar, plugins.resolve("dice-roller.jar"));
        PluginsConfig pluginsConfig =
                PluginsConfig.of(plugins, false, "!", List.of(), Duration.ofSeconds(2), 100, Map.of());
        parts.db = Database.open(dir.resolve("data"));
        parts.context = vertx.getOrCreateContext();
        parts.context.runOnContext(v -> {
            parts.supervisor = new Supervisor(vertx, parts.db, dir.resolve("data"), Clock.systemUTC());
            MetricsService metrics = new MetricsService(
                    vertx,
                    MetricsConfig.sampling(Duration.ZERO, Duration.ofHours(1)),
                    parts.db,
                    Clock.systemUTC(),
                    List::of);
            PluginHost host = new PluginHost(vertx, parts.supervisor, parts.db, pluginsConfig, dir.resolve("data"));
            ChatService chat = new ChatService(
                    vertx,
                    parts.supervisor,
                    metrics,
                    host,
                    null,
                    parts.db,
                    new ChatConfig(false, null, null, 0, 0, null),
                    pluginsConfig);
            host.start()
                    .compose(x -> chat.handle(admin("!reload dice-roller")))
                    .compose(reply -> {
                        ctx.verify(() -> {
                            assertEquals("dice-roller", host.pluginOf("dice-roller"), reply.toString());
                            assertEquals(
                                    1,
                                    parts.supervisor
                                            .status("dice-roller")
                                            .orElseThrow()
                                            .generation());
                        });
                        return chat.handle(admin("!restart dice-roller"));
                    })
                    .compose(reply -> {
                        ctx.verify(() -> assertEquals(List.of("restarted dice-roller"), reply));
                        return chat.handle(admin("!plugins"));
                    })
                    .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                        // The state of the serving child, which the restart has just spawned again.
                        assertEquals(1, reply.size());
                        assertTrue(
                                reply.get(0).matches("1 plugin: dice-roller 1\\.0\\.0 (STARTING|RUNNING)"),
                                reply.get(0));
                        ctx.completeNow();
                    })));
        });
    }

    private static ChatMessage admin(String text) {
        return new ChatMessage("console", "console", "admin", true, text);
    }
}

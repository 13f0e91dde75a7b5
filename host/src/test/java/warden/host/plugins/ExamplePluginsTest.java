package warden.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import warden.host.config.PluginsConfig;

/** The three example plugins, as the jars Maven built, in real child JVMs. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ExamplePluginsTest {

    @TempDir
    Path dir;

    private PluginFixture plugins;

    @AfterEach
    void close(Vertx vertx, VertxTestContext tc) {
        vertx.getOrCreateContext()
                .runOnContext(v -> (plugins == null ? Future.<Void>succeededFuture() : plugins.close())
                        .onComplete(tc.succeedingThenComplete()));
    }

    private static Path builtJar(String pluginClass) throws Exception {
        Path jar = Path.of(Class.forName(pluginClass)
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertTrue(jar.toString().endsWith(".jar"), "run through the reactor's verify so plugins are jars: " + jar);
        return jar;
    }

    private static Command command(String name, String... args) {
        return new Command("console", "alice", name, List.of(args), "!" + name);
    }

    @Test
    void diceEightBallAndCounterAnswer(Vertx vertx, VertxTestContext tc) throws Exception {
        for (String c : List.of(
                "warden.plugins.dice.DicePlugin",
                "warden.plugins.eightball.EightBallPlugin",
                "warden.plugins.counter.CounterPlugin")) {
            Path jar = builtJar(c);
            Files.copy(jar, dir.resolve(jar.getFileName()));
        }
        PluginsConfig config = new PluginsConfig(dir, false, "!", List.of(), Duration.ofSeconds(1), 10, Map.of());
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            plugins = new PluginFixture(vertx, dir, config);
            PluginHost host = plugins.host;
            host.start()
                    .compose(x -> Future.all(
                            host.dispatch(command("roll", "3d6")),
                            host.dispatch(command("roll", "0d6")),
                            host.dispatch(command("8ball", "will", "it", "work?")),
                            host.dispatch(command("count"))))
                    .onComplete(tc.succeeding(all -> tc.verify(() -> {
                        List<String> roll = all.resultAt(0);
                        assertTrue(
                                roll.get(0).matches("alice rolled 3d6: [1-6] \\+ [1-6] \\+ [1-6] = \\d+"), roll.get(0));
                        assertEquals(List.of("between 1 and 100 dice of 2 to 1000 sides, please"), all.resultAt(1));
                        assertEquals(1, ((List<?>) all.resultAt(2)).size());
                        assertEquals(List.of("count called 1 times; 0 chat lines seen"), all.resultAt(3));
                        assertEquals(
                                Map.of("count.calls", 1L),
                                host.counters("counter").custom());
                        assertEquals(
                                Map.of("rolls", 1L),
                                host.counters("dice-roller").custom());
                        assertTrue(host.handles("8ball"));
                        assertEquals(List.of(), host.rejected());
                        tc.completeNow();
                    })));
        });
    }
}

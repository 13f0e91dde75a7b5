package warden.host.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import warden.host.fixtures.OnContext;
import warden.host.plugins.FixtureJars;
import warden.host.supervisor.ChildState;

/**
 * Two live Warden hosts and one real Prometheus scraping both with the bearer token, loading {@code rules}. Host {@code
 * a} runs a plugin (one event already through it, so its timers have a sample), a game-server simulator with a player,
 * two plain services ({@code steady} and {@code victim}, which restarts fast) and {@code leaving}, which {@link
 * #removeLeaving} takes out of its configuration; host {@code b} runs one service, {@code other}.
 */
final class ScrapedHosts implements AutoCloseable {

    private static final String SERVICES =
            """
            plugins: {dir: %s, watch: false}
            chat: {console: false, game: {enabled: true, childId: game}}
            services:
              - id: steady
                command: [sleep, "600"]
              - id: victim
                command: [sleep, "600"]
                restart: {backoff: 100ms}
              - id: game
                game: vintagestory
                command: ["${java}", -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -cp, "${warden.classpath}",
                          warden.sim.GameSimulator, --boot-delay, 500ms, --players, alice]
                ready: now running on Port
            """;
    private static final String LEAVING =
            """
              - id: leaving
                command: [sleep, "600"]
            """;

    final Path dir;
    final LiveHost a;
    final LiveHost b;
    final Prometheus prometheus;
    private final String yamlA;

    ScrapedHosts(Path rules, Duration wait) throws Exception {
        dir = Files.createTempDirectory("warden-prometheus");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        FixtureJars.testPlugin(plugins, "tester", "1.0.0", ">=0.1.0", "");
        yamlA = SERVICES.formatted(plugins);
        LiveHost first = null;
        LiveHost second = null;
        try {
            first = new LiveHost(dir.resolve("a"), yamlA + LEAVING);
            second = new LiveHost(dir.resolve("b"), "services:\n  - {id: other, command: [sleep, \"600\"]}\n");
            prometheus = new Prometheus(
                    Files.createDirectories(dir.resolve("prometheus")),
                    LiveHost.TOKEN,
                    List.of(first.address(), second.address()),
                    List.of(rules));
        } catch (Exception | AssertionError e) {
            Prometheus.closeAll(first, second);
            throw e;
        }
        a = first;
        b = second;
        try {
            Prometheus.await("tester and game running", wait, () -> running(a, "tester") && running(a, "game"));
            String reply = a.chat("!echo hi").body();
            assertTrue(reply.contains("hi"), reply);
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    /** Host a's configuration again without {@code leaving}, applied by a reload. */
    void removeLeaving() throws Exception {
        a.reload(yamlA);
    }

    private static boolean running(LiveHost host, String id) {
        try {
            return OnContext.get(
                    host.warden.context(),
                    () -> Future.succeededFuture(host.warden
                            .supervisor()
                            .status(id)
                            .map(c -> c.state() == ChildState.RUNNING)
                            .orElse(false)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws Exception {
        Prometheus.closeAll(prometheus, a, b);
    }
}

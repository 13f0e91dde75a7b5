package warden.host.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import warden.host.fixtures.InProcessHost;
import warden.host.plugins.FixtureJars;

/**
 * A whole real host and headless chromium on its dashboard, what the {@code RealHost*Test} classes share: the bundled
 * game simulator as a supervised service with game chat on, a real plugin JVM ({@code tester}, and the bundled
 * examples a test asks for), the sampler every second. One per test class; screenshots {@code real-*}.
 */
final class RealDashboard implements AutoCloseable {

    static final String TOKEN = ApiFixture.TOKEN;
    /** Every chart the game server's page draws: the sampler's process series and the players it counts. */
    static final String[] GAME_CHARTS = {"cpu", "rssBytes", "threads", "openFiles", "io", "vmsBytes", "players"};
    /** Every chart a plugin's page draws: a process, plus what the plugin router measures. */
    static final String[] PLUGIN_CHARTS = {
        "cpu", "rssBytes", "events", "threads", "openFiles", "io", "vmsBytes", "latency", "queue"
    };
    /** The machine's charts and the host process's (each disk mount is checked apart: its id names the mount). */
    static final String[] SYSTEM_CHARTS = {
        "system.cpu",
        "system.memUsedBytes",
        "system.load1",
        "net",
        "host.cpu",
        "host.rssBytes",
        "host.threads",
        "host.heapUsedBytes"
    };

    final InProcessHost host;
    final Browser browser;
    final Page page;
    final String base;

    private RealDashboard(InProcessHost host, Browser browser) {
        this.host = host;
        this.browser = browser;
        this.base = host.base();
        this.page = new Page(browser, base, Duration.ofSeconds(45));
    }

    static RealDashboard start() throws Exception {
        return start(List.of());
    }

    /** With the {@code tester} plugin and the bundled example plugins named by their plugin classes, as built. */
    static RealDashboard start(List<String> bundledPlugins) throws Exception {
        Path dir = Files.createTempDirectory("warden-real-browser");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        FixtureJars.testPlugin(plugins, "tester", "1.0.0", ">=0.1.0", "");
        for (String pluginClass : bundledPlugins) {
            Path jar = Path.of(Class.forName(pluginClass)
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!jar.toString().endsWith(".jar")) {
                throw new IllegalStateException("run through the reactor's verify so plugins are jars: " + jar);
            }
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // chat's links need the address before the host binds it
        }
        String base = "http://127.0.0.1:" + port;
        InProcessHost host = InProcessHost.start(
                dir,
                TOKEN,
                """
                http: {port: %d, adminToken: %s}
                metrics: {interval: 1s}
                plugins: {dir: %s, watch: false}
                chat: {console: false, dashboardUrl: "%s/", game: {enabled: true, childId: game}}
                services:
                  - id: game
                    game: vintagestory
                    command: ["${java}", -XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -cp, "${warden.classpath}",
                              warden.sim.GameSimulator, --boot-delay, 200ms]
                    ready: now running on Port
                    stop: {command: /stop, timeout: 10s}
                """
                        .formatted(port, TOKEN, plugins, base));
        try {
            RealDashboard d = new RealDashboard(host, new Browser(1280, 900));
            d.logIn();
            return d;
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
    }

    /** Logs in (again, if a restart ended the session) and waits for the game's card. */
    void logIn() {
        page.logIn(TOKEN, "game");
    }

    /** Stops and starts the host; the epoch second it came back, so a chart fed since then is told from history. */
    long restartHost() throws Exception {
        host.restart();
        long back = Instant.now().getEpochSecond();
        logIn();
        return back;
    }

    /** What chat answers {@code line} from the dashboard's chat endpoint, one reply a line. */
    String chat(String line) throws Exception {
        HttpResponse<String> r =
                host.call("POST", "/chat", new JsonObject().put("line", line).encode());
        if (r.statusCode() != 200) {
            throw new AssertionError("chat " + line + ": " + r.statusCode() + " " + r.body());
        }
        JsonArray replies = new JsonObject(r.body()).getJsonArray("replies");
        return String.join("\n", replies.getList());
    }

    /**
     * Sends {@code line} until its reply contains {@code expected}: after a host restart a plugin answers only once
     * its new child is ready, and a command sent before that is refused, not queued.
     */
    String chatUntil(String line, String expected) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        String reply = chat(line);
        while (!reply.contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(line + " never answered with " + expected + "; last reply: " + reply);
            }
            Thread.onSpinWait();
            reply = chat(line);
        }
        return reply;
    }

    /** Writes {@code line} to the child's stdin, as the console would. */
    void send(String child, String line) throws Exception {
        if (!host.onContext(() -> host.warden().supervisor().send(child, line))) {
            throw new AssertionError("could not send to " + child);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            browser.close();
        } finally {
            host.close();
        }
    }
}

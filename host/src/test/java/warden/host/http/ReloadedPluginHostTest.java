package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import warden.host.Warden;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;
import warden.host.fixtures.External;
import warden.host.plugins.FixtureJars;
import warden.host.plugins.fixture.TestPlugin;

/**
 * The whole host with a plugin whose jar is replaced while it runs (the folder watcher reloads it): afterwards the
 * plugin is still one child under its own id, in the API (child, series, markers), in {@code /metrics}, in the
 * events total and on its dashboard page, with its counters carried on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReloadedPluginHostTest {

    private static final String TOKEN = "reload-test-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private Warden warden;
    private String base;
    private Path jar;

    @BeforeEach
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar = FixtureJars.jar(plugins.resolve("p.jar"), "p", "1.0.0", "", "", TestPlugin.class);
        Files.writeString(
                dir.resolve("warden.yaml"),
                """
                data: %s
                http: {port: 0, adminToken: %s}
                chat: {console: false}
                metrics: {interval: 1s}
                plugins: {dir: %s, watch: true}
                services:
                  - id: svc
                    command: [sleep, "600"]
                """
                        .formatted(dir.resolve("data"), TOKEN, plugins));
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
        vertx = Warden.createVertx(config);
        warden = Warden.start(vertx, config)
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        base = warden.dashboardUrl();
    }

    @AfterEach
    void stop() throws Exception {
        if (warden != null) {
            warden.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aReloadedPluginKeepsItsIdInTheApiSeriesMarkersMetricsAndTotals() throws Exception {
        awaitChild(c -> "RUNNING".equals(c.getString("state")) && "1.0.0".equals(c.getString("version")));
        assertEquals(List.of("one"), chat("!echo one"));
        Instant before = Instant.now();

        reloadWithVersion("2.0.0");
        JsonObject child = awaitChild(c -> c.getInteger("generation", -1) == 1
                && "2.0.0".equals(c.getString("version"))
                && "RUNNING".equals(c.getString("state")));
        assertEquals("p", child.getString("plugin"));
        JsonArray all = new JsonArray(get("/api/v1/children").body());
        assertEquals(
                List.of("svc", "p"),
                all.stream().map(c -> ((JsonObject) c).getString("id")).toList(),
                all.encode());

        // A service cannot be reloaded: a conflict that says so, not an internal error.
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(base + "api/v1/children/svc/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(new JsonObject(refused.body()).getString("message").contains("only plugins can be reloaded"));

        assertEquals(List.of("two"), chat("!echo two"));
        // A tick after the reload, under the plugin's id, with the counters of both versions.
        JsonObject latest = await(
                () -> {
                    HttpResponse<String> r = get("/api/v1/series/p/latest");
                    return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
                },
                s -> Instant.parse(s.getString("at")).isAfter(before)
                        && s.getJsonObject("values").getDouble("events.delivered", 0.0) == 2.0);
        assertTrue(latest.getJsonObject("values").containsKey("rssBytes"), latest.encode());

        JsonArray markers = new JsonArray(get("/api/v1/children/p/markers").body());
        assertTrue(
                markers.stream()
                        .anyMatch(m -> ((JsonObject) m).getString("kind").equals("reload")
                                && ((JsonObject) m).getString("detail").equals("1.0.0 -> 2.0.0 ok")),
                markers.encode());

        // Every total is the sum of the per-child figures it claims to add up.
        JsonObject system = await(
                () -> new JsonObject(get("/api/v1/system").body()).getJsonObject("summary"),
                s -> s.getLong("eventsTotal") == sumOfDelivered());
        assertEquals(2, system.getLong("eventsTotal"), system.encode());
        String status = String.join("\n", chat("!status"));
        assertTrue(status.contains(" 2 events"), status);

        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("child=\"p\""), metrics);
        assertFalse(metrics.contains("p.r1"), metrics);

        // Chat names it by its id and reads its samples there.
        List<String> report = chat("!metrics p 5m");
        assertTrue(report.get(0).startsWith("p now: ") && report.get(0).contains("rss "), report.toString());
        assertTrue(report.get(2).startsWith("rss 5m: avg "), report.toString());

        // The new generation crashes: the record, the marker and the restart are the plugin's, under its id.
        send(HttpRequest.newBuilder(URI.create(base + "api/v1/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("line", "!exit").encode())));
        JsonArray crashes =
                await(() -> new JsonArray(get("/api/v1/crashes?child=p").body()), c -> !c.isEmpty());
        assertEquals("p", crashes.getJsonObject(0).getString("childId"), crashes.encode());
        assertEquals(3, crashes.getJsonObject(0).getInteger("exitCode"), crashes.encode());
        assertEquals(
                new JsonArray(), new JsonArray(get("/api/v1/crashes?child=p.r1").body()));
        JsonObject restarted = awaitChild(c -> "RUNNING".equals(c.getString("state")) && c.getInteger("restarts") >= 1);
        assertEquals(1, restarted.getInteger("generation"), restarted.encode());
        assertTrue(
                get("/api/v1/children/p/markers").body().contains("\"kind\":\"crash\""),
                get("/api/v1/children/p/markers").body());
    }

    @Test
    @External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
    @External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
    void theChildPageOfAReloadedPluginHasItsCharts() throws Exception {
        awaitChild(c -> "RUNNING".equals(c.getString("state")));
        reloadWithVersion("2.0.0");
        awaitChild(c -> c.getInteger("generation", -1) == 1 && "RUNNING".equals(c.getString("state")));
        try (Browser browser = new Browser(1280, 900)) {
            WebDriverWait wait = new WebDriverWait(browser.driver, WAIT);
            browser.driver.get(base);
            browser.driver.findElement(By.id("token")).sendKeys(TOKEN);
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(d -> !d.findElements(By.cssSelector("[data-child='p']")).isEmpty());
            browser.driver.get(base + "#/child/p");
            // Each chart of a plugin is drawn with samples of the new generation under the plugin's id.
            wait.until(d -> {
                String populated = d.findElement(By.id("charts")).getDomAttribute("data-populated");
                return populated != null
                        && List.of(populated.split(",")).containsAll(List.of("cpu", "rssBytes", "events", "threads"));
            });
            String facts = browser.driver.findElement(By.id("facts")).getText();
            assertTrue(facts.contains("2.0.0"), facts);
            browser.screenshot("reloaded-plugin-child");
        }
    }

    private void reloadWithVersion(String version) throws Exception {
        FixtureJars.jar(jar, "p", version, "", "", TestPlugin.class);
    }

    private long sumOfDelivered() throws Exception {
        long sum = 0;
        for (Object o : new JsonArray(get("/api/v1/children").body())) {
            JsonObject counters = ((JsonObject) o).getJsonObject("counters");
            sum += counters == null ? 0 : counters.getLong("delivered");
        }
        return sum;
    }

    private JsonObject awaitChild(ThrowingPredicate<JsonObject> condition) throws Exception {
        return await(
                () -> {
                    HttpResponse<String> r = get("/api/v1/children/p");
                    return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
                },
                condition);
    }

    /** Asks {@code read} until its answer meets {@code condition}, within {@link #WAIT}; the last answer fails it. */
    private static <T> T await(ThrowingSupplier<T> read, ThrowingPredicate<T> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (last != null && condition.test(last)) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(100); // a poll interval, not a wait for timing: the deadline bounds it
        }
        throw new AssertionError("condition not met within " + WAIT + "; last: " + last);
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    @FunctionalInterface
    private interface ThrowingPredicate<T> {
        boolean test(T t) throws Exception;
    }

    private List<String> chat(String line) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "api/v1/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("line", line).encode())));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body())
                .getJsonArray("replies").stream().map(Object::toString).toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path.substring(1))).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(
                request.header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }
}

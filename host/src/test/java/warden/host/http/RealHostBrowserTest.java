package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import warden.host.Warden;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;
import warden.host.fixtures.External;
import warden.host.plugins.FixtureJars;

/**
 * The dashboard over a whole real host: the bundled game simulator as a supervised service with game chat on, a real
 * plugin JVM, the sampler every second. Every chart of a child, the host and the system fills; 7 d and 30 d work on a
 * host a minute old; the player chart follows the simulator's joins and leaves; a threshold set in the page turns the
 * badges (and chat's answer) and, like the charts, survives a host restart; every link chat sends opens a page.
 * One host data dir, one browser for the class. Screenshots {@code real-*}.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RealHostBrowserTest {

    private static final String TOKEN = ApiFixture.TOKEN;

    private Path dir;
    private Vertx vertx;
    private WardenConfig config;
    private Warden warden;
    private Browser browser;
    private WebDriverWait wait;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("warden-real-browser");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        FixtureJars.testPlugin(plugins, "tester", "1.0.0", ">=0.1.0", "");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // chat's links need the address before the host binds it
        }
        base = "http://127.0.0.1:" + port;
        Files.writeString(
                dir.resolve("warden.yaml"),
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
        config = new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
        vertx = Warden.createVertx(config);
        startHost();
        browser = new Browser(1280, 900);
        wait = new WebDriverWait(browser.driver, Duration.ofSeconds(45));
        // Live pages re-render their cards and facts every tick: an element read in a wait may go stale; look again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (warden != null) {
            get(warden.stop());
        }
        get(vertx.close());
    }

    private void startHost() throws Exception {
        warden = get(Warden.start(vertx, config));
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void everyChartFillsAndLongRangesWorkOnAYoungHost() throws Exception {
        logIn();
        By cpu = By.cssSelector("[data-child='game'] [data-cpu]");
        wait.until(d ->
                d.findElements(cpu).size() == 1 && d.findElement(cpu).getText().endsWith("%"));
        api("POST", "/api/v1/chat", "{\"line\": \"!echo hello\"}");

        open("#/child/game");
        waitPopulated("cpu", "rssBytes", "threads", "openFiles", "io", "vmsBytes", "players");
        assertAxesReadable();
        assertCursorShared();
        browser.fullPage("real-01-game");

        open("#/child/tester");
        waitPopulated("cpu", "rssBytes", "events", "threads", "latency", "queue");
        browser.fullPage("real-02-plugin");

        open("#/system");
        waitPopulated("system.cpu", "system.memUsedBytes", "system.load1", "net", "host.cpu", "host.rssBytes");
        String mounts = chartsAttr("charts");
        assertTrue(mounts.contains("system.disk.usedBytes:"), "a chart per mount: " + mounts);
        browser.fullPage("real-03-system");

        // 7 d and 30 d on a host seconds old: the axis spans the range, the samples that exist are drawn, and the
        // aggregates are the exact ones of what exists, never a refusal.
        open("#/child/game");
        waitPopulated("cpu");
        for (String range : List.of("7d", "30d")) {
            browser.driver
                    .findElement(By.cssSelector("[data-range='" + range + "']"))
                    .click();
            wait.until(d -> range.equals(chartsAttr("range")));
            wait.until(d -> Integer.parseInt(chartsAttr("points")) >= 1);
            double span = ((Number) browser.driver.executeScript(
                            "const r = window.wardenAxes(); return r.length ? r[0].xMax - r[0].xMin : 0"))
                    .doubleValue();
            double expected = range.equals("7d") ? 7 * 86400 : 30 * 86400;
            assertEquals(expected, span, 120, range + " axis span");
            wait.until(d ->
                    !d.findElements(By.cssSelector("#aggs [data-agg='cpu']")).isEmpty());
            assertFalse(text("#aggs").contains("at most"), text("#aggs"));
            assertAxesReadable();
            browser.screenshot("real-04-game-" + range);
        }
    }

    @Test
    @Order(2)
    void thePlayerChartFollowsJoinsAndLeaves() throws Exception {
        open("#/child/game");
        waitPopulated("players");
        send("game", "/sim join alice");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#players-card [data-player='alice']")));
        wait.until(d -> chartsAttr("markers").contains("join"));
        wait.until(d -> nowOf("players").equals("now 1"));
        send("game", "/sim leave alice");
        wait.until(d -> chartsAttr("markers").contains("leave"));
        wait.until(d -> nowOf("players").equals("now 0"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#players-card [data-roster='0']")));
        browser.fullPage("real-05-game-players");

        open("#/players");
        wait.until(d -> chartsAttr("markers") != null && chartsAttr("markers").contains("leave"));
        assertTrue(text("#events").contains("alice"), text("#events"));
        open("#/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-players='game']")));
    }

    @Test
    @Order(3)
    void aThresholdSetInThePageTurnsTheBadgesAndChat() throws Exception {
        open("#/child/game");
        By cpuFact = By.cssSelector("[data-fact='cpu'] b");
        wait.until(d -> d.findElement(cpuFact).getDomAttribute("class").contains("level-ok"));
        WebElement band = browser.driver.findElement(By.cssSelector("#thresholds [data-metric='cpu']"));
        band.findElement(By.name("warn")).clear();
        band.findElement(By.name("warn")).sendKeys("0");
        band.findElement(By.name("crit")).clear();
        band.findElement(By.name("crit")).sendKeys("5000");
        band.findElement(By.cssSelector("[data-save]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#thresholds [data-metric='cpu'] [data-customised]")));
        wait.until(d -> d.findElement(cpuFact).getDomAttribute("class").contains("level-warn"));

        // The config's rule holds in the page: warn above crit is refused with the config's words.
        WebElement mem = browser.driver.findElement(By.cssSelector("#thresholds [data-metric='memory']"));
        mem.findElement(By.name("warn")).clear();
        mem.findElement(By.name("warn")).sendKeys("90");
        mem.findElement(By.name("crit")).clear();
        mem.findElement(By.name("crit")).sendKeys("10");
        mem.findElement(By.cssSelector("[data-save]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#thresholds [data-metric='memory'] [data-error]"), "0 <= warn <= crit"));
        browser.fullPage("real-06-threshold-set");

        String reply = api("POST", "/api/v1/chat", "{\"line\": \"!metrics game\"}");
        assertTrue(reply.contains("(warn)"), reply);
        open("#/");
        wait.until(d -> d.findElement(By.cssSelector("[data-child='game'] [data-cpu]"))
                .getDomAttribute("class")
                .contains("level-warn"));
    }

    @Test
    @Order(4)
    void chartsAndThresholdsSurviveAHostRestart() throws Exception {
        get(warden.stop());
        startHost();
        logIn();
        open("#/child/game");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#thresholds [data-metric='cpu'] [data-customised]")));
        wait.until(d -> d.findElement(By.cssSelector("[data-fact='cpu'] b"))
                .getDomAttribute("class")
                .contains("level-warn"));
        waitPopulated("cpu", "rssBytes", "threads", "openFiles", "io", "players");
        wait.until(d ->
                chartsAttr("markers").contains("stop") && chartsAttr("markers").contains("start"));
        open("#/child/tester");
        waitPopulated("cpu", "rssBytes", "events", "threads");
        open("#/system");
        waitPopulated("system.cpu", "system.memUsedBytes", "net", "host.cpu", "host.rssBytes");
        browser.fullPage("real-07-system-after-restart");

        // Reset: back to the config's band, no longer customised.
        open("#/child/game");
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#thresholds [data-metric='cpu'] [data-reset]")))
                .click();
        wait.until(d -> d.findElements(By.cssSelector("#thresholds [data-metric='cpu'] [data-customised]"))
                .isEmpty());
        wait.until(d -> d.findElement(By.cssSelector("[data-fact='cpu'] b"))
                .getDomAttribute("class")
                .contains("level-ok"));
    }

    @Test
    @Order(5)
    void everyLinkChatSendsOpensAPage() throws Exception {
        send("game", "/sim crash 3");
        // The crash answer carries a link to the child; it is followed as chat sent it.
        String reply = waitForReply("!crashes game", "#/children/game");
        Matcher m = Pattern.compile(Pattern.quote(base) + "/(#/\\S+)").matcher(reply);
        assertTrue(m.find(), reply);
        Set<String> links = new LinkedHashSet<>(List.of(m.group(1)));
        links.addAll(linksInChatSources());
        assertTrue(links.contains("#/plugins"), links.toString());
        for (String link : links) {
            browser.driver.get(base + "/" + link);
            wait.until(d -> {
                String page = d.findElement(By.id("view")).getDomAttribute("data-page");
                return page != null && !page.isEmpty();
            });
            assertFalse(
                    "none".equals(browser.driver.findElement(By.id("view")).getDomAttribute("data-page")),
                    link + " opens no page");
            wait.until(d -> d.findElements(By.cssSelector("#view .error-box")).isEmpty()
                    && !d.findElement(By.id("view")).getText().startsWith("Loading"));
        }
        open("#/crashes");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-seq]")))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.tail")));
        Number scroll = (Number) browser.driver.executeScript(
                "const p = document.querySelector('pre.tail'); return p.scrollHeight - p.clientHeight - p.scrollTop");
        assertTrue(scroll.doubleValue() < 2, "the tail opens at its last line: " + scroll);
        browser.screenshot("real-08-crash");
        open("#/plugins");
        wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-plugin='tester'] [data-version]")));
        assertEquals(
                "1.0.0",
                browser.driver
                        .findElement(By.cssSelector("[data-plugin='tester'] [data-version]"))
                        .getText());
        open("#/audit");
        wait.until(d -> !d.findElements(By.cssSelector("#audit table, #audit [data-empty]"))
                .isEmpty());
        browser.screenshot("real-09-audit");
    }

    /** Links chat builds as {@code ChatText.dashboard(url, "#/...")}; one followed by {@code + id} gets a real id. */
    private static List<String> linksInChatSources() throws IOException {
        List<String> links = new ArrayList<>();
        Pattern link = Pattern.compile("dashboard\\(dashboardUrl, \"(#/[^\"]*)\"( \\+ \\w+)?");
        try (Stream<Path> files = Files.list(Path.of("src/main/java/warden/host/chat"))) {
            for (Path f : files.toList()) {
                Matcher m = link.matcher(Files.readString(f));
                while (m.find()) {
                    links.add(m.group(1) + (m.group(2) == null ? "" : "tester"));
                }
            }
        }
        return links;
    }

    private String waitForReply(String line, String needle) {
        return wait.until(d -> {
            try {
                String reply = api("POST", "/api/v1/chat", "{\"line\": \"" + line + "\"}");
                return reply.contains(needle) ? reply : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void send(String child, String line) throws Exception {
        CompletableFuture<Boolean> sent = new CompletableFuture<>();
        warden.context().runOnContext(v -> sent.complete(warden.supervisor().send(child, line)));
        assertTrue(sent.get(10, TimeUnit.SECONDS), "sent to " + child);
    }

    private String api(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject json = new JsonObject(r.body());
        JsonArray replies = json.getJsonArray("replies");
        return replies == null ? r.body() : String.join("\n", replies.getList());
    }

    /** Logs in unless the session is still good (the sessions live in the Vert.x instance, which a restart keeps). */
    private void logIn() {
        browser.driver.get(base + "/");
        wait.until(d -> !d.findElements(By.id("token")).isEmpty()
                || !d.findElements(By.cssSelector("[data-child='game']")).isEmpty());
        if (!browser.driver.findElements(By.id("token")).isEmpty()) {
            browser.driver.findElement(By.id("token")).sendKeys(TOKEN);
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-child='game']")));
    }

    /** Opens a page afresh: the same URL again would change nothing, so it is reloaded then. */
    private void open(String hash) {
        if (browser.driver.getCurrentUrl().equals(base + "/" + hash)) {
            browser.driver.navigate().refresh();
        } else {
            browser.driver.get(base + "/" + hash);
        }
    }

    private String chartsAttr(String name) {
        List<WebElement> charts = browser.driver.findElements(By.id("charts"));
        return charts.isEmpty() ? null : charts.get(0).getDomAttribute("data-" + name);
    }

    private String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    private String nowOf(String chart) {
        List<WebElement> el = browser.driver.findElements(By.cssSelector("[data-chart='" + chart + "'] [data-now]"));
        return el.isEmpty() ? "" : el.get(0).getText();
    }

    /** Waits until each chart is drawn with at least one sampled value. */
    private void waitPopulated(String... charts) {
        wait.until(d -> {
            String populated = chartsAttr("populated");
            if (populated == null) {
                return false;
            }
            List<String> have = List.of(populated.split(","));
            return Stream.of(charts).allMatch(have::contains);
        });
    }

    /** On every chart drawn: no two y labels alike, no two x labels overlapping. */
    @SuppressWarnings("unchecked")
    private void assertAxesReadable() {
        List<Map<String, Object>> report =
                (List<Map<String, Object>>) browser.driver.executeScript("return window.wardenAxes()");
        assertFalse(report.isEmpty());
        for (Map<String, Object> chart : report) {
            assertEquals(Boolean.TRUE, chart.get("yDistinct"), chart.toString());
            assertEquals(Boolean.FALSE, chart.get("xOverlap"), chart.toString());
        }
    }

    /** Moves over the first chart and reads whether the second one draws its cursor at the same time. */
    private void assertCursorShared() {
        List<WebElement> overs = browser.driver.findElements(By.cssSelector("#charts .u-over"));
        assertTrue(overs.size() >= 2, overs.size() + " charts");
        new Actions(browser.driver).moveToElement(overs.get(0)).perform();
        wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("const t = document.querySelectorAll('#charts .tooltip');"
                        + "return t.length >= 2 && getComputedStyle(t[1]).display === 'block'"));
    }
}

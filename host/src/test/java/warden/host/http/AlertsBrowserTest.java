package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import warden.host.Warden;
import warden.host.config.ConfigLoader;
import warden.host.config.WardenConfig;
import warden.host.fixtures.External;

/**
 * The Alerts page and the alert marks over a real host whose child crash-loops: the card and the chart marked, the
 * alert acknowledged, a rule refused with the host's message next to its field and then saved, a silence set and
 * ended, a test notification delivered to one channel and refused by another, the history. Screenshots {@code
 * alerts-*}.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class AlertsBrowserTest {

    private static final String TOKEN = ApiFixture.TOKEN;

    @TempDir
    Path dir;

    private final BlockingQueue<String> hooked = new LinkedBlockingQueue<>();
    private Browser browser;
    private WebDriverWait wait;
    private String base;

    @Test
    void firingMarkedAcknowledgedRulesSilencesAndTests() throws Exception {
        Vertx receiverVertx = Vertx.vertx();
        HttpServer receiver = get(receiverVertx
                .createHttpServer()
                .requestHandler(req -> req.body().onSuccess(b -> {
                    hooked.add(b.toString());
                    req.response().end();
                }))
                .listen(0, "127.0.0.1"));
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Files.writeString(
                dir.resolve("warden.yaml"),
                """
                http: {port: 0, adminToken: %s}
                chat: {console: false}
                plugins: {dir: ./plugins, watch: false}
                alerts:
                  builtin: {crash: false}
                  channels:
                    - {name: hook, type: webhook, url: "http://127.0.0.1:%d/hook"}
                    - {name: down, type: webhook, url: "http://127.0.0.1:%d/", retries: 0}
                services:
                  - id: looper
                    command: [sh, -c, "echo boom; exit 3"]
                    restart: {backoff: 50ms, maxBackoff: 1h, crashLoopCrashes: 3, crashLoopWindow: 1m}
                  - id: steady
                    command: [sleep, "600"]
                """
                        .formatted(TOKEN, receiver.actualPort(), closed));
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(dir.resolve("warden.yaml"));
        Vertx vertx = Warden.createVertx(config);
        Warden warden = get(Warden.start(vertx, config));
        try {
            base = warden.dashboardUrl().replaceAll("/$", "");
            browser = new Browser(1280, 900);
            wait = new WebDriverWait(browser.driver, Duration.ofSeconds(45));
            // The page redraws its tables as the host's events come; a row found a moment ago may be replaced.
            wait.ignoring(StaleElementReferenceException.class);
            browser.driver.get(base + "/");
            wait.until(d -> !d.findElements(By.id("token")).isEmpty());
            browser.driver.findElement(By.id("token")).sendKeys(TOKEN);
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();

            // The overview marks the crash-looping child's card, and only that one.
            By mark = By.cssSelector("[data-child='looper'] [data-alert]");
            wait.until(d -> !d.findElements(mark).isEmpty());
            assertEquals("crash-loop", browser.driver.findElement(mark).getText());
            assertTrue(browser.driver
                    .findElements(By.cssSelector("[data-child='steady'] [data-alert]"))
                    .isEmpty());
            browser.screenshot("alerts-01-overview");

            browser.driver.get(base + "/#/child/looper");
            wait.until(d ->
                    !d.findElements(By.cssSelector("#alert-badge [data-alert]")).isEmpty());
            wait.until(d -> String.valueOf(d.findElement(By.id("charts")).getDomAttribute("data-markers"))
                    .contains("alert"));
            browser.screenshot("alerts-02-child");

            browser.driver.get(base + "/#/alerts");
            By row = By.cssSelector("#al-active tr[data-alert]");
            wait.until(d -> !d.findElements(row).isEmpty());
            WebElement firing = browser.driver.findElement(row);
            assertTrue(firing.getText().contains("crash-loop"), firing.getText());
            assertTrue(firing.getText().contains("looper is FAILED: crash loop: 3 crashes"), firing.getText());
            firing.findElement(By.cssSelector("[data-ack]")).click();
            wait.until(d -> d.findElement(row).getText().contains("acked by dashboard"));
            wait.until(d -> !d.findElements(By.cssSelector("#al-history tr[data-kind='ack']"))
                    .isEmpty());
            assertTrue(!browser.driver
                    .findElements(By.cssSelector("#al-history tr[data-kind='transition']"))
                    .isEmpty());

            // The editor sends what was typed; the host's own message comes back next to the field it names.
            fill(
                    "#al-rule",
                    Map.of("name", "hot", "series", "cpu", "comparison", ">", "threshold", "90", "for", "soon"));
            browser.driver
                    .findElement(By.cssSelector("#al-rule button[type=submit]"))
                    .click();
            By forError = By.cssSelector("#al-rule [data-error-for='for']");
            wait.until(d -> !d.findElement(forError).getText().isEmpty());
            String expected = refusal(
                    "{\"name\":\"hot\",\"series\":\"cpu\",\"comparison\":\">\",\"threshold\":90,\"for\":\"soon\","
                            + "\"severity\":\"warning\"}");
            assertEquals(expected, browser.driver.findElement(forError).getText());
            browser.screenshot("alerts-03-rule-refused");
            WebElement hold = browser.driver.findElement(By.cssSelector("#al-rule [name='for']"));
            hold.clear();
            hold.sendKeys("5m");
            browser.driver
                    .findElement(By.cssSelector("#al-rule button[type=submit]"))
                    .click();
            By hot = By.cssSelector("#al-rules tr[data-rule='hot']");
            wait.until(d -> !d.findElements(hot).isEmpty());
            assertTrue(browser.driver.findElement(hot).getText().contains("stored"));
            assertEquals("", browser.driver.findElement(forError).getText());

            fill("#al-silence", Map.of("matcher", "looper", "duration", "2h", "reason", "deploying"));
            browser.driver
                    .findElement(By.cssSelector("#al-silence button[type=submit]"))
                    .click();
            By silence = By.cssSelector("#al-silences tr[data-silence]");
            wait.until(d -> !d.findElements(silence).isEmpty());
            assertTrue(browser.driver.findElement(silence).getText().startsWith("child:looper"));
            browser.screenshot("alerts-04-page");
            browser.driver
                    .findElement(By.cssSelector("#al-silences [data-end]"))
                    .click();
            wait.until(d ->
                    !d.findElements(By.cssSelector("#al-silences [data-empty]")).isEmpty());

            hooked.clear();
            By hookResult = By.cssSelector("#al-channels tr[data-channel='hook'] [data-test-result]");
            browser.driver
                    .findElement(By.cssSelector("#al-channels [data-test='hook']"))
                    .click();
            wait.until(d -> d.findElement(hookResult).getText().equals("delivered"));
            String test = hooked.poll(20, TimeUnit.SECONDS);
            assertEquals("test", new JsonObject(test).getString("kind"));
            By downResult = By.cssSelector("#al-channels tr[data-channel='down'] [data-test-result]");
            browser.driver
                    .findElement(By.cssSelector("#al-channels [data-test='down']"))
                    .click();
            wait.until(d -> d.findElement(downResult).getText().startsWith("down: "));
            assertEquals("err", browser.driver.findElement(downResult).getDomAttribute("class"));
            browser.screenshot("alerts-05-tests");
        } finally {
            if (browser != null) {
                browser.close();
            }
            get(warden.stop());
            get(vertx.close());
            get(receiverVertx.close());
        }
    }

    private void fill(String form, Map<String, String> values) {
        values.forEach((name, value) -> {
            WebElement in = browser.driver.findElement(By.cssSelector(form + " [name='" + name + "']"));
            in.clear();
            in.sendKeys(value);
        });
    }

    /** What the API answers for {@code rule}, less the "request body:1: for: " the page shows as the field. */
    private String refusal(String rule) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/rules"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(rule))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        Matcher m = Pattern.compile("^request body(?::\\d+)?: for[^:]*: (.*)$", Pattern.DOTALL)
                .matcher(new JsonObject(r.body()).getString("message"));
        assertTrue(m.matches(), r.body());
        return m.group(1);
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}

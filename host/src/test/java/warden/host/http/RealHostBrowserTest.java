package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import warden.host.config.MetricsConfig;
import warden.host.fixtures.External;
import warden.host.fixtures.Fixtures;
import warden.host.fixtures.OnContext;
import warden.host.metrics.MetricsService;
import warden.host.storage.Database;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Supervisor;

/**
 * The dashboard over the real supervisor and sampler with a real child process: its CPU and memory reach the charts
 * through the stream, and a restart from the page shows as a marker. Screenshots {@code real-*}.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealHostBrowserTest {

    @TempDir
    Path data;

    private final Vertx vertx = HttpApi.newVertx(new VertxOptions(), ApiFixture.config());
    private final Context context = vertx.getOrCreateContext();
    private Database db;
    private Supervisor supervisor;
    private MetricsService metrics;
    private Browser browser;
    private String base;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(data);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        context.runOnContext(v -> {
            supervisor = new Supervisor(vertx, db, data, Clock.systemUTC());
            supervisor.add(ChildSpec.service("chatter", Fixtures.java(Chatter.class)));
            metrics = new MetricsService(
                    vertx,
                    new MetricsConfig(Duration.ofSeconds(1), Duration.ofHours(1)),
                    db,
                    Clock.systemUTC(),
                    supervisor::children);
            HttpApi api = new HttpApi(vertx, ApiFixture.config(), data, supervisor, metrics, null, null);
            supervisor
                    .startAll()
                    .compose(x -> metrics.start())
                    .compose(x -> api.start())
                    .onSuccess(port::complete)
                    .onFailure(port::completeExceptionally);
        });
        base = "http://127.0.0.1:" + port.get(30, TimeUnit.SECONDS);
        browser = new Browser(1280, 900);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        OnContext.closeAndWait(context, () -> metrics.stop().eventually(() -> supervisor.close()));
        db.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private String chartsAttr(String name) {
        return browser.driver.findElement(By.id("charts")).getDomAttribute("data-" + name);
    }

    @Test
    void realSamplesReachTheChartsAndARestartShowsAsAMarker() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
        browser.driver.get(base + "/");
        browser.driver.findElement(By.id("token")).sendKeys(ApiFixture.TOKEN);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        By cpu = By.cssSelector("[data-child='chatter'] [data-cpu]");
        wait.until(d ->
                d.findElements(cpu).size() == 1 && d.findElement(cpu).getText().endsWith("%"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#system .bar")));
        browser.screenshot("real-01-overview");

        browser.driver.get(base + "/#/child/chatter");
        wait.until(d -> chartsAttr("points") != null && Integer.parseInt(chartsAttr("points")) >= 2);
        String last = chartsAttr("last");
        wait.until(d -> !chartsAttr("last").equals(last));
        wait.until(d -> Integer.parseInt(chartsAttr("points")) >= 6);
        WebElement over = browser.driver.findElement(By.cssSelector("[data-series='cpu'] .u-over"));
        int w = over.getRect().getWidth();
        new Actions(browser.driver)
                .moveToElement(over, -w / 4, 0)
                .clickAndHold()
                .moveByOffset(w / 3, 5)
                .release()
                .perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mode"), "zoomed"));
        browser.driver.findElement(By.id("reset")).click();

        browser.driver.findElement(By.cssSelector("[data-action='restart']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> chartsAttr("markers").contains("restart"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "RUNNING"));
        browser.fullPage("real-02-child-restarted");

        browser.driver.get(base + "/#/logs/chatter");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs"), "tick"));
        String before = browser.driver.findElement(By.id("count")).getText();
        wait.until(d -> !d.findElement(By.id("count")).getText().equals(before));
        assertTrue(browser.driver.findElement(By.id("logs")).getText().contains("tick"));
        browser.screenshot("real-03-logs");
    }
}

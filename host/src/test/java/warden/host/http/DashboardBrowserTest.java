package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import warden.host.config.HttpConfig;
import warden.host.fixtures.External;
import warden.host.supervisor.ChildKind;

/**
 * The dashboard in Debian's chromium against the real HTTP layer, fed by {@link FakeBackend}: log in, watch a
 * chart move with the stream, zoom, export CSV, restart a child and see its marker. Screenshots are kept in {@code
 * host/target/screenshots/}.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {

    private static final int HISTORY_POINTS = 720;
    private static final long FIRST_LOAD_BUDGET_BYTES = 150 * 1024;

    @TempDir
    Path data;

    private final ApiFixture fx = new ApiFixture();
    private final Map<Long, Double> cpuAt = new HashMap<>();
    private Browser browser;
    private WebDriverWait wait;
    private String base;
    private Instant now;

    @BeforeEach
    void start() throws Exception {
        browser = new Browser(1280, 900);
        wait = new WebDriverWait(browser.driver, Duration.ofSeconds(20));
        // Live pages re-render their cards and facts every tick: an element read in a wait may go stale; look again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        HttpConfig config = new HttpConfig(
                "127.0.0.1",
                0,
                ApiFixture.TOKEN,
                false,
                true,
                HttpConfig.Thresholds.DEFAULT,
                Map.of("game", new HttpConfig.Thresholds(50, 60)));
        fx.backend
                .child("dice-roller", ChildKind.PLUGIN)
                .child("eightball", ChildKind.PLUGIN)
                .child("game", ChildKind.SERVICE);
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < HISTORY_POINTS; i++) {
            Instant at = now.minusSeconds(5L * (HISTORY_POINTS - i));
            double cpu = Math.round((30 + 25 * Math.sin(i / 40.0) + (i * 7 % 5)) * 10) / 10.0;
            cpuAt.put(at.getEpochSecond(), cpu);
            fx.backend.record(at, sample(i, cpu));
        }
        fx.backend.crash(
                "dice-roller",
                now.minus(Duration.ofMinutes(20)),
                137,
                List.of(
                        now.minusSeconds(1201) + " out rolling 2d6",
                        now.minusSeconds(1200) + " err java.lang.OutOfMemoryError: Java heap space",
                        now.minusSeconds(1200) + " err \tat Dice.roll(Dice.java:42)"));
        fx.backend.output("out", "server started on port 30000", now.minusSeconds(60));
        fx.backend.output("err", "warning: slow tick (212 ms)", now.minusSeconds(30));
        fx.backend.output("out", "player alice joined", now.minusSeconds(10));
        base = "http://127.0.0.1:"
                + fx.start(config, data, Clock.systemUTC())
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        fx.close();
    }

    private void logIn() {
        browser.driver.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.driver.findElement(By.id("token")).sendKeys(ApiFixture.TOKEN);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-child='dice-roller']")));
    }

    private void tick(double diceCpu) {
        fx.onContext(() -> fx.backend.tick(Instant.now(), sample(HISTORY_POINTS, diceCpu)));
    }

    /** The i-th sample of each child: plugins report a cumulative event counter, as the real router does. */
    private static Map<String, Map<String, Double>> sample(int i, double diceCpu) {
        return Map.of(
                "dice-roller",
                Map.of("cpu", diceCpu, "rssBytes", 180e6 + 20e6 * Math.sin(i / 90.0), "events.delivered", events(i)),
                "eightball",
                Map.of("cpu", 4 + 2 * Math.sin(i / 13.0), "rssBytes", 95e6, "events.delivered", i / 4.0),
                "game",
                Map.of("cpu", 55 + 10 * Math.sin(i / 30.0), "rssBytes", 1.2e9 + 1e8 * Math.sin(i / 60.0)));
    }

    private String chartsAttr(String name) {
        return browser.driver.findElement(By.id("charts")).getDomAttribute("data-" + name);
    }

    @Test
    void logInWatchLiveZoomExportAndRestart() throws Exception {
        browser.driver.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.driver.findElement(By.id("token")).sendKeys("not the token");
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error")));
        browser.screenshot("01-login-failed");
        logIn();
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));

        long firstLoad = ((Number) browser.driver.executeScript(
                        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                                + ".reduce((n, e) => n + e.transferSize, 0)"))
                .longValue();
        System.out.println("first-load transfer: " + firstLoad + " bytes");
        assertTrue(firstLoad > 0 && firstLoad <= FIRST_LOAD_BUDGET_BYTES, "first load " + firstLoad + " bytes");

        // Live: a tick over the warning band turns the CPU badge yellow without a reload.
        tick(77.7);
        By diceCpu = By.cssSelector("[data-child='dice-roller'] [data-cpu]");
        wait.until(ExpectedConditions.textToBe(diceCpu, "78 %"));
        assertTrue(browser.driver.findElement(diceCpu).getDomAttribute("class").contains("level-warn"));
        assertTrue(browser.driver
                .findElement(By.cssSelector("[data-child='game'] .custom"))
                .isDisplayed());
        browser.screenshot("02-overview");

        browser.driver.findElement(By.cssSelector("[data-child='dice-roller']")).click();
        wait.until(d -> chartsAttr("points") != null && Integer.parseInt(chartsAttr("points")) >= HISTORY_POINTS - 30);
        String lastBefore = chartsAttr("last");
        tick(33.3);
        wait.until(d -> !chartsAttr("last").equals(lastBefore));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-chart='cpu'] [data-now]"), "now 33 %"));
        assertTrue(chartsAttr("markers").contains("crash"), chartsAttr("markers"));
        browser.screenshot("03-child-live");

        // Zoom: drag across the right third of the CPU chart.
        WebElement over = browser.driver.findElement(By.cssSelector("[data-chart='cpu'] .u-over"));
        int w = over.getRect().getWidth();
        new Actions(browser.driver)
                .moveToElement(over, (int) (w * 0.15), 0)
                .clickAndHold()
                .moveByOffset((int) (w * 0.3), 5)
                .release()
                .perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mode"), "zoomed"));
        // The aggregates follow the visible range: about 30% of the hour's samples.
        wait.until(d -> {
            List<WebElement> row = d.findElements(By.cssSelector("[data-agg='cpu']"));
            return !row.isEmpty() && Integer.parseInt(row.get(0).getDomAttribute("data-count")) < HISTORY_POINTS / 2;
        });
        browser.fullPage("04-child-zoomed");

        // CSV of the visible range: a header and the zoomed samples, with the values served.
        browser.driver.findElement(By.id("csv")).click();
        Path csv = wait.until(d -> fileIn(browser.downloads, ".csv"));
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(0).startsWith("time,cpu_percent,rss_bytes,events_per_min"), rows.get(0));
        int samples = rows.size() - 1;
        assertTrue(samples > 150 && samples < 300, samples + " rows for 30% of " + HISTORY_POINTS);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            Double served = cpuAt.get(Instant.parse(cells[0]).getEpochSecond());
            assertEquals(served, Double.valueOf(cells[1]), row);
        }

        browser.driver.findElement(By.id("png")).click();
        Path png = wait.until(d -> fileIn(browser.downloads, ".png"));
        // Zoomed: the files are named after the span exported, not the 1 h button.
        String span = "dice-roller-\\d{8}T\\d{4}-\\d{8}T\\d{4}";
        assertTrue(csv.getFileName().toString().matches(span + "\\.csv"), csv.toString());
        assertTrue(png.getFileName().toString().matches(span + "\\.png"), png.toString());
        byte[] magic = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertEquals("\u0089PNG", new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1));

        // Restart with confirmation; the marker appears on the charts.
        browser.driver.findElement(By.id("reset")).click();
        browser.driver.findElement(By.cssSelector("[data-action='restart']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> chartsAttr("markers").contains("restart"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "restart done"));
        // The facts card speaks words with units, and counts in the singular when there is one.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("facts"), "1 restart"));
        String facts = browser.driver.findElement(By.id("facts")).getText();
        assertTrue(facts.contains("0 crashes") && facts.contains("Memory (resident)"), facts);
        assertTrue(!facts.contains("rssBytes") && !facts.contains("Bytes") && !facts.contains("PerSec"), facts);
        assertEquals(List.of("restart dice-roller"), fx.backend.controls);
        browser.screenshot("05-child-restarted");
    }

    @Test
    void crashesLogsDarkAndPhone() throws Exception {
        logIn();
        browser.driver.get(base + "/#/crashes");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-seq='1']")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("pre.tail"), "OutOfMemoryError"));
        browser.screenshot("06-crash-detail");

        browser.driver.get(base + "/#/logs/game");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs"), "player alice joined"));
        // The page's own stream (the one with ?logs=game) must be open before the child says anything.
        wait.until(ExpectedConditions.attributeToBe(By.id("logs"), "data-live", "true"));
        fx.onContext(() -> fx.backend.publishOutput("game", "player bob joined"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs"), "player bob joined"));
        browser.driver.findElement(By.id("search")).sendKeys("joined");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "2 of 4 lines"));
        browser.driver.findElement(By.id("pause")).click();
        fx.onContext(() -> fx.backend.publishOutput("game", "player carol joined"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "paused, 1 new"));
        assertTrue(!browser.driver.findElement(By.id("logs")).getText().contains("carol"));
        browser.screenshot("07-logs-paused");

        // The theme toggle wins over the system's preference and is remembered across loads.
        browser.colorScheme("light");
        browser.driver.findElement(By.id("theme")).click();
        browser.driver.navigate().refresh();
        wait.until(d -> "dark".equals(d.findElement(By.tagName("html")).getDomAttribute("data-theme")));
        browser.driver.findElement(By.id("theme")).click();
        wait.until(d -> "light".equals(d.findElement(By.tagName("html")).getDomAttribute("data-theme")));
        browser.driver.executeScript("localStorage.removeItem('warden.theme')");
        browser.colorScheme("dark");
        browser.driver.get(base + "/#/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-child='game'] .spark path")));
        browser.screenshot("08-overview-dark");
        browser.driver.get(base + "/#/child/game");
        wait.until(d -> chartsAttr("points") != null);
        browser.screenshot("09-child-dark");

        browser.colorScheme("light");
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.driver.get(base + "/#/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-child='game'] .spark path")));
        browser.screenshot("10-phone-overview");
        assertTrue(browser.driver.findElement(By.id("logout")).isDisplayed(), "Log out on a phone");
        browser.driver.get(base + "/#/child/dice-roller");
        wait.until(d -> chartsAttr("points") != null);
        browser.screenshot("11-phone-child");
    }

    /** A cumulative event counter whose rate swings between about 10 and 80 per minute. */
    private static double events(int i) {
        double total = 0;
        for (int k = 0; k <= i; k++) {
            total += Math.round((10 + 70 * Math.pow(Math.sin(k / 25.0), 2)) / 12);
        }
        return total;
    }

    private static Path fileIn(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
import warden.host.fixtures.External;

/**
 * A child's page in the browser: log in, watch a chart move with the stream, zoom, export CSV and PNG of what is
 * visible, restart the child and see its marker, and read the facts card in words.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardChildPageTest {

    private static final int POINTS = FakeDashboard.HISTORY_POINTS;

    @TempDir
    Path data;

    private FakeDashboard ui;
    private Browser browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        ui = new FakeDashboard(data);
        browser = ui.browser;
        wait = ui.page.wait;
    }

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    @Test
    void logInWatchLiveZoomExportAndRestart() throws Exception {
        browser.driver.get(ui.base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.driver.findElement(By.id("token")).sendKeys("not the token");
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error")));
        browser.screenshot("01-login-failed");
        ui.logIn();
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));

        // Live: a tick over the warning band turns the CPU badge yellow without a reload.
        ui.tick(77.7);
        By diceCpu = By.cssSelector("[data-child='dice-roller'] [data-cpu]");
        wait.until(ExpectedConditions.textToBe(diceCpu, "78 %"));
        assertTrue(browser.driver.findElement(diceCpu).getDomAttribute("class").contains("level-warn"));
        assertTrue(browser.driver
                .findElement(By.cssSelector("[data-child='game'] .custom"))
                .isDisplayed());
        String card = browser.driver
                .findElement(By.cssSelector("[data-child='dice-roller'] .foot"))
                .getText();
        assertTrue(card.contains("1 crash") && !card.contains("1 crashes") && card.contains("0 restarts"), card);
        browser.screenshot("02-overview");

        browser.driver.findElement(By.cssSelector("[data-child='dice-roller']")).click();
        wait.until(d -> ui.chartsAttr("points") != null && Integer.parseInt(ui.chartsAttr("points")) >= POINTS - 30);
        String lastBefore = ui.chartsAttr("last");
        ui.tick(33.3);
        wait.until(d -> !ui.chartsAttr("last").equals(lastBefore));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-chart='cpu'] [data-now]"), "now 33 %"));
        assertTrue(ui.chartsAttr("markers").contains("crash"), ui.chartsAttr("markers"));
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
            return !row.isEmpty() && Integer.parseInt(row.get(0).getDomAttribute("data-count")) < POINTS / 2;
        });
        browser.fullPage("04-child-zoomed");

        // CSV of the visible range: a header and the zoomed samples, with the values served.
        browser.driver.findElement(By.id("csv")).click();
        Path csv = wait.until(d -> FakeDashboard.fileIn(browser.downloads, ".csv"));
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(0).startsWith("time,cpu_percent,rss_bytes,events_per_min"), rows.get(0));
        int samples = rows.size() - 1;
        assertTrue(samples > 150 && samples < 300, samples + " rows for 30% of " + POINTS);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            Double served = ui.cpuAt.get(Instant.parse(cells[0]).getEpochSecond());
            assertEquals(served, Double.valueOf(cells[1]), row);
        }

        assertPngCarriesTheTitles();
        // Zoomed: the files are named after the span exported, not the 1 h button.
        Path png = wait.until(d -> FakeDashboard.fileIn(browser.downloads, ".png"));
        String span = "dice-roller-\\d{8}T\\d{4}-\\d{8}T\\d{4}";
        assertTrue(csv.getFileName().toString().matches(span + "\\.csv"), csv.toString());
        assertTrue(png.getFileName().toString().matches(span + "\\.png"), png.toString());
        byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 4);
        assertEquals("\u0089PNG", new String(magic, StandardCharsets.ISO_8859_1));

        // Restart with confirmation; the marker appears on the charts.
        browser.driver.findElement(By.id("reset")).click();
        browser.driver.findElement(By.cssSelector("[data-action='restart']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> ui.chartsAttr("markers").contains("restart"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "restart done"));
        // The facts card speaks words with units, and counts in the singular when there is one.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("facts"), "1 restart"));
        String facts = browser.driver.findElement(By.id("facts")).getText();
        assertTrue(facts.contains("1 crash") && facts.contains("Memory (resident)"), facts);
        assertFalse(facts.contains("1 crashes") || facts.contains("1 restarts"), facts);
        assertTrue(!facts.contains("rssBytes") && !facts.contains("Bytes") && !facts.contains("PerSec"), facts);
        assertEquals(List.of("restart dice-roller"), ui.fx.backend.controls);
        browser.screenshot("05-child-restarted");
    }

    /** Exports the PNG while recording what is written onto canvases: the page's title and every chart's title. */
    private void assertPngCarriesTheTitles() {
        browser.driver.executeScript("window.wardenDrawn = []; const f = CanvasRenderingContext2D.prototype.fillText;"
                + "CanvasRenderingContext2D.prototype.fillText = function (t, ...rest) {"
                + " window.wardenDrawn.push(String(t)); return f.call(this, t, ...rest); };");
        browser.driver.findElement(By.id("png")).click();
        wait.until(d -> FakeDashboard.fileIn(browser.downloads, ".png") != null);
        @SuppressWarnings("unchecked")
        List<String> drawn = (List<String>) browser.driver.executeScript("return window.wardenDrawn");
        List<String> titles =
                browser.driver.findElements(By.cssSelector("#charts [data-chart] h3 span:first-child")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertTrue(titles.size() >= 3, titles.toString());
        assertTrue(drawn.containsAll(titles), "titles " + titles + " drawn " + drawn);
        assertTrue(drawn.stream().anyMatch(t -> t.startsWith("dice-roller · ")), drawn.toString());
    }
}

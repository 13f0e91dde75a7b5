package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as the browser tests read it: pages opened by their hash, and what a page's charts expose on {@code
 * #charts} ({@code data-charts}, {@code data-populated}, {@code data-newest}, {@code data-markers}, ...).
 */
final class Page {

    final Browser browser;
    final WebDriverWait wait;
    private final String base;

    Page(Browser browser, String base, Duration patience) {
        this.browser = browser;
        this.base = base;
        this.wait = new WebDriverWait(browser.driver, patience);
        // Live pages re-render their cards and facts every tick: an element read in a wait may go stale; look again.
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** Logs in with {@code token} unless the session is still good; then waits for the card of {@code child}. */
    void logIn(String token, String child) {
        browser.driver.get(base + "/");
        By card = By.cssSelector("[data-child='" + child + "']");
        wait.until(d -> !d.findElements(By.id("token")).isEmpty()
                || !d.findElements(card).isEmpty());
        if (!browser.driver.findElements(By.id("token")).isEmpty()) {
            browser.driver.findElement(By.id("token")).sendKeys(token);
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        wait.until(d -> !d.findElements(card).isEmpty());
    }

    /** Opens a page afresh: the same URL again would change nothing, so it is reloaded then. */
    void open(String hash) {
        if (browser.driver.getCurrentUrl().equals(base + "/" + hash)) {
            browser.driver.navigate().refresh();
        } else {
            browser.driver.get(base + "/" + hash);
        }
    }

    String chartsAttr(String name) {
        List<WebElement> charts = browser.driver.findElements(By.id("charts"));
        return charts.isEmpty() ? null : charts.get(0).getDomAttribute("data-" + name);
    }

    String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    /** What the chart says it shows now ("now 1"), empty when it says nothing. */
    String nowOf(String chart) {
        List<WebElement> el = browser.driver.findElements(By.cssSelector("[data-chart='" + chart + "'] [data-now]"));
        return el.isEmpty() ? "" : el.get(0).getText();
    }

    /**
     * Waits until every chart the page shows, and at least each of {@code required}, has a value newer than {@code
     * since} (epoch seconds; 0 for any): a page that shows a chart shows it filled.
     */
    void waitEveryChartFed(long since, String... required) {
        try {
            wait.until(d -> {
                Map<String, Long> newest = newest();
                return !newest.isEmpty()
                        && newest.values().stream().allMatch(t -> t > 0 && t >= since)
                        && newest.keySet().containsAll(List.of(required));
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "not every chart fed since " + since + " (required " + Arrays.toString(required) + "): " + newest(),
                    e);
        }
    }

    /** Per chart shown, the epoch second of its newest value (0 for none). */
    Map<String, Long> newest() {
        String attr = chartsAttr("newest");
        Map<String, Long> newest = new HashMap<>();
        if (attr != null && !attr.isEmpty()) {
            for (String entry : attr.split(",")) {
                int eq = entry.lastIndexOf('=');
                newest.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
            }
        }
        return newest;
    }

    /** The ids of the charts shown. */
    Set<String> charts() {
        String attr = chartsAttr("charts");
        return attr == null ? Set.of() : Stream.of(attr.split(",")).collect(Collectors.toSet());
    }

    /**
     * On every chart drawn: no two y labels alike, no two x labels overlapping, and a byte axis ticks on a power of two
     * (1, 2, 4 … 512 of a binary unit). Returns how many byte axes it checked.
     */
    @SuppressWarnings("unchecked")
    int assertAxesReadable() {
        List<Map<String, Object>> report =
                (List<Map<String, Object>>) browser.driver.executeScript("return window.wardenAxes()");
        assertFalse(report.isEmpty());
        int byteAxes = 0;
        for (Map<String, Object> chart : report) {
            assertEquals(Boolean.TRUE, chart.get("yDistinct"), chart.toString());
            assertEquals(Boolean.FALSE, chart.get("xOverlap"), chart.toString());
            List<String> y = (List<String>) chart.get("yLabels");
            if (y.size() >= 2 && y.stream().allMatch(l -> BYTES.matcher(l).matches())) {
                double step = bytes(y.get(1)) - bytes(y.get(0));
                double log2 = Math.log(step) / Math.log(2);
                assertEquals(Math.round(log2), log2, 1e-6, "a binary step: " + chart);
                byteAxes++;
            }
        }
        return byteAxes;
    }

    private static final Pattern BYTES = Pattern.compile("(-?[\\d.]+) (B|KiB|MiB|GiB|TiB)(/s)?");
    private static final List<String> UNITS = List.of("B", "KiB", "MiB", "GiB", "TiB");

    private static double bytes(String label) {
        Matcher m = BYTES.matcher(label);
        if (!m.matches()) {
            throw new IllegalArgumentException(label);
        }
        return Double.parseDouble(m.group(1)) * Math.pow(1024, UNITS.indexOf(m.group(2)));
    }

    /** Moves over the first chart and reads whether the second one draws its cursor at the same time. */
    void assertCursorShared() {
        List<WebElement> overs = browser.driver.findElements(By.cssSelector("#charts .u-over"));
        assertTrue(overs.size() >= 2, overs.size() + " charts");
        new Actions(browser.driver).moveToElement(overs.get(0)).perform();
        wait.until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("const t = document.querySelectorAll('#charts .tooltip');"
                        + "return t.length >= 2 && getComputedStyle(t[1]).display === 'block'"));
    }
}

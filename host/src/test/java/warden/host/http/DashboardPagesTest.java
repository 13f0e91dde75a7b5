package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import warden.host.fixtures.External;

/**
 * The pages around the charts in the browser: a crash's output with the earlier runs set apart, live logs with
 * search and pause, the theme toggle remembered, marker kinds in colours of their own in either theme, and a
 * phone-sized window where Log out is still in reach.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardPagesTest {

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
        ui.logIn();
    }

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    @Test
    void aCrashSetsTheEarlierRunsOutputApart() throws Exception {
        browser.driver.get(ui.base + "/#/crashes");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-seq='1']")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("pre.tail"), "OutOfMemoryError"));
        String tail = browser.driver.findElement(By.cssSelector("pre.tail")).getText();
        int earlier = tail.indexOf("output of earlier runs");
        int goodbye = tail.indexOf("previous run says goodbye");
        int thisRun = tail.indexOf("this run, started");
        int rolling = tail.indexOf("rolling 2d6");
        assertTrue(0 <= earlier && earlier < goodbye && goodbye < thisRun && thisRun < rolling, tail);
        browser.screenshot("06-crash-detail");
    }

    @Test
    void logsFollowSearchAndPause() throws Exception {
        browser.driver.get(ui.base + "/#/logs/game");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs"), "player alice joined"));
        // The page's own stream (the one with ?logs=game) must be open before the child says anything.
        wait.until(ExpectedConditions.attributeToBe(By.id("logs"), "data-live", "true"));
        ui.fx.onContext(() -> ui.fx.backend.publishOutput("game", "player bob joined"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs"), "player bob joined"));
        browser.driver.findElement(By.id("search")).sendKeys("joined");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "2 of 4 lines"));
        browser.driver.findElement(By.id("pause")).click();
        ui.fx.onContext(() -> ui.fx.backend.publishOutput("game", "player carol joined"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "paused, 1 new"));
        assertFalse(browser.driver.findElement(By.id("logs")).getText().contains("carol"));
        browser.screenshot("07-logs-paused");
    }

    @Test
    void theThemeIsRememberedAndAPhoneReachesLogOut() throws Exception {
        // The theme toggle wins over the system's preference and is remembered across loads.
        browser.colorScheme("light");
        browser.driver.findElement(By.id("theme")).click();
        browser.driver.navigate().refresh();
        wait.until(d -> "dark".equals(d.findElement(By.tagName("html")).getDomAttribute("data-theme")));
        browser.driver.findElement(By.id("theme")).click();
        wait.until(d -> "light".equals(d.findElement(By.tagName("html")).getDomAttribute("data-theme")));
        browser.driver.executeScript("localStorage.removeItem('warden.theme')");
        browser.colorScheme("dark");
        browser.driver.get(ui.base + "/#/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-child='game'] .spark path")));
        browser.screenshot("08-overview-dark");
        assertMarkerColoursDistinct();
        browser.driver.get(ui.base + "/#/child/game");
        wait.until(d -> ui.chartsAttr("points") != null);
        browser.screenshot("09-child-dark");

        browser.colorScheme("light");
        assertMarkerColoursDistinct();
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.driver.get(ui.base + "/#/child/dice-roller");
        wait.until(d -> ui.chartsAttr("points") != null);
        ui.page.assertAxesReadable(); // x labels do not overlap on a phone's width either
        browser.screenshot("11-phone-child");
        browser.driver.get(ui.base + "/#/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-child='game'] .spark path")));
        browser.screenshot("10-phone-overview");
        // In reach: inside the phone's width without scrolling sideways, and it logs out.
        WebElement logout = browser.driver.findElement(By.id("logout"));
        Rectangle r = logout.getRect();
        long width = (Long) browser.driver.executeScript("return document.documentElement.clientWidth");
        assertTrue(logout.isDisplayed() && r.getX() >= 0 && r.getX() + r.getWidth() <= width, r + " in " + width);
        logout.click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    /** Crash, restart, reload, start and stop markers are drawn in five colours of their own, in this theme. */
    private void assertMarkerColoursDistinct() {
        @SuppressWarnings("unchecked")
        Map<String, String> colours = (Map<String, String>) browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; import('/js/charts.js').then((m) => done("
                        + "Object.fromEntries(['crash', 'restart', 'reload', 'start', 'stop'].map((k) => [k,"
                        + " getComputedStyle(document.body).getPropertyValue(m.MARKER_COLORS[k]).trim()]))))");
        assertEquals(5, new HashSet<>(colours.values()).size(), colours.toString());
        assertFalse(colours.containsValue(""), colours.toString());
    }
}

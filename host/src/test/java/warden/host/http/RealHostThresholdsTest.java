package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import warden.host.fixtures.External;

/**
 * Thresholds set in the page of a real host: a child's band turns its badges, chat's answer and the API alike, is
 * refused with the config's words when it breaks the config's rule, survives a host restart and resets to the
 * config's value; the global panel on the system page is stored, read back and followed by chat the same way.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RealHostThresholdsTest {

    private static final By CPU_FACT = By.cssSelector("[data-fact='cpu'] b");
    private static final By CPU_CUSTOMISED = By.cssSelector("#thresholds [data-metric='cpu'] [data-customised]");

    private RealDashboard real;
    private Page page;

    @BeforeAll
    void start() throws Exception {
        real = RealDashboard.start();
        page = real.page;
    }

    @AfterAll
    void stop() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    @Test
    @Order(1)
    void aThresholdSetInThePageTurnsTheBadgesChatAndTheApi() throws Exception {
        page.open("#/child/game");
        page.wait.until(d -> d.findElement(CPU_FACT).getDomAttribute("class").contains("level-ok"));
        setBand("cpu", "0", "5000");
        page.wait.until(ExpectedConditions.presenceOfElementLocated(CPU_CUSTOMISED));
        page.wait.until(d -> d.findElement(CPU_FACT).getDomAttribute("class").contains("level-warn"));

        // The config's rule holds in the page: warn above crit is refused with the config's words.
        setBand("memory", "90", "10");
        page.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#thresholds [data-metric='memory'] [data-error]"), "0 <= warn <= crit"));
        real.browser.fullPage("real-06-threshold-set");

        assertTrue(real.chat("!metrics game").contains("(warn)"));
        JsonObject cpu = real.host
                .json("/thresholds")
                .getJsonObject("children")
                .getJsonObject("game")
                .getJsonObject("cpu");
        assertEquals(0.0, cpu.getDouble("warnPercent"));
        assertEquals(5000.0, cpu.getDouble("critPercent"));
        page.open("#/");
        page.wait.until(d -> d.findElement(By.cssSelector("[data-child='game'] [data-cpu]"))
                .getDomAttribute("class")
                .contains("level-warn"));
    }

    @Test
    @Order(2)
    void theGlobalPanelIsStoredAndReadBack() throws Exception {
        page.open("#/system");
        page.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#thresholds [data-scope='global'] [data-metric='disk']")));
        setBand("disk", "20", "99");
        page.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#thresholds [data-metric='disk'] [data-customised]")));
        JsonObject disk = real.host.json("/thresholds").getJsonObject("global").getJsonObject("disk");
        assertEquals(20.0, disk.getDouble("warnPercent"));
        assertTrue(disk.getBoolean("customised"), disk.encode());

        // A global CPU band reaches every child without one of its own, in chat as in the API; reset, it is gone.
        assertFalse(real.chat("!metrics tester").contains("(warn)"));
        setBand("cpu", "0", "5000");
        By globalCpu = By.cssSelector("#thresholds [data-metric='cpu'] [data-customised]");
        page.wait.until(ExpectedConditions.presenceOfElementLocated(globalCpu));
        assertEquals(
                0.0,
                real.host
                        .json("/thresholds")
                        .getJsonObject("children")
                        .getJsonObject("tester")
                        .getJsonObject("cpu")
                        .getDouble("warnPercent"));
        assertTrue(real.chat("!metrics tester").contains("(warn)"));
        page.wait
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#thresholds [data-metric='cpu'] [data-reset]")))
                .click();
        page.wait.until(d -> d.findElements(globalCpu).isEmpty());
        assertFalse(real.chat("!metrics tester").contains("(warn)"));
    }

    @Test
    @Order(3)
    void theyOutliveAHostRestartAndResetToTheConfig() throws Exception {
        real.restartHost();
        page.open("#/child/game");
        page.wait.until(ExpectedConditions.presenceOfElementLocated(CPU_CUSTOMISED));
        page.wait.until(d -> d.findElement(CPU_FACT).getDomAttribute("class").contains("level-warn"));
        page.wait
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#thresholds [data-metric='cpu'] [data-reset]")))
                .click();
        page.wait.until(d -> d.findElements(CPU_CUSTOMISED).isEmpty());
        page.wait.until(d -> d.findElement(CPU_FACT).getDomAttribute("class").contains("level-ok"));
        assertTrue(!real.chat("!metrics game").contains("(warn)"));

        page.open("#/system");
        page.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#thresholds [data-metric='disk'] [data-customised]")));
    }

    private void setBand(String metric, String warn, String crit) {
        WebElement band = real.browser.driver.findElement(By.cssSelector("#thresholds [data-metric='" + metric + "']"));
        band.findElement(By.name("warn")).clear();
        band.findElement(By.name("warn")).sendKeys(warn);
        band.findElement(By.name("crit")).clear();
        band.findElement(By.name("crit")).sendKeys(crit);
        band.findElement(By.cssSelector("[data-save]")).click();
    }
}

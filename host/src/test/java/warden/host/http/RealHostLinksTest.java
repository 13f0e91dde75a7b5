package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import warden.host.fixtures.External;

/**
 * Every link chat sends, and every entry of the dashboard's menu, opens a page that exists on a real host; the crash
 * that chat links to opens its tail at the last line, and the child it names counts it in the singular.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RealHostLinksTest {

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
    void everyLinkChatSendsOpensAPage() throws Exception {
        real.send("game", "/sim crash 3");
        // The crash answer carries a link to the child; it is followed as chat sent it.
        String reply = page.wait.until(d -> {
            try {
                String r = real.chat("!crashes game");
                return r.contains("#/children/game") ? r : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(reply.contains("1 crash since the host started"), reply);
        Matcher m = Pattern.compile(Pattern.quote(real.base) + "/(#/\\S+)").matcher(reply);
        assertTrue(m.find(), reply);
        Set<String> links = new LinkedHashSet<>(List.of(m.group(1)));
        links.addAll(linksInChatSources());
        assertTrue(links.containsAll(List.of("#/plugins", "#/alerts")), links.toString());
        for (WebElement nav : real.browser.driver.findElements(By.cssSelector("[data-nav]"))) {
            links.add(nav.getDomAttribute("href"));
        }
        for (String link : links) {
            real.browser.driver.get(real.base + "/" + link);
            page.wait.until(d -> {
                String opened = d.findElement(By.id("view")).getDomAttribute("data-page");
                return opened != null && !opened.isEmpty();
            });
            assertFalse(
                    "none".equals(real.browser.driver.findElement(By.id("view")).getDomAttribute("data-page")),
                    link + " opens no page");
            page.wait.until(
                    d -> d.findElements(By.cssSelector("#view .error-box")).isEmpty()
                            && !d.findElement(By.id("view")).getText().startsWith("Loading"));
        }

        page.open("#/children/game");
        page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("facts"), "1 crash"));
        assertFalse(page.text("#facts").contains("1 crashes"), page.text("#facts"));
        page.open("#/crashes");
        page.wait
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-seq]")))
                .click();
        page.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.tail")));
        Number scroll = (Number) real.browser.driver.executeScript(
                "const p = document.querySelector('pre.tail'); return p.scrollHeight - p.clientHeight - p.scrollTop");
        assertTrue(scroll.doubleValue() < 2, "the tail opens at its last line: " + scroll);
        real.browser.screenshot("real-08-crash");

        page.open("#/plugins");
        By version = By.cssSelector("[data-plugin='tester'] [data-version]");
        page.wait.until(ExpectedConditions.presenceOfElementLocated(version));
        assertEquals("1.0.0", real.browser.driver.findElement(version).getText());
        String plugin = page.text("[data-plugin='tester']");
        assertTrue(plugin.contains("Generation") && plugin.contains("echo") && plugin.contains("Delivered"), plugin);
        page.open("#/audit");
        // Who asked, from where, and what: the chat command this test sent through the API.
        page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "!crashes game"));
        real.browser.screenshot("real-09-audit");
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
}

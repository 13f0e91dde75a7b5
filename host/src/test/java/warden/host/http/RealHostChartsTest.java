package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import warden.host.fixtures.External;

/**
 * Every chart of a child (the game server, a plugin, a plugin's own counters), the host and the system fills after a few ticks of a real
 * host, and again with new values after the host restarts; byte axes tick in binary steps, x labels never overlap,
 * and 24 h, 7 d and 30 d work on a host a minute old.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RealHostChartsTest {

    private static final Map<String, Double> RANGE_SECONDS = Map.of("24h", 86400.0, "7d", 604800.0, "30d", 2592000.0);

    private RealDashboard real;
    private Page page;

    @BeforeAll
    void start() throws Exception {
        real = RealDashboard.start(List.of("warden.plugins.counter.CounterPlugin"));
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
    void everyChartFillsAfterAFewTicks() throws Exception {
        real.chat("!echo hello"); // an event for the plugin's latency and queue charts
        real.chat("!count"); // and a plugin-side counter of the counter plugin
        everyChartFedSince(0);
        page.open("#/child/game");
        page.waitEveryChartFed(0, RealDashboard.GAME_CHARTS);
        assertTrue(page.assertAxesReadable() >= 3, "memory, virtual memory and disk I/O tick in binary steps");
        page.assertCursorShared();
        // The facts card names each sampled value in words with its unit, never by its API key.
        String facts = page.text("#facts");
        assertTrue(facts.contains("Virtual memory") && facts.contains("Disk reads"), facts);
        assertTrue(facts.matches("(?s).*Virtual memory\\n[\\d.]+ (KiB|MiB|GiB).*"), facts);
        for (String key : List.of("vmsBytes", "readBytesPerSec", "rssBytes", "openFiles", "Bytes", "PerSec")) {
            assertFalse(facts.contains(key), key + " in " + facts);
        }
        real.browser.fullPage("real-01-game");
    }

    @Test
    @Order(2)
    void longRangesWorkOnAYoungHost() throws Exception {
        // 24 h, 7 d and 30 d on a host seconds old: the axis spans the range, the samples that exist are drawn, and the
        // aggregates are the exact ones of what exists, never a refusal.
        page.open("#/child/game");
        page.waitEveryChartFed(0, "cpu");
        for (String range : List.of("24h", "7d", "30d")) {
            real.browser
                    .driver
                    .findElement(By.cssSelector("[data-range='" + range + "']"))
                    .click();
            page.wait.until(d -> range.equals(page.chartsAttr("range")));
            page.wait.until(d -> Integer.parseInt(page.chartsAttr("points")) >= 1);
            double span = ((Number) real.browser.driver.executeScript(
                            "const r = window.wardenAxes(); return r.length ? r[0].xMax - r[0].xMin : 0"))
                    .doubleValue();
            assertEquals(RANGE_SECONDS.get(range), span, 120, range + " axis span");
            page.wait.until(d ->
                    !d.findElements(By.cssSelector("#aggs [data-agg='cpu']")).isEmpty());
            assertFalse(page.text("#aggs").contains("at most"), page.text("#aggs"));
            page.assertAxesReadable();
            real.browser.screenshot("real-04-game-" + range);
        }
    }

    @Test
    @Order(3)
    void everyChartFillsAgainAfterAHostRestart() throws Exception {
        long back = real.restartHost();
        // Open before this run's first !count: the plugin's counter chart has to appear on the open page, live.
        page.open("#/child/counter");
        real.chatUntil("!echo again", "again");
        real.chatUntil("!count", "count called");
        page.waitEveryChartFed(back, "cpu", "events", "custom.count.calls");
        everyChartFedSince(back);
        page.open("#/child/game");
        page.wait.until(d -> {
            String markers = page.chartsAttr("markers");
            return markers != null && markers.contains("stop") && markers.contains("start");
        });
        real.browser.fullPage("real-07-game-after-restart");
        // The system page marks where this host run began.
        page.open("#/system");
        page.wait.until(d -> {
            String markers = page.chartsAttr("markers");
            return markers != null && markers.contains("start");
        });
        real.browser.fullPage("real-08-system-after-restart");
    }

    /** The game's, the plugin's and the system page's charts, each with a value sampled at or after {@code since}. */
    private void everyChartFedSince(long since) throws Exception {
        page.open("#/child/game");
        page.waitEveryChartFed(since, RealDashboard.GAME_CHARTS);
        page.open("#/child/tester");
        page.waitEveryChartFed(since, RealDashboard.PLUGIN_CHARTS);
        page.open("#/child/counter");
        page.waitEveryChartFed(since, "cpu", "events", "custom.count.calls");
        // A chart for each mount the system sample has.
        List<String> mounts =
                real.host.json("/system").getJsonObject("system").getJsonObject("values").fieldNames().stream()
                        .filter(k -> k.startsWith("disk.usedBytes:"))
                        .map(k -> "system." + k)
                        .toList();
        assertFalse(mounts.isEmpty(), "no disk in the system sample");
        page.open("#/system");
        page.waitEveryChartFed(
                since,
                Stream.concat(Stream.of(RealDashboard.SYSTEM_CHARTS), mounts.stream())
                        .toArray(String[]::new));
        // Titles read as words: "Host CPU", not "Host cPU".
        List<String> titles =
                real.browser.driver.findElements(By.cssSelector("[data-chart] h3 span:first-child")).stream()
                        .map(e -> e.getText())
                        .toList();
        assertTrue(titles.contains("Host CPU (of one core)"), titles.toString());
        assertTrue(titles.stream().noneMatch(t -> t.matches(".*\\b[a-z][A-Z].*")), titles.toString());
    }
}

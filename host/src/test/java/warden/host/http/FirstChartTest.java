package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;
import warden.host.fixtures.External;

/**
 * How soon the dashboard draws, with 20 children of an hour's history each (the {@link DashboardBench} setup and its
 * measuring point, the page's {@code warden-first-chart} mark): the first load stays within 150 KB on the wire, and a
 * child page marks its first chart drawn. The time is reported, not asserted: on two shared cores it swings with
 * the load, so the 300 ms target is held by {@code bench/dashboard/run.sh} instead.
 */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FirstChartTest {

    private static final long FIRST_LOAD_BUDGET_BYTES = 150 * 1024;
    private static final int ROUNDS = 5;

    @TempDir
    Path data;

    @Test
    void theFirstLoadIsSmallAndTheFirstChartIsMarked() throws Exception {
        try (ApiFixture fx = new ApiFixture()) {
            DashboardBench.twentyChildren(fx);
            int port = fx.start(ApiFixture.config(), data, Clock.systemUTC())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
            String base = "http://127.0.0.1:" + port;
            try (Browser browser = new Browser(1280, 900)) {
                Page page = new Page(browser, base, Duration.ofSeconds(30));
                page.logIn(ApiFixture.TOKEN, "child-00");
                // The page load after the login, with nothing cached yet: what a first visit costs on the wire.
                long firstLoad = ((Number)
                                browser.driver.executeScript("return performance.getEntriesByType('navigation')"
                                        + ".concat(performance.getEntriesByType('resource'))"
                                        + ".reduce((n, e) => n + e.transferSize, 0)"))
                        .longValue();
                System.out.println("first load: " + firstLoad + " bytes on the wire");
                assertTrue(firstLoad > 0 && firstLoad <= FIRST_LOAD_BUDGET_BYTES, "first load " + firstLoad + " bytes");

                WebDriverWait wait = page.wait;
                List<Double> firstChart = new ArrayList<>();
                for (int r = 0; r < ROUNDS; r++) {
                    double ms = DashboardBench.mark(
                            browser, wait, base + "/?r=" + r + "#/child/child-04", "warden-first-chart");
                    assertTrue(ms > 0, "first chart marked at " + ms);
                    firstChart.add(ms);
                }
                System.out.printf(
                        "first chart with 20 children: median %.0f ms, worst %.0f ms of %d loads (target 300 ms)%n",
                        DashboardBench.median(firstChart), Collections.max(firstChart), ROUNDS);
            }
        }
    }
}

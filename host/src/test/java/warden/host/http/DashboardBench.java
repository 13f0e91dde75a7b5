package warden.host.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import warden.host.config.HttpConfig;
import warden.host.supervisor.ChildKind;

/**
 * For {@code bench/dashboard/run.sh}: the HTTP layer over {@link FakeBackend} with 20 children, each with an hour of
 * 5 s samples, and headless chromium. Each round opens the dashboard afresh (a new page load, warm HTTP cache as a
 * daily user has it) and reads the page's own marks: the overview's cards drawn, and a child page's first chart
 * drawn, both from navigation start. Prints the median and the worst of each. Args: {@code [rounds, default 15]}.
 */
public final class DashboardBench {

    private static final int CHILDREN = 20;
    private static final int POINTS = 720;

    private DashboardBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ApiFixture fx = new ApiFixture();
        twentyChildren(fx);
        Path data = Files.createTempDirectory("warden-dashboard-bench");
        HttpConfig config = HttpConfig.listening("127.0.0.1", 0, ApiFixture.TOKEN);
        int port = fx.start(config, data, Clock.systemUTC())
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        String base = "http://127.0.0.1:" + port;
        try (Browser browser = new Browser(1280, 900)) {
            WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
            browser.driver.get(base + "/");
            browser.driver.findElement(By.id("token")).sendKeys(ApiFixture.TOKEN);
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(d ->
                    !d.findElements(By.cssSelector("[data-child='child-00']")).isEmpty());
            List<Double> overview = new ArrayList<>();
            List<Double> chart = new ArrayList<>();
            for (int r = 0; r < rounds + 2; r++) {
                double o = mark(browser, wait, base + "/?r=" + r + "#/", "warden-overview");
                double ch = mark(browser, wait, base + "/?r=" + r + "#/child/child-04", "warden-first-chart");
                if (r >= 2) { // two warm-up rounds: JIT of the host, chromium's caches
                    overview.add(o);
                    chart.add(ch);
                }
            }
            System.out.printf(
                    "%d children, %d samples each: overview drawn median %.0f ms (worst %.0f); child page first chart"
                            + " median %.0f ms (worst %.0f); %d rounds; load %s%n",
                    CHILDREN,
                    POINTS,
                    median(overview),
                    Collections.max(overview),
                    median(chart),
                    Collections.max(chart),
                    rounds,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } finally {
            fx.close();
        }
    }

    /** 20 children, half plugins, each with an hour of 5 s samples of the series the sampler records. */
    static void twentyChildren(ApiFixture fx) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int c = 0; c < CHILDREN; c++) {
            fx.backend.child(String.format("child-%02d", c), c % 2 == 0 ? ChildKind.PLUGIN : ChildKind.SERVICE);
        }
        for (int i = 0; i < POINTS; i++) {
            Map<String, Map<String, Double>> sample = new LinkedHashMap<>();
            for (int c = 0; c < CHILDREN; c++) {
                sample.put(
                        String.format("child-%02d", c),
                        Map.of(
                                "cpu",
                                20 + 15 * Math.sin((i + c * 7) / 30.0),
                                "rssBytes",
                                150e6 + 1e6 * c,
                                "threads",
                                20.0 + c,
                                "openFiles",
                                40.0,
                                "readBytesPerSec",
                                1000.0 * c,
                                "writeBytesPerSec",
                                500.0 * c,
                                "events.delivered",
                                i * 2.0));
            }
            fx.backend.record(now.minusSeconds(5L * (POINTS - i)), sample);
        }
    }

    /** Opens {@code url} afresh and reads the page's mark {@code name}: ms from navigation start. */
    static double mark(Browser browser, WebDriverWait wait, String url, String name) {
        browser.driver.get(url);
        String read = "const m = performance.getEntriesByName('" + name + "'); return m.length ? m[0].startTime : null";
        try {
            return ((Number) wait.until(d -> browser.driver.executeScript(read))).doubleValue();
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                browser.screenshot("bench-timeout");
            } catch (java.io.IOException ignored) {
                // The message below says enough.
            }
            throw new IllegalStateException(
                    name + " never marked on " + url + "; the page says: "
                            + browser.driver.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

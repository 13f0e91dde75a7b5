package warden.host.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import warden.host.config.HttpConfig;
import warden.host.supervisor.ChildKind;

/**
 * Debian's chromium on the dashboard over the real HTTP layer, fed by {@link FakeBackend}: what the {@code Dashboard*Test}
 * classes share. Three children with an hour of 5 s samples, {@code game} with its own thresholds, a crash of {@code
 * dice-roller} whose tail holds an earlier run's output too, and some output of {@code game}. Screenshots are kept in
 * {@code host/target/screenshots/}.
 */
final class FakeDashboard implements AutoCloseable {

    static final int HISTORY_POINTS = 720;

    final ApiFixture fx = new ApiFixture();
    /** The CPU served for dice-roller at each epoch second. */
    final Map<Long, Double> cpuAt = new HashMap<>();

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final Browser browser;
    final Page page;
    final String base;

    FakeDashboard(Path data) throws Exception {
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
        for (int i = 0; i < HISTORY_POINTS; i++) {
            Instant at = now.minusSeconds(5L * (HISTORY_POINTS - i));
            double cpu = Math.round((30 + 25 * Math.sin(i / 40.0) + (i * 7 % 5)) * 10) / 10.0;
            cpuAt.put(at.getEpochSecond(), cpu);
            fx.backend.record(at, sample(i, cpu));
        }
        // The run that crashed began 3 minutes before it (the fake's uptime); the first line is from the run before.
        fx.backend.crash(
                "dice-roller",
                now.minus(Duration.ofMinutes(20)),
                137,
                List.of(
                        now.minusSeconds(1800) + " out previous run says goodbye",
                        now.minusSeconds(1201) + " out rolling 2d6",
                        now.minusSeconds(1200) + " err java.lang.OutOfMemoryError: Java heap space",
                        now.minusSeconds(1200) + " err \tat Dice.roll(Dice.java:42)"));
        fx.backend.output("out", "server started on port 30000", now.minusSeconds(60));
        fx.backend.output("err", "warning: slow tick (212 ms)", now.minusSeconds(30));
        fx.backend.output("out", "player alice joined", now.minusSeconds(10));
        int port = fx.start(config, data, Clock.systemUTC())
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        base = "http://127.0.0.1:" + port;
        browser = new Browser(1280, 900);
        page = new Page(browser, base, Duration.ofSeconds(20));
    }

    void logIn() {
        browser.driver.get(base + "/");
        page.wait.until(ExpectedConditions.urlContains("/login"));
        page.logIn(ApiFixture.TOKEN, "dice-roller");
    }

    /** A live tick with dice-roller's CPU at {@code diceCpu}. */
    void tick(double diceCpu) {
        fx.onContext(() -> fx.backend.tick(Instant.now(), sample(HISTORY_POINTS, diceCpu)));
    }

    String chartsAttr(String name) {
        return browser.driver.findElement(By.id("charts")).getDomAttribute("data-" + name);
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

    /** A cumulative event counter whose rate swings between about 10 and 80 per minute. */
    private static double events(int i) {
        double total = 0;
        for (int k = 0; k <= i; k++) {
            total += Math.round((10 + 70 * Math.pow(Math.sin(k / 25.0), 2)) / 12);
        }
        return total;
    }

    /** The first file in {@code dir} whose name ends in {@code suffix}; null while there is none. */
    static Path fileIn(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            browser.close();
        } finally {
            fx.close();
        }
    }
}

package warden.host.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import warden.host.fixtures.External;

/** Debian's chromium, headless, driven through its chromedriver; screenshots go to {@code target/screenshots}. */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    Browser(int width, int height) throws IOException {
        Path chromium = External.require("/usr/bin/chromium", "chromium");
        Path chromedriver = External.require("/usr/bin/chromedriver", "chromium-driver");
        profile = Files.createTempDirectory("warden-chromium");
        downloads = Files.createTempDirectory("warden-downloads");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--window-size=" + width + "," + height,
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-quic",
                        "--user-data-dir=" + profile)
                .setExperimentalOption(
                        "prefs",
                        Map.of(
                                "download.default_directory",
                                downloads.toString(),
                                "download.prompt_for_download",
                                false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    /** Emulates the system's dark (or light) preference. */
    void colorScheme(String scheme) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", java.util.List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** The whole page, by growing the window to the document's height for the shot. */
    Path fullPage(String name) throws IOException {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(), (int) height + 140));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
    }
}

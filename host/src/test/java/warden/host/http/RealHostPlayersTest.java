package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import warden.host.fixtures.External;

/** The players chart, roster and markers of a real host follow the game simulator's joins and leaves. */
@External.Needs(path = "/usr/bin/chromium", debianPackage = "chromium")
@External.Needs(path = "/usr/bin/chromedriver", debianPackage = "chromium-driver")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RealHostPlayersTest {

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
    void thePlayerChartFollowsJoinsAndLeaves() throws Exception {
        page.open("#/child/game");
        page.waitEveryChartFed(0, "players");
        real.send("game", "/sim join alice");
        page.wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#players-card [data-player='alice']")));
        page.wait.until(d -> page.chartsAttr("markers").contains("join"));
        page.wait.until(d -> page.nowOf("players").equals("now 1"));
        real.send("game", "/sim leave alice");
        page.wait.until(d -> page.chartsAttr("markers").contains("leave"));
        page.wait.until(d -> page.nowOf("players").equals("now 0"));
        page.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#players-card [data-roster='0']")));
        real.browser.fullPage("real-05-game-players");

        page.open("#/players");
        page.wait.until(d ->
                page.chartsAttr("markers") != null && page.chartsAttr("markers").contains("leave"));
        assertTrue(page.text("#events").contains("alice"), page.text("#events"));
        page.open("#/");
        page.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-players='game']")));
    }
}

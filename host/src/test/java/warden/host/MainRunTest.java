package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.Fixtures;

/** Warden as its own process: banner, then SIGTERM stops the game server with its stop command before Warden exits. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MainRunTest {

    @TempDir
    Path dir;

    private Process warden;

    @AfterEach
    void kill() {
        if (warden != null) {
            warden.descendants().forEach(ProcessHandle::destroyForcibly);
            warden.destroyForcibly();
        }
    }

    @Test
    void sigtermStopsEveryChildGracefullyAndExits() throws Exception {
        Files.writeString(dir.resolve("warden.yaml"), WardenTest.SIM_CONFIG);
        ProcessBuilder pb = new ProcessBuilder(Fixtures.java(Main.class, "--config", "warden.yaml", "--no-console"))
                .directory(dir.toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
        warden = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(warden.getInputStream(), StandardCharsets.UTF_8));

        List<String> banner = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("Stop with Ctrl-C")) {
            banner.add(line);
        }
        // First start: the admin token is generated, printed once and kept in the data dir.
        String tokenLine = banner.remove(0);
        String token = Files.readString(dir.resolve("warden-data/admin-token")).trim();
        assertEquals(
                "warden: generated the admin token " + token + " (kept in " + dir.resolve("warden-data/admin-token")
                        + ")",
                tokenLine);
        String dashboard = banner.remove(3);
        assertTrue(dashboard.matches("  dashboard: http://127\\.0\\.0\\.1:[1-9][0-9]*/"), dashboard);
        assertEquals(
                List.of(
                        "Warden is running.",
                        "  config:    " + dir.resolve("warden.yaml"),
                        "  data:      " + dir.resolve("warden-data"),
                        "  services:  game",
                        "  plugins:   none"),
                banner);
        // Started means spawned: the simulator is a child of Warden by now (beside the keeper of its process trees).
        List<ProcessHandle> children = warden.children()
                .filter(c ->
                        !c.info().arguments().map(List::of).orElse(List.of()).contains("warden-keeper"))
                .toList();
        assertEquals(1, children.size(), children.toString());

        warden.toHandle().destroy(); // SIGTERM, keeping our end of the pipes open
        assertTrue(out.readLine().startsWith("warden: stopping (at most "));
        assertEquals("warden: stopped", out.readLine());
        assertEquals(143, warden.waitFor());
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "left behind: " + child.pid());
        }
        String log = Files.readString(dir.resolve("warden-data/logs/game/output.log"));
        assertTrue(log.contains("Stop reason: Exit request by client"), log);
    }
}

package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real host started with its admin token and a setting in its environment, as systemd units and containers do: the
 * service it runs sees neither, but does see its own {@code env} and the rest of the host's environment. The child
 * reports through a FIFO, so the test waits for exactly that line.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostEnvironmentTest {

    private static final String TOKEN = "env-test-admin-token-0123456789abcdef";

    @TempDir
    Path dir;

    private RealHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aServiceSeesNeitherTheAdminTokenNorTheHostsSettingsButItsOwnEnvAndTheRest() throws Exception {
        Path fifo = dir.resolve("env.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Files.writeString(
                dir.resolve("warden.yaml"),
                """
                http: {port: 0}
                chat: {console: false}
                plugins: {dir: ./no-plugins, watch: false}
                services:
                  - id: reporter
                    command: [sh, -c, 'printf "token=%%s interval=%%s own=%%s lang=%%s\\n" "${WARDEN_ADMIN_TOKEN:-unset}" \
                "${WARDEN_METRICS_INTERVAL:-unset}" "${GAME_MODE:-unset}" "${LANG_SEEN:-unset}" > %s; exec sleep 1000']
                    env: {GAME_MODE: hard}
                """
                        .formatted(fifo));

        host = RealHost.start(
                dir,
                RealHost.Mode.GROUP,
                Map.of("WARDEN_ADMIN_TOKEN", TOKEN, "WARDEN_METRICS_INTERVAL", "7s", "LANG_SEEN", "de_DE"));

        // Opening the FIFO waits for the child to open it for writing.
        assertEquals(
                "token=unset interval=unset own=hard lang=de_DE",
                Files.readAllLines(fifo).get(0));
    }
}

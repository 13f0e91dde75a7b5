package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped unit ({@code src/main/dist/warden.service}) passes {@code systemd-analyze verify}, and
 * docs/install.md shows that same unit. Skipped where systemd-analyze is not installed (CI containers usually have
 * no systemd).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SystemdUnitTest {

    private static final Path UNIT = Path.of("src/main/dist/warden.service");
    private static final Path LAUNCHER = Path.of("src/main/dist/warden");

    @TempDir
    Path dir;

    @Test
    void docsShowTheShippedUnit() throws Exception {
        String unit = Files.readString(UNIT);
        String install = Files.readString(Path.of("../docs/install.md"));
        assertTrue(install.contains("```ini\n" + unit + "```"), "docs/install.md must show " + UNIT + " as it is");
    }

    @Test
    void systemdAcceptsTheUnit() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed (Debian package systemd): skipped");
        // verify checks that ExecStart names an executable, so the launcher stands in for /opt/warden/bin/warden.
        String unit = Files.readString(UNIT)
                .replace("/opt/warden/bin/warden", LAUNCHER.toAbsolutePath().toString());
        Path copy = Files.writeString(dir.resolve("warden.service"), unit);
        Process verify = new ProcessBuilder(analyze.toString(), "verify", copy.toString())
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = verify.getInputStream()) {
            in.transferTo(out);
        }
        // A key systemd cannot parse is only a warning with exit code 0: the output must be empty too.
        assertEquals("", out.toString(StandardCharsets.UTF_8).strip());
        assertEquals(0, verify.waitFor());
    }
}

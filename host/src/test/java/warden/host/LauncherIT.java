package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built launcher ({@code target/bin/warden} beside {@code target/warden.jar}, so after {@code package}: run by
 * failsafe): the host gets the README's footprint flags, and {@code warden ctl} reaches it with no arguments and
 * leaves its class-data archive in the cache for the next run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherIT {

    private static final Path LAUNCHER = Path.of("target/bin/warden").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void runsTheHostWithTheFootprintFlagsAndCtlAgainstIt() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(
                dir.resolve("warden.yaml"),
                "http: {port: 0}\nplugins: {dir: ./plugins}\nservices:\n  - id: sleeper\n    command: [sleep, '3600']\n");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "--config", "warden.yaml", "--no-console")
                .directory(dir.toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
        Process host = pb.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Stop with Ctrl-C")) {
                // the banner
            }
            // exec: the launcher's process is the JVM itself, so systemd's $MAINPID is the host.
            List<String> jvmArgs = List.of(host.info().arguments().orElseThrow());
            assertTrue(
                    jvmArgs.containsAll(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xms16m")),
                    jvmArgs.toString());

            Path cache = dir.resolve("cache");
            for (int run = 0; run < 2; run++) {
                ProcessBuilder ctl = new ProcessBuilder(LAUNCHER.toString(), "ctl", "status")
                        .directory(dir.toFile())
                        .redirectErrorStream(true);
                ctl.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
                ctl.environment().put("XDG_CACHE_HOME", cache.toString());
                Process p = ctl.start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.waitFor(), text);
                List<String> lines = text.lines().toList();
                assertTrue(lines.get(0).startsWith("ID "), text);
                assertTrue(lines.get(1).startsWith("sleeper  service  "), text);
                assertEquals(2, lines.size(), "nothing but the table (no JVM warnings): " + text);
            }
            try (Stream<Path> archives = Files.list(cache.resolve("warden"))) {
                assertEquals(
                        1, archives.filter(f -> f.toString().endsWith(".jsa")).count());
            }
        } finally {
            host.destroy();
            host.waitFor(60, TimeUnit.SECONDS);
            host.descendants().forEach(ProcessHandle::destroyForcibly);
            host.destroyForcibly();
        }
    }
}

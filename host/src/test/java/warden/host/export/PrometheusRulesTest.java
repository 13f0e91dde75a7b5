package warden.host.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import warden.host.fixtures.External;

/** The rules shipped in docs/prometheus pass {@code promtool check rules} and their own unit tests. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@External.Needs(path = Prometheus.PROMTOOL, debianPackage = "prometheus")
class PrometheusRulesTest {

    private static final Path RULES =
            Path.of("..", "docs", "prometheus").toAbsolutePath().normalize();

    @Test
    void theRulesAreValid() throws Exception {
        String out = promtool("check", "rules", "warden-rules.yml");
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        String out = promtool("test", "rules", "warden-rules.test.yml");
        assertTrue(out.contains("SUCCESS"), out);
    }

    private static String promtool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Prometheus.PROMTOOL;
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command)
                .directory(RULES.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}

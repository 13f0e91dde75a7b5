package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.External;

/**
 * The dashboard's {@code format.js} writes durations exactly as the host does: node runs the shipped module over the
 * same table as DurationsTest ({@code durations.json}) and prints what each function gives for each row.
 */
@External.Needs(path = "/usr/bin/node", debianPackage = "nodejs")
class DashboardDurationsTest {

    @TempDir
    Path dir;

    @Test
    void formatJsGivesTheTablesTextForEveryRow() throws Exception {
        Path source = Path.of(
                        System.getProperty("user.dir"), "..", "dashboard", "src", "main", "web", "js", "format.js")
                .normalize();
        Path table = Path.of(
                DashboardDurationsTest.class.getResource("/durations.json").toURI());
        // .mjs: node reads the dashboard's ES module as it is, without a package.json.
        Path module = Files.copy(source, dir.resolve("format.mjs"));
        String script = "import { duration, durationExact } from '" + module.toUri() + "';\n"
                + "import { readFileSync } from 'node:fs';\n"
                + "const table = JSON.parse(readFileSync('" + table + "', 'utf8'));\n"
                + "for (const [ms, exact, approximate] of table.format) {\n"
                + "  const got = [durationExact(ms), duration(ms)];\n"
                + "  if (got[0] !== exact || got[1] !== approximate) console.log(`${ms}: ${got} != ${exact},${approximate}`);\n"
                + "}\n"
                + "console.log(`checked ${table.format.length}`);\n";
        Process node = new ProcessBuilder("node", "--input-type=module", "-e", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, node.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals(1, lines.size(), out);
        assertTrue(lines.get(0).matches("checked [1-9][0-9]*"), out);
    }
}

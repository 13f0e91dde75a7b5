package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.Fixtures;

/** The command line as a user meets it: Main in its own JVM, with exact stderr and exit codes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {}

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Fixtures.java(Main.class, args))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WARDEN_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        int code = p.waitFor();
        return new Result(code, Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void aBadConfigIsReportedAndNothingStarts() throws Exception {
        Path config = dir.resolve("warden.yaml");
        Files.writeString(
                config,
                "data: ./state\nservices:\n  - id: game\n    command: [sleep, 60]\n    restart: {policy: sometimes}\n");
        Result r = run(Map.of(), "--config", "warden.yaml");
        assertEquals(
                config + ":5: services[0].restart.policy: \"sometimes\" is not allowed; use one of: always,"
                        + " on-failure, never\nwarden: configuration error; nothing was started\n",
                r.err());
        assertEquals("", r.out());
        assertEquals(2, r.exitCode());
        assertFalse(Files.exists(dir.resolve("state")), "the data dir must not be created");
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() throws Exception {
        Result r = run(Map.of("WARDEN_METRICS_INTERVAL", "often"), "--data", "state");
        assertEquals(
                "environment variable WARDEN_METRICS_INTERVAL: metrics.interval: \"often\" is not a duration; use a"
                        + " whole number and a unit: 500ms, 5s, 2m, 1h or 7d\n"
                        + "warden: configuration error; nothing was started\n",
                r.err());
        assertEquals(2, r.exitCode());
        assertFalse(Files.exists(dir.resolve("state")));
    }

    @Test
    void badArguments() throws Exception {
        Result unknown = run(Map.of(), "--verbose");
        assertEquals("warden: unknown argument --verbose (see --help)\n", unknown.err());
        assertEquals(2, unknown.exitCode());

        Result noValue = run(Map.of(), "--config");
        assertEquals("warden: --config needs a value (see --help)\n", noValue.err());
        assertEquals(2, noValue.exitCode());

        Result missing = run(Map.of(), "--config=nope.yaml");
        assertEquals(
                dir.resolve("nope.yaml") + ": no such file\nwarden: configuration error; nothing was started\n",
                missing.err());
        assertEquals(2, missing.exitCode());
    }

    @Test
    void helpPrintsUsage() throws Exception {
        Result r = run(Map.of(), "--help");
        assertEquals(Main.USAGE, r.out());
        assertEquals("", r.err());
        assertEquals(0, r.exitCode());
    }

    @Test
    void argumentsParse() throws Exception {
        assertEquals(
                new Main.Arguments(Path.of("a.yaml"), Path.of("d"), true, false),
                Main.Arguments.parse(List.of("--config=a.yaml", "--no-console", "--data", "d")));
    }
}

package warden.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.Fixtures;

/**
 * Warden as its own process, given a config the machine cannot honour: it exits 2 with one message naming the file,
 * the field and the value, and the service it would have run was never started (its command leaves a marker file).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainStartChecksTest {

    @TempDir
    Path dir;

    private String config(String http, String data) {
        return "http: " + http + "\n" + "data: " + data + "\nchat: {console: false}\n"
                + "services:\n  - id: game\n    command: [sh, -c, 'touch started; exec sleep 60']\n";
    }

    private record Exit(int code, List<String> stderr) {}

    private Exit run(String yaml) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("warden.yaml"), yaml);
        ProcessBuilder pb = new ProcessBuilder(Fixtures.java(Main.class, "--config", "warden.yaml", "--no-console"))
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
        Process warden = pb.start();
        try {
            assertTrue(warden.waitFor(45, TimeUnit.SECONDS), "warden did not exit");
        } finally {
            warden.descendants().forEach(ProcessHandle::destroyForcibly);
            warden.destroyForcibly();
        }
        return new Exit(warden.exitValue(), Files.readAllLines(dir.resolve("err.txt")));
    }

    @Test
    void aPortInUseStopsTheStartBeforeAnyChild() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            Exit exit = run(config("{host: 127.0.0.1, port: " + port + "}", "state"));
            assertEquals(
                    List.of(
                            dir.resolve("warden.yaml") + ":1: http.port: " + port + " is in use on 127.0.0.1 (another"
                                    + " program listens on it); stop it, pick another port, or 0 for any free port",
                            "warden: configuration error; nothing was started"),
                    exit.stderr());
            assertEquals(2, exit.code());
        }
        assertFalse(Files.exists(dir.resolve("started")), "the service was started");
    }

    @Test
    void aDataDirWhoseLogsCannotBeWrittenStopsTheStartBeforeAnyChild() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/logs"), "a file where the logs folder goes\n");
        Exit exit = run(config("{port: 0}", "state"));
        Path data = dir.resolve("state");
        assertEquals(
                List.of(
                        dir.resolve("warden.yaml") + ":2: data: " + data + " (its logs folder): " + data.resolve("logs")
                                + " is a file, not a folder",
                        "warden: configuration error; nothing was started"),
                exit.stderr());
        assertEquals(2, exit.code());
        assertFalse(Files.exists(dir.resolve("started")), "the service was started");
    }

    @Test
    void aMalformedConfigExitsTwoWithTheMessageAndNoStackTrace() throws Exception {
        // Deeper than the YAML reader's limit, then a file cut off mid-way, then a type that does not fit.
        String good = config("{port: 0}", "state");
        List<String> malformed = List.of(
                good.replace("{port: 0}", "{port: " + "[".repeat(2000) + "]".repeat(2000) + "}"),
                good.substring(0, good.indexOf("command:") + 14),
                good.replace("{port: 0}", "{port: {a: 1}}"));
        for (String yaml : malformed) {
            Exit exit = run(yaml);
            assertEquals(2, exit.code(), exit.stderr().toString());
            assertEquals(2, exit.stderr().size(), exit.stderr().toString());
            assertTrue(
                    exit.stderr().get(0).startsWith(dir.resolve("warden.yaml") + ":"),
                    exit.stderr().toString());
            assertEquals(
                    "warden: configuration error; nothing was started",
                    exit.stderr().get(1));
            assertFalse(Files.exists(dir.resolve("state")), "the data dir was touched");
        }
        assertFalse(Files.exists(dir.resolve("started")), "the service was started");
    }
}

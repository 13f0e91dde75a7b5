package warden.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What YAML 1.1 and Jackson would quietly change: {@code yes} in a command, {@code 1.5} as a port, a config "file"
 * that never ends.
 */
class ConfigMeansWhatItSaysTest {

    @TempDir
    Path dir;

    private ConfigFiles config;
    private Path file;

    @BeforeEach
    void setUp() {
        config = new ConfigFiles(dir);
        file = config.file;
    }

    private WardenConfig load(String yaml) throws Exception {
        return config.load(yaml);
    }

    private String error(Path path) {
        return config.error(path);
    }

    @Test
    void textPositionsKeepTheScalarAsWritten() throws Exception {
        WardenConfig c = load("services:\n  - id: yes\n    command: [echo, yes, on, No, off, True, 0x10, 010, 1.50,"
                + " 1e3, 1_000, .inf]\n    env: {A: on, B: 1.0}\n    stop: {command: off}\n");
        ServiceConfig s = c.services().get(0);
        assertEquals("yes", s.id());
        assertEquals(
                List.of("echo", "yes", "on", "No", "off", "True", "0x10", "010", "1.50", "1e3", "1_000", ".inf"),
                s.command());
        assertEquals(Map.of("A", "on", "B", "1.0"), s.env());
        assertEquals("off", s.stop().command());
    }

    @Test
    void typedPositionsStillReadBooleansAndNumbers() throws Exception {
        WardenConfig c = load("http: {port: 9090, metricsPublic: true}\nplugins: {watch: no}\n");
        assertEquals(9090, c.http().port());
        assertEquals(true, c.http().metricsPublic());
        assertEquals(false, c.plugins().watch());
    }

    @Test
    void theGameChatFollowsTheServiceWhoseIdIsWrittenTheSame() throws Exception {
        // YAML 1.1 reads both on and yes as true: compared as read, the chat would follow both services.
        WardenConfig c = load("services:\n  - {id: on, command: [a], game: vintagestory}\n"
                + "  - {id: yes, command: [b], game: minetest}\nchat:\n  game: {enabled: true, childId: yes}\n");
        assertEquals("yes", c.chat().game().childId());
        assertEquals(Dialect.MINETEST, c.chat().game().dialect());
    }

    @Test
    void aFractionIsNotAWholeNumber() throws Exception {
        assertEquals(file + ":2: http.port: 1.5 is not a whole number", config.error("http:\n  port: 1.5\n"));
        assertEquals(
                file + ":2: services[0].output.maxLinesPerSecond: 10.9 is not a whole number",
                config.error("services:\n  - {id: a, command: [a], output: {maxLinesPerSecond: 10.9}}\n"));
        assertEquals(
                "environment variable WARDEN_HTTP_PORT: http.port: \"1.5\" is not a whole number",
                config.error("http: {port: 8080}\n", Map.of("WARDEN_HTTP_PORT", "1.5")));
    }

    @Test
    void aFifoADeviceAndAHugeFileAreRefusedWithoutReading() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        // Opening a FIFO nobody writes to would block forever.
        String fifoError = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> error(fifo));
        assertEquals(fifo + ": not a regular file (a FIFO, device or socket); give the YAML file", fifoError);
        assertEquals(
                "/dev/zero: not a regular file (a FIFO, device or socket); give the YAML file",
                error(Path.of("/dev/zero")));
        assertEquals(dir + ": is a directory; give the YAML file", error(dir));

        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[10 * 1024 * 1024]);
        assertEquals(big + ": 10485760 bytes is too large for a config file; at most 1048576 (1 MiB)", error(big));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertEquals(file + ": not UTF-8 text; a config file is YAML in UTF-8", error(file));
    }
}

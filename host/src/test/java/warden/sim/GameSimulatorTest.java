package warden.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import warden.host.fixtures.Fixtures;

/** The simulator as a real process: its console format, its commands, and how it ends. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GameSimulatorTest {

    private static final Pattern STAMP = Pattern.compile("^\\d{1,2}\\.\\d{1,2}\\.\\d{4} \\d{2}:\\d{2}:\\d{2} ");
    private static final String READY = "[Server Event] Dedicated Server now running on Port 42420 and all ips!";

    private Process process;
    private BufferedReader out;
    private Writer in;

    private void start(String... args) throws IOException {
        process = new ProcessBuilder(Fixtures.java(GameSimulator.class, args))
                .redirectErrorStream(true)
                .start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = process.outputWriter(StandardCharsets.UTF_8);
    }

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void send(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    /** The next line, without its timestamp (which must be there); null at the end of output. */
    private String next() throws IOException {
        String line = out.readLine();
        if (line == null || line.startsWith("Playing [")) {
            return line;
        }
        assertTrue(STAMP.matcher(line).find(), "no timestamp: " + line);
        return STAMP.matcher(line).replaceFirst("");
    }

    /** Reads up to and including the first line equal to {@code wanted}; fails if the output ends first. */
    private List<String> until(String wanted) throws IOException {
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = next()) != null) {
            seen.add(line);
            if (line.equals(wanted)) {
                return seen;
            }
        }
        throw new AssertionError("no line " + wanted + " in " + seen);
    }

    private List<String> rest() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = next()) != null) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void consoleFormatCommandsAndGracefulStop() throws Exception {
        start("--boot-delay", "0", "--players", "Priya13");
        until(READY);
        String join = next();
        assertTrue(join.matches("\\[Server Event] Priya13 \\[::ffff:127\\.0\\.0\\.1]:\\d+ joins\\."), join);

        send("/sim join Uraka");
        send("/sim chat Uraka <b>hi</b> all");
        send("/list clients");
        send("/announce Restart in 5 minutes");
        send("/sim leave Uraka");
        send("/stop");

        List<String> lines = rest();
        assertTrue(lines.get(0).matches("\\[Server Event] Uraka \\[::ffff:127\\.0\\.0\\.1]:\\d+ joins\\."));
        assertEquals("[Server Chat] 0 | Uraka: &lt;b&gt;hi&lt;/b&gt; all", lines.get(1));
        assertEquals("[Server Notification] Handling Console Command /list clients", lines.get(2));
        assertEquals("[Server Notification] List of online Players", lines.get(3));
        assertTrue(lines.get(4)
                .matches("Playing \\[1] Priya13 \\[::ffff:127\\.0\\.0\\.1]:\\d+ \\(12ms\\) \\(0s inactive\\)"));
        assertTrue(lines.get(5).startsWith("Playing [2] Uraka [::ffff:127.0.0.1]:"), lines.get(5));
        assertEquals(
                List.of(
                        "[Server Notification] Handling Console Command /announce Restart in 5 minutes",
                        "[Server Event] Server announced: Restart in 5 minutes.",
                        "[Server Event] Player Uraka left.",
                        "[Server Notification] Handling Console Command /stop",
                        "[Server Notification] Server stop requested, begin shutdown sequence. Stop reason: Exit"
                                + " request by client",
                        "[Server Notification] Server ticking has been suspended",
                        "[Server Notification] Entering runphase Shutdown",
                        "[Server Event] Player Priya13 got removed. Reason: Server shutting down - Exit request by"
                                + " client",
                        "[Server Event] Mods and systems notified, now saving everything...",
                        "[Server Event] World saved! Saved 2 chunks, 17 mapchunks, 16 mapregions.",
                        "[Server Event] Shutting down 6 server threads...",
                        "[Server Event] Killed console thread",
                        "[Server Event] All threads gracefully shut down",
                        "[Server Event] Doing last tick...",
                        "[Server Event] Stopped the server!"),
                lines.subList(6, lines.size()));
        assertEquals(0, process.waitFor());
    }

    @Test
    void crashExitsAtOnceWithTheCode() throws Exception {
        start("--boot-delay", "0");
        until(READY);
        send("/sim crash 3");
        assertEquals(List.of(), rest());
        assertEquals(3, process.waitFor());
    }

    @Test
    void sigtermStopsGracefully() throws Exception {
        start("--boot-delay", "0");
        until(READY);
        // Through the handle: Process.destroy() would also close our end of the pipes and lose the goodbye lines.
        process.toHandle().destroy();
        List<String> lines = rest();
        assertEquals(
                "[Server Notification] Server stop requested, begin shutdown sequence. Stop reason: Received SIGTERM",
                lines.get(0));
        assertEquals("[Server Event] Stopped the server!", lines.get(lines.size() - 1));
        assertEquals(0, process.waitFor());
    }

    @Test
    void endOfStdinStopsGracefully() throws Exception {
        start("--boot-delay", "0");
        until(READY);
        in.close();
        assertEquals(
                "[Server Notification] Server stop requested, begin shutdown sequence. Stop reason: Console input"
                        + " closed",
                rest().get(0));
        assertEquals(0, process.waitFor());
    }

    @Test
    void hangIgnoresStopAndSigtermUntilKilled() throws Exception {
        start("--boot-delay", "0");
        until(READY);
        send("/sim hang");
        until("[Server Warning] Simulator: hanging, ignoring the console and SIGTERM");
        send("/stop");
        process.toHandle().destroy();
        // A bounded wait for an exit that must not come: the only way to show "ignored".
        assertThrows(TimeoutException.class, () -> process.onExit().get(1, TimeUnit.SECONDS));
        assertTrue(process.isAlive());
        process.destroyForcibly();
        assertEquals(137, process.waitFor());
    }

    @Test
    void spamPrintsThatManyLines() throws Exception {
        start("--boot-delay", "0");
        until(READY);
        send("/sim spam 5000");
        List<String> lines = until("[Server Notification] Simulator spam line 5000 of 5000");
        assertEquals(5000, lines.size());
        assertFalse(lines.get(0).isEmpty());
    }

    @Test
    void badOptionsExitWithUsage() throws Exception {
        start("--bogus");
        assertEquals("GameSimulator: unknown option --bogus", out.readLine());
        assertTrue(out.readLine().startsWith("usage: GameSimulator"));
        assertEquals(2, process.waitFor());
    }
}

package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import warden.host.fixtures.External;

/**
 * Ctrl-C on a terminal, SIGINT or SIGTERM to the host's process group, and SIGTERM to the host alone: the same graceful
 * shutdown each time (stop command, SIGTERM, SIGKILL, begun in reverse start order), no crash record, nothing left
 * running. Before children had sessions of their own, a signal to the group reached them too: they died of it before
 * the host could send the stop command, and every shutdown wrote crash records.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostSignalsTest {

    private static final Pattern STOPPING = Pattern.compile("child (\\S+): RUNNING -> STOPPING");

    @TempDir
    Path dir;

    private RealHost host;

    @AfterEach
    void kill() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void sigtermToTheHostAlone() throws Exception {
        host = RealHost.start(dir, RealHost.Mode.GROUP);
        host.signal("TERM", false);
        assertGracefulShutdown(143);
    }

    @Test
    void sigtermToTheProcessGroup() throws Exception {
        host = RealHost.start(dir, RealHost.Mode.GROUP);
        host.signal("TERM", true);
        assertGracefulShutdown(143);
    }

    @Test
    void sigintToTheProcessGroup() throws Exception {
        host = RealHost.start(dir, RealHost.Mode.GROUP);
        host.signal("INT", true);
        assertGracefulShutdown(130);
    }

    @Test
    void ctrlCOnTheTerminal() throws Exception {
        External.require("/usr/bin/script", "bsdutils");
        host = RealHost.start(dir, RealHost.Mode.TERMINAL);
        host.ctrlC();
        assertGracefulShutdown(130);
    }

    private void assertGracefulShutdown(int exitCode) throws Exception {
        String marker = host.data.toAbsolutePath().normalize().toString();
        List<ProcessTree.Proc> started = ProcessTree.markedBy(marker);
        assertTrue(started.size() >= 5, "3 children, a helper and a daemon: " + started);

        assertEquals(exitCode, host.awaitExit(), host.errors());

        String err = host.errors();
        Matcher m = STOPPING.matcher(err);
        StringBuilder order = new StringBuilder();
        while (m.find()) {
            order.append(order.length() == 0 ? "" : " ").append(m.group(1));
        }
        assertEquals("stubborn wrapper polite", order.toString(), err);
        assertTrue(Files.readString(host.data.resolve("logs/polite/output.log")).contains("stop received"));
        assertTrue(err.contains("child stubborn ignored SIGTERM"), err);
        assertEquals(0, count("SELECT count(*) FROM crashes"), err);
        assertEquals(3, count("SELECT count(*) FROM control_events WHERE detail = 'host shutdown'"));
        for (ProcessTree.Proc p : started) {
            assertTrue(PidFile.gone(p.pid()), p + " outlived the host");
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + host.data.resolve("warden.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

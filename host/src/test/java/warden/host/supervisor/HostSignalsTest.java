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
        List<ProcessTree.Proc> started = treeOnceRunning();
        host.signal("TERM", false);
        assertGracefulShutdown(started, 143);
    }

    @Test
    void sigtermToTheProcessGroup() throws Exception {
        host = RealHost.start(dir, RealHost.Mode.GROUP);
        List<ProcessTree.Proc> started = treeOnceRunning();
        host.signal("TERM", true);
        assertGracefulShutdown(started, 143);
    }

    @Test
    void sigintToTheProcessGroup() throws Exception {
        host = RealHost.start(dir, RealHost.Mode.GROUP);
        List<ProcessTree.Proc> started = treeOnceRunning();
        host.signal("INT", true);
        assertGracefulShutdown(started, 130);
    }

    @Test
    void ctrlCOnTheTerminal() throws Exception {
        External.require("/usr/bin/script", "bsdutils");
        host = RealHost.start(dir, RealHost.Mode.TERMINAL);
        List<ProcessTree.Proc> started = treeOnceRunning();
        host.ctrlC();
        assertGracefulShutdown(started, 130);
    }

    /** Every process the host started, once its three children are RUNNING (so each stop is RUNNING -> STOPPING). */
    private List<ProcessTree.Proc> treeOnceRunning() throws Exception {
        host.awaitRunning(3);
        List<ProcessTree.Proc> started =
                ProcessTree.markedBy(host.data.toAbsolutePath().normalize().toString());
        assertTrue(started.size() >= 5, "3 children, a helper and a daemon: " + started);
        return started;
    }

    private void assertGracefulShutdown(List<ProcessTree.Proc> started, int exitCode) throws Exception {

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

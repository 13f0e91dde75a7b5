package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A helper that daemonises without leaving its session (its parent exits, it is re-parented to init) still counts
 * under the supervised child that leads the session: its CPU and memory stay the child's. Before, the ppid tree lost it
 * the moment its parent exited.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DaemonDescendantsTest {

    @Test
    void anOrphanInTheChildsSessionCountsUnderTheChild() throws Exception {
        assumeTrue(ProcProbe.available(), "needs /proc");
        // As the supervisor starts a child: the leader of a session of its own.
        Process child = new ProcessBuilder("setsid", "sh", "-c", "(sleep 1000 & echo $!); exec sleep 1001").start();
        try {
            long orphan = Long.parseLong(child.inputReader().readLine().trim());
            long parent = parentOf(orphan, child.pid());
            assertNotEquals(child.pid(), parent, "re-parented away from the child");
            ProcProbe probe = new ProcProbe();
            try {
                Map<Long, Long> parents = probe.parents();
                assertEquals(child.pid(), parents.get(orphan));
            } finally {
                probe.close();
            }
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
    }

    /** Waits until the subshell has exited and the orphan has a parent outside the child's session. */
    private static long parentOf(long pid, long session) throws Exception {
        for (int i = 0; i < 500; i++) {
            long ppid = field(pid, 1);
            if (field(ppid, 3) != session) {
                return ppid;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the subshell never exited");
    }

    /** Field {@code i} after the command name in /proc/PID/stat (0: state, 1: ppid, 3: session); -1 when gone. */
    private static long field(long pid, int i) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[i]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}

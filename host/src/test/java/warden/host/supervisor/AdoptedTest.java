package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host as subreaper, in this JVM (started by the {@code java} launcher, like the host): an orphan of something it
 * started is re-parented to it, counts as "something left behind" while it lives, and is reaped once it has exited;
 * a child the JDK waits for is never taken from it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdoptedTest {

    private final Adopted adopted = new Adopted();

    @Test
    void anOrphanIsAdoptedCountsAsLeftBehindAndIsReapedOnceItExits() throws Exception {
        Assumptions.assumeTrue(adopted.on(), "no PR_SET_CHILD_SUBREAPER here");
        // The shell starts a background sleep, prints its pid and exits: the sleep loses its parent.
        Process sh = new ProcessBuilder("sh", "-c", "sleep 1 & echo $!").start();
        long orphan;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(sh.getInputStream(), StandardCharsets.UTF_8))) {
            orphan = Long.parseLong(out.readLine().trim());
        }
        assertEquals(0, sh.waitFor());

        ProcessTree.Proc p = ProcessTree.read(orphan);
        assertNotNull(p, "the orphan should still sleep");
        assertEquals(ProcessHandle.current().pid(), p.ppid(), "re-parented to this JVM, not to init");
        assertFalse(adopted.none(), "a live orphan is something left behind");
        adopted.reap();
        assertNotNull(ProcessTree.read(orphan), "a live orphan is not reaped");

        await(() -> {
            ProcessTree.Proc now = ProcessTree.readAny(orphan); // read once: it may change between two reads
            return now != null && now.zombie();
        });
        assertFalse(adopted.none(), "an unreaped zombie is still ours to deal with");
        assertTrue(adopted.reap() >= 1);
        assertNull(ProcessTree.readAny(orphan), "reaped: gone from /proc");
    }

    @Test
    void aChildTheJdkWaitsForIsNeverReapedHere() throws Exception {
        Assumptions.assumeTrue(adopted.on(), "no PR_SET_CHILD_SUBREAPER here");
        Process p = new ProcessBuilder(List.of("sh", "-c", "exit 7")).start();
        long pid = p.pid();
        await(() -> {
            ProcessTree.Proc now = ProcessTree.readAny(pid); // read once: the JDK may reap it between two reads
            return now == null || now.zombie();
        });
        adopted.reap();
        assertEquals(7, p.waitFor(), "the JDK still gets its child's exit code");
    }

    /** Polls {@code condition} every 5 ms: the kernel says when a process exited, nothing here can wait on it. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}

package warden.host.supervisor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a host that died without cleaning up left running, stopped once at start-up before any child starts: the tree
 * of every pid file in {@code run/} (SIGTERM, then SIGKILL after {@link #WAIT_MS}), then every process still marked as
 * started by this data dir's host. Only a supervisor that holds the data dir's lock gets here, so none of it can belong
 * to a host that is still running.
 *
 * <p>Runs on the launcher thread, as its first task.
 */
final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
    static final long WAIT_MS = 2000;

    private Leftovers() {}

    /** Stops everything left; returns, per child id, what was stopped (for the child's first start reason). */
    static Map<String, String> stop(Path runDir, String hostDir) {
        Map<String, String> notes = new HashMap<>();
        PidFile.all(runDir).forEach((id, file) -> {
            PidFile.Entry entry = PidFile.read(file).orElse(null);
            if (entry != null) {
                ProcessTree.Root root = entry.root(id, hostDir);
                List<ProcessTree.Proc> tree = ProcessTree.members(root);
                if (!tree.isEmpty()) {
                    boolean leader = tree.stream().anyMatch(p -> p.pid() == entry.pid());
                    LOG.warn(
                            "child {}: {} process(es) of a run from an earlier host still running (pid {}{}); stopping"
                                    + " them",
                            id,
                            tree.size(),
                            entry.pid(),
                            leader ? "" : ", already gone");
                    int n = stopTree(root, tree);
                    notes.put(
                            id,
                            leader
                                    ? "stopped leftover pid " + entry.pid() + " from an earlier host"
                                            + (n > 1 ? " (and " + (n - 1) + " descendant(s))" : "")
                                    : "stopped " + n + " leftover descendant(s) of pid " + entry.pid()
                                            + " from an earlier host");
                }
            }
            PidFile.delete(file);
        });
        int stray = ProcessTree.killAll(() -> ProcessTree.markedBy(hostDir));
        if (stray > 0) {
            LOG.warn("killed {} stray process(es) an earlier host of {} had started", stray, hostDir);
        }
        return notes;
    }

    private static int stopTree(ProcessTree.Root root, List<ProcessTree.Proc> tree) {
        ProcessTree.signal(tree, false);
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        // Not our children: the JDK has no exit notification for them, so /proc is read until they are gone.
        while (System.nanoTime() < deadline && !ProcessTree.members(root).isEmpty()) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ProcessTree.killAll(() -> ProcessTree.members(root));
        return tree.size();
    }
}

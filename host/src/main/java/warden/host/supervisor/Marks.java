package warden.host.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Warden marks ({@link ProcessTree#HOST_VAR}, {@link ProcessTree#CHILD_VAR}, {@link ProcessTree#GENERATION_VAR})
 * in the environment of each process, read once per process and remembered by pid and kernel start time.
 *
 * <p>Why remembered: a sweep after every exit looks for marked processes among everything started after the leader,
 * and reading {@code /proc/PID/environ} is most of its cost (bench: a /proc scan 1 ms with stat alone, 7–10 ms with
 * every environ), and that scan sits between a SIGKILL and the restart. A process's marks are fixed when it is forked
 * (inherited) and change only by an exec with another environment; a marked process that execs without them stays
 * remembered as marked, which only keeps a real descendant in the tree. Our own direct children are not remembered
 * until they carry a mark: between the fork and the exec they show the host's environment, not theirs.
 *
 * <p>Callable from any thread; entries of processes no longer in /proc are dropped by {@link #retain}.
 */
final class Marks {

    /** What one process carries; nulls where a mark is missing. */
    record Mark(long startTicks, String hostDir, String childId, String generation) {
        /**
         * Started by the host of {@code host} as run {@code runKey} (any run when null). The first generation has no
         * generation variable, and a later one's must not count as the first's.
         */
        boolean matches(String host, String runKey) {
            if (!host.equals(hostDir)) {
                return false;
            }
            if (runKey == null) {
                return true;
            }
            Map<String, String> marker = ProcessTree.marker(runKey);
            return marker.get(ProcessTree.CHILD_VAR).equals(childId)
                    && java.util.Objects.equals(marker.get(ProcessTree.GENERATION_VAR), generation);
        }
    }

    private static final Path PROC = Path.of("/proc");
    private static final long SELF = ProcessHandle.current().pid();
    private static final byte[] HOST = (ProcessTree.HOST_VAR + "=").getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHILD = (ProcessTree.CHILD_VAR + "=").getBytes(StandardCharsets.UTF_8);
    private static final byte[] GENERATION = (ProcessTree.GENERATION_VAR + "=").getBytes(StandardCharsets.UTF_8);
    private static final Map<Long, Mark> KNOWN = new ConcurrentHashMap<>();

    private Marks() {}

    /** True when {@code p} was started by the host of {@code hostDir} (as run {@code runKey}, unless that is null). */
    static boolean marked(ProcessTree.Proc p, String hostDir, String runKey) {
        Mark m = KNOWN.get(p.pid());
        if (m == null || m.startTicks() != p.startTicks()) {
            m = read(p);
            if (m == null) {
                return false; // gone
            }
            if (m.hostDir() != null || p.ppid() != SELF) {
                KNOWN.put(p.pid(), m);
            }
        }
        return m.matches(hostDir, runKey);
    }

    /** Forgets every process not in {@code live} (pids of one full scan). */
    static void retain(Set<Long> live) {
        KNOWN.keySet().retainAll(live);
    }

    private static Mark read(ProcessTree.Proc p) {
        byte[] env;
        try {
            env = Files.readAllBytes(PROC.resolve(Long.toString(p.pid())).resolve("environ"));
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return new Mark(p.startTicks(), null, null, null); // another user's process: never ours
        }
        return new Mark(p.startTicks(), value(env, HOST), value(env, CHILD), value(env, GENERATION));
    }

    /** The value of the variable {@code name} ("NAME=") in a NUL-separated environment, or null. */
    private static String value(byte[] env, byte[] name) {
        int start = 0;
        while (start < env.length) {
            int end = start;
            while (end < env.length && env[end] != 0) {
                end++;
            }
            if (end - start >= name.length
                    && java.util.Arrays.equals(env, start, start + name.length, name, 0, name.length)) {
                return new String(env, start + name.length, end - start - name.length, StandardCharsets.UTF_8);
            }
            start = end + 1;
        }
        return null;
    }
}

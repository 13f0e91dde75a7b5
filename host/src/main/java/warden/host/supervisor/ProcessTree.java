package warden.host.supervisor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The processes of one run of a child, found in /proc: the leader, everything in its session or process group (the
 * launcher makes every child a session leader), everything below those by parent pid, and everything that carries the
 * run's marker in its environment ({@link #HOST_VAR} and {@link #CHILD_VAR}, inherited by every descendant, so a
 * daemon that left the session through {@code setsid} and was re-parented to init is still found).
 *
 * <p>Nothing older than the leader belongs to it: a pid, session or group number reused by an unrelated process is
 * told apart by the kernel's start time. Without /proc (not Linux) the tree is the leader and its descendants by
 * parent pid, as far as the JDK sees them.
 *
 * <p>Stateless but for what {@link Marks} remembers; used on the launcher and reaper threads, never on the event loop
 * (a scan reads every /proc entry).
 */
final class ProcessTree {

    /** Set in every child's environment to the absolute data dir of the host that started it. */
    static final String HOST_VAR = "WARDEN_SUPERVISED_BY";
    /** Set in every child's environment to its child id. */
    static final String CHILD_VAR = "WARDEN_CHILD_ID";
    /**
     * Set beside {@link #CHILD_VAR} for a generation after the first (a plugin reload): two generations of one id
     * overlap, and the sweep after the old one's exit must not take the new one for what its run left behind.
     */
    static final String GENERATION_VAR = "WARDEN_GENERATION";

    private static final Path PROC = Path.of("/proc");
    private static final long SELF = ProcessHandle.current().pid();

    /** One line of /proc/PID/stat, the parts that place a process in a tree. */
    record Proc(long pid, long ppid, long pgrp, long session, long startTicks, boolean zombie) {
        Proc(long pid, long ppid, long pgrp, long session, long startTicks) {
            this(pid, ppid, pgrp, session, startTicks, false);
        }
    }

    /**
     * A run's leader as the launcher recorded it: pid and kernel start time (clock ticks since boot). {@code runKey}:
     * the child id, with {@code ~g<n>} for generation n > 0 (the pid file's name).
     */
    record Root(long pid, long startTicks, String runKey, String hostDir) {}

    private ProcessTree() {}

    static boolean available() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The leader's start time in clock ticks since boot, or -1 when it is gone or /proc is missing. */
    static long startTicks(long pid) {
        Proc p = read(pid);
        return p == null ? -1 : p.startTicks();
    }

    /** Every live (non-zombie) process of the run, the leader included while it lives. */
    static List<Proc> members(Root root) {
        if (!available()) {
            return fallback(root);
        }
        List<Proc> all = scan(p -> p.startTicks() >= root.startTicks());
        Set<Long> in = new HashSet<>();
        Map<Long, List<Proc>> byParent = new HashMap<>();
        for (Proc p : all) {
            byParent.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
            boolean leader = p.pid() == root.pid() && p.startTicks() == root.startTicks();
            if (leader
                    || p.session() == root.pid()
                    || p.pgrp() == root.pid()
                    || Marks.marked(p, root.hostDir(), root.runKey())) {
                in.add(p.pid());
            }
        }
        // Below any member by parent pid: a descendant that cleared its environment and left the group.
        List<Long> todo = new ArrayList<>(in);
        while (!todo.isEmpty()) {
            long pid = todo.remove(todo.size() - 1);
            for (Proc c : byParent.getOrDefault(pid, List.of())) {
                if (in.add(c.pid())) {
                    todo.add(c.pid());
                }
            }
        }
        return all.stream().filter(p -> in.contains(p.pid())).toList();
    }

    /** Every live process marked as started by the host of {@code hostDir}, whatever child and run: leftovers. */
    static List<Proc> markedBy(String hostDir) {
        if (!available()) {
            return List.of();
        }
        return scan(p -> Marks.marked(p, hostDir, null));
    }

    /**
     * Sends SIGTERM ({@code force} false) or SIGKILL to each process that still has the start time it was found with.
     * Returns how many were signalled.
     */
    static int signal(List<Proc> procs, boolean force) {
        int sent = 0;
        for (Proc p : procs) {
            if (p.pid() == SELF) {
                continue;
            }
            Proc now = available() ? read(p.pid()) : p;
            if (now == null || now.startTicks() != p.startTicks()) {
                continue; // gone, or the pid is somebody else's by now
            }
            boolean ok = ProcessHandle.of(p.pid())
                    .map(h -> force ? h.destroyForcibly() : h.destroy())
                    .orElse(false);
            if (ok) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * SIGKILLs what {@code find} returns until it returns nothing (a process may fork while it is being killed).
     * Returns the number of distinct processes killed; gives up after about a second.
     */
    static int killAll(java.util.function.Supplier<List<Proc>> find) {
        Set<Long> killed = new HashSet<>();
        for (int round = 0; round < 200; round++) {
            List<Proc> live = find.get();
            if (live.isEmpty()) {
                return killed.size();
            }
            signal(live, true);
            live.forEach(p -> killed.add(p.pid()));
            try {
                Thread.sleep(round == 0 ? 1 : 5); // SIGKILL is delivered asynchronously
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return killed.size();
    }

    private static List<Proc> scan(Predicate<Proc> keep) {
        List<Proc> out = new ArrayList<>();
        String[] names = PROC.toFile().list(); // plain names: no Path object per entry
        if (names == null) {
            return out; // an unreadable /proc: nothing can be found, which the caller sees as an empty tree
        }
        Set<Long> live = new HashSet<>();
        for (String name : names) {
            if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                continue;
            }
            long pid = Long.parseLong(name);
            live.add(pid);
            Proc p = read(pid);
            if (p != null && p.pid() != SELF && keep.test(p)) {
                out.add(p);
            }
        }
        Marks.retain(live);
        return out;
    }

    /** Null when the process is gone or a zombie (it will never run again, and its parent reaps it). */
    static Proc read(long pid) {
        Proc p = readAny(pid);
        return p == null || p.zombie() ? null : p;
    }

    /** Null when the process is gone; zombies included (an adopted one is the host's to reap: {@link Adopted}). */
    static Proc readAny(long pid) {
        ProcFile.Read r = ProcFile.read(pid, "stat");
        if (r == null) {
            return null;
        }
        byte[] b = r.bytes();
        int end = r.length();
        // The command name may hold spaces and parentheses: the fields start after the last ')'. Parsed in place: a
        // sweep reads every process, and a restart waits for it.
        int i = end - 1;
        while (i > 0 && b[i] != ')') {
            i--;
        }
        i += 2;
        if (i >= end || b[i] == 'X') {
            return null;
        }
        boolean zombie = b[i] == 'Z';
        long ppid = 0;
        long pgrp = 0;
        long session = 0;
        long start = -1;
        for (int field = 3; i < end && field <= 22; field++, i++) {
            long v = 0;
            while (i < end && b[i] != ' ' && b[i] != '\n') {
                if (b[i] >= '0' && b[i] <= '9') {
                    v = v * 10 + (b[i] - '0');
                }
                i++;
            }
            switch (field) {
                case 4 -> ppid = v;
                case 5 -> pgrp = v;
                case 6 -> session = v;
                case 22 -> start = v;
                default -> {}
            }
        }
        return start < 0 ? null : new Proc(pid, ppid, pgrp, session, start, zombie);
    }

    /** The environment a run of {@code runKey} carries, beside {@link #HOST_VAR}. */
    static Map<String, String> marker(String runKey) {
        int g = runKey.indexOf("~g");
        return g < 0
                ? Map.of(CHILD_VAR, runKey)
                : Map.of(CHILD_VAR, runKey.substring(0, g), GENERATION_VAR, runKey.substring(g + 2));
    }

    private static List<Proc> fallback(Root root) {
        List<Proc> out = new ArrayList<>();
        ProcessHandle.of(root.pid()).ifPresent(h -> {
            out.add(new Proc(h.pid(), 0, 0, 0, root.startTicks()));
            h.descendants().forEach(d -> out.add(new Proc(d.pid(), 0, 0, 0, root.startTicks())));
        });
        return out;
    }
}

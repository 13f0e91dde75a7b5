package warden.host.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dataDir/run/<id>.pid}: which process a child's current run is, written at spawn and deleted when the exit has
 * been handled. A file still there when a host starts means the previous host died without cleaning up.
 *
 * <p>The file holds what the next host needs to find the whole tree of that run: the leader's pid and kernel start
 * time (pids are reused: a live process with that pid but another start time is somebody else and is left alone),
 * its session and process group (the leader heads both), and the command for the log. One {@code key=value} per line:
 * <pre>
 * pid=4242
 * start=81234567
 * pgid=4242
 * sid=4242
 * command=sh -c helper &amp; exec server
 * </pre>
 */
final class PidFile {

    /** What one file says. {@code startTicks} is the kernel's start time (clock ticks since boot, /proc/PID/stat). */
    record Entry(long pid, long startTicks, long pgid, long sid, String command) {

        ProcessTree.Root root(String childId, String hostDir) {
            return new ProcessTree.Root(pid, startTicks, childId, hostDir);
        }
    }

    private PidFile() {}

    static void write(Path file, Entry entry) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(
                tmp,
                "pid=" + entry.pid() + "\nstart=" + entry.startTicks() + "\npgid=" + entry.pgid() + "\nsid="
                        + entry.sid() + "\ncommand=" + entry.command().replace('\n', ' ') + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Empty when there is no file or it cannot be parsed (then it is garbage and can go). */
    static Optional<Entry> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && !lines.get(0).contains("=")) {
                return Optional.of(legacy(lines));
            }
            Map<String, String> kv = new HashMap<>();
            for (String line : lines) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            long pid = Long.parseLong(kv.get("pid"));
            return Optional.of(new Entry(
                    pid,
                    Long.parseLong(kv.get("start")),
                    Long.parseLong(kv.getOrDefault("pgid", "0")),
                    Long.parseLong(kv.getOrDefault("sid", "0")),
                    kv.getOrDefault("command", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A file of an earlier Warden version: pid, start time in epoch milliseconds as the JDK reports it, command. Its
     * process is the leader only if the JDK still reports that start time for the pid.
     */
    private static Entry legacy(List<String> lines) {
        long pid = Long.parseLong(lines.get(0));
        long startMillis = Long.parseLong(lines.get(1));
        boolean same = ProcessHandle.of(pid)
                .flatMap(h -> h.info().startInstant())
                .map(i -> i.toEpochMilli() == startMillis)
                .orElse(false);
        long ticks = same ? ProcessTree.startTicks(pid) : Long.MAX_VALUE; // MAX_VALUE: matches no process
        return new Entry(pid, ticks, 0, 0, lines.size() > 2 ? lines.get(2) : "");
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stale file is checked against the process start time on the next start, so it does no harm.
        }
    }

    /** The pid files in {@code runDir}, by child id. */
    static Map<String, Path> all(Path runDir) {
        Map<String, Path> out = new HashMap<>();
        try (var files = Files.list(runDir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.endsWith(".pid")) {
                    out.put(name.substring(0, name.length() - 4), f);
                }
            });
        } catch (IOException e) {
            // No run dir yet: nothing was left.
        }
        return out;
    }

    static String describe(List<String> command) {
        return String.join(" ", command);
    }

    /**
     * True when the pid has no running process. A zombie counts as gone: a killed orphan stays a zombie until init
     * reaps it, which can take more than a second, and it will never run again.
     */
    static boolean gone(long pid) {
        if (ProcessTree.available()) {
            return ProcessTree.read(pid) == null;
        }
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }
}

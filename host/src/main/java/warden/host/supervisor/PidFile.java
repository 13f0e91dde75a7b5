package warden.host.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code dataDir/run/<id>.pid}: which process a child's current run is, written at spawn and deleted when the exit has
 * been handled. A file still there when a host starts means the previous host died without cleaning up.
 *
 * <p>The file holds the pid and the process's start time, because pids are reused: a live process with that pid but
 * another start time is somebody else and must be left alone.
 */
final class PidFile {

    /** What one file says. {@code startMillis} is the kernel's start time of the process, as the JDK reads it. */
    record Entry(long pid, long startMillis, String command) {}

    private PidFile() {}

    static void write(Path file, ProcessHandle process, List<String> command) throws IOException {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, process.pid() + "\n" + start + "\n" + String.join(" ", command) + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Empty when there is no file or it cannot be parsed (then it is garbage and can go). */
    static Optional<Entry> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return Optional.of(new Entry(Long.parseLong(lines.get(0)), Long.parseLong(lines.get(1)), lines.get(2)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stale file is checked against the process start time on the next start, so it does no harm.
        }
    }

    /** True when the process the entry names is still running (and not a zombie) and is the same process. */
    static boolean isLive(Entry entry) {
        if (gone(entry.pid())) {
            return false;
        }
        return ProcessHandle.of(entry.pid())
                .flatMap(h -> h.info().startInstant())
                .map(i -> i.toEpochMilli() == entry.startMillis())
                .orElse(false);
    }

    /**
     * True when the pid has no running process. A zombie counts as gone: a killed orphan stays a zombie until init
     * reaps it, which can take more than a second, and it will never run again.
     */
    static boolean gone(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            try {
                String s = Files.readString(stat);
                char state = s.charAt(s.lastIndexOf(')') + 2);
                return state == 'Z' || state == 'X';
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }
}

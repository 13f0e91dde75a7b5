package warden.host.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The Linux probe: /proc/PID/stat (CPU times, threads, virtual and resident size, parent, start time) and /proc/PID/io
 * through file channels held open per pid and re-read at position 0. The kernel regenerates the text on every read, so
 * keeping the channel skips open/close: ~2 µs per process instead of ~9 µs (research/peers.md §5). /proc/PID/statm is
 * not read: its resident field is the same counter as stat's field 24, so one file gives both.
 *
 * <p>A held channel belongs to one process instance: once that process exits, the read fails even if the pid is
 * reused, and the probe reopens. Parsing is by hand over one reused direct buffer, so a poll allocates nothing.
 * Owned by the sampler thread.
 */
final class ProcProbe implements Probe {

    private static final Path PROC = Path.of("/proc");
    private static final byte[] READ_BYTES = "read_bytes:".getBytes();
    private static final byte[] WRITE_BYTES = "write_bytes:".getBytes();

    private final long pageBytes;
    private final long nanosPerTick;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
    /**
     * What the last {@link #fill} read, copied out in one go: parsing a direct buffer byte by byte goes through a
     * bounds and liveness check per byte that C1 does not remove, the sampler thread's largest single cost in a
     * profile (issue 16); an array is read by plain loads.
     */
    private final byte[] bytes = new byte[4096];

    private final Map<Long, Handles> held = new HashMap<>();

    private static final class Handles {
        final FileChannel stat;
        FileChannel io;

        Handles(FileChannel stat, FileChannel io) {
            this.stat = stat;
            this.io = io;
        }
    }

    ProcProbe() {
        this.pageBytes = pageBytes();
        this.nanosPerTick = 1_000_000_000L / clockTicksPerSecond();
    }

    static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    @Override
    public boolean read(long pid, ProcessReading out) {
        out.clear();
        Handles h = held.get(pid);
        if (h == null) {
            h = open(pid);
            if (h == null) {
                return false;
            }
            held.put(pid, h);
        }
        int n;
        try {
            n = fill(h.stat);
        } catch (IOException e) {
            n = 0; // ESRCH: the process this channel belongs to is gone
        }
        if (n <= 0) {
            drop(pid);
            return false;
        }
        out.atNanos = System.nanoTime();
        parseStat(n, out);
        if (h.io != null && out.wantIo) {
            try {
                int m = fill(h.io);
                parseIo(m, out);
            } catch (IOException e) {
                closeQuietly(h.io); // EACCES: another user's process; stop trying
                h.io = null;
            }
        }
        return true;
    }

    @Override
    public int openFiles(long pid) {
        String[] fds = PROC.resolve(Long.toString(pid)).resolve("fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    @Override
    public Map<Long, Long> parents() throws IOException {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> sessions = new HashMap<>();
        ProcessReading scratch = new ProcessReading();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                try (FileChannel ch = FileChannel.open(dir.resolve("stat"), StandardOpenOption.READ)) {
                    parseStat(fill(ch), scratch);
                    long pid = Long.parseLong(name);
                    parents.put(pid, scratch.parentPid);
                    sessions.put(pid, scratch.session);
                } catch (IOException | NumberFormatException e) {
                    // Exited during the scan, or not a process directory.
                }
            }
        }
        // A process that is not a session leader shares its parent's session, unless its parent died and it was
        // re-parented (to init or a subreaper): a helper that daemonised without setsid. It counts under its session's
        // leader, which the supervisor makes every child.
        parents.replaceAll((pid, parent) -> {
            Long session = sessions.get(pid);
            boolean orphan = session != null
                    && session.longValue() != pid
                    && !session.equals(sessions.get(parent))
                    && session.equals(sessions.get(session));
            return orphan ? session : parent;
        });
        return parents;
    }

    @Override
    public void retain(Set<Long> pids) {
        for (Iterator<Map.Entry<Long, Handles>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Handles> e = it.next();
            if (!pids.contains(e.getKey())) {
                closeQuietly(e.getValue().stat);
                closeQuietly(e.getValue().io);
                it.remove();
            }
        }
    }

    @Override
    public void close() {
        retain(Set.of());
    }

    private Handles open(long pid) {
        Path dir = PROC.resolve(Long.toString(pid));
        FileChannel stat;
        try {
            stat = FileChannel.open(dir.resolve("stat"), StandardOpenOption.READ);
        } catch (IOException e) {
            return null;
        }
        FileChannel io = null;
        try {
            io = FileChannel.open(dir.resolve("io"), StandardOpenOption.READ);
        } catch (IOException | SecurityException e) {
            // Not ours to read: the I/O series stay absent for this process.
        }
        return new Handles(stat, io);
    }

    private void drop(long pid) {
        Handles h = held.remove(pid);
        if (h != null) {
            closeQuietly(h.stat);
            closeQuietly(h.io);
        }
    }

    private int fill(FileChannel channel) throws IOException {
        buffer.clear();
        long position = 0;
        int read;
        while (buffer.hasRemaining() && (read = channel.read(buffer, position)) > 0) {
            position += read;
        }
        int n = buffer.position();
        buffer.get(0, bytes, 0, n);
        return n;
    }

    /** Fields after the command name, which is in parentheses and may itself hold spaces and ')'. See proc(5). */
    private void parseStat(int n, ProcessReading out) {
        int i = n - 1;
        while (i > 0 && bytes[i] != ')') {
            i--;
        }
        i += 2;
        long utime = 0;
        long stime = 0;
        for (int field = 3; i < n && field <= 24; field++, i++) {
            long v = 0;
            byte b;
            while (i < n && (b = bytes[i]) != ' ' && b != '\n') {
                if (b >= '0' && b <= '9') {
                    v = v * 10 + (b - '0');
                }
                i++;
            }
            switch (field) {
                case 4 -> out.parentPid = v;
                case 6 -> out.session = v;
                case 14 -> utime = v;
                case 15 -> stime = v;
                case 20 -> out.threads = (int) v;
                case 22 -> out.startTime = v;
                case 23 -> out.vmsBytes = v;
                case 24 -> out.rssBytes = v * pageBytes;
                default -> {}
            }
        }
        out.cpuNanos = (utime + stime) * nanosPerTick;
    }

    private void parseIo(int n, ProcessReading out) {
        for (int line = 0; line < n; ) {
            if (startsWith(line, n, READ_BYTES)) {
                out.readBytes = number(line + READ_BYTES.length, n);
            } else if (startsWith(line, n, WRITE_BYTES)) {
                out.writeBytes = number(line + WRITE_BYTES.length, n);
            }
            while (line < n && bytes[line] != '\n') {
                line++;
            }
            line++;
        }
    }

    private boolean startsWith(int at, int n, byte[] key) {
        if (at + key.length > n) {
            return false;
        }
        for (int k = 0; k < key.length; k++) {
            if (bytes[at + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    private long number(int at, int n) {
        long v = 0;
        for (byte b; at < n && (b = bytes[at]) != '\n'; at++) {
            if (b >= '0' && b <= '9') {
                v = v * 10 + (b - '0');
            }
        }
        return v;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing a /proc file cannot lose data.
            }
        }
    }

    /** The kernel's page size from the first mapping in /proc/self/smaps; 4 KiB when it cannot be read. */
    static long pageBytes() {
        try (BufferedReader r = Files.newBufferedReader(PROC.resolve("self/smaps"))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("KernelPageSize:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Fall through to the common value.
        }
        return 4096;
    }

    /**
     * USER_HZ, the unit of stat's CPU times. Java cannot call sysconf, so it is derived from this JVM's own CPU time as
     * the JDK reports it (which does call sysconf) and snapped to the values Linux uses; 100 when too little CPU time
     * has passed to tell.
     */
    static long clockTicksPerSecond() {
        try {
            Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            String stat = Files.readString(PROC.resolve("self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (ticks < 20 || cpu.isZero()) {
                return 100;
            }
            double hz = ticks / (cpu.toNanos() / 1e9);
            long best = 100;
            for (long candidate : new long[] {100, 250, 300, 1000, 1024}) {
                if (Math.abs(hz - candidate) < Math.abs(hz - best)) {
                    best = candidate;
                }
            }
            return best;
        } catch (IOException | RuntimeException e) {
            return 100;
        }
    }
}

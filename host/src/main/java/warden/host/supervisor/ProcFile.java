package warden.host.supervisor;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one small /proc file ({@code /proc/PID/stat}) through libc's open/read/close into a per-thread buffer.
 *
 * <p>Why not {@code Files.readAllBytes}: the sweep after every exit reads the stat file of every process on the
 * machine, and that sweep sits between a SIGKILL and the restart. NIO's channel, size probe and buffers cost about
 * 2.7 µs a file on top of the kernel's own work (which formats the file on read); three syscalls into a reused array
 * cost little beyond it ({@code bench/supervisor/scan.sh}: a scan of 261 processes 0.75 ms, against 1.47 ms).
 *
 * <p>Callable from any thread; the returned array is the calling thread's and valid until its next call.
 */
final class ProcFile {

    private static final int SIZE = 1024; // a stat line is about 300 bytes; 52 fields of at most 20 digits fit
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[SIZE]);

    /** What was read: {@code bytes[0..length)}. */
    record Read(byte[] bytes, int length) {}

    private ProcFile() {}

    /** {@code /proc/<pid>/<name>}, or null when the process is gone or the file cannot be read. */
    static Read read(long pid, String name) {
        int fd = open(pid, name);
        if (fd < 0) {
            return null;
        }
        byte[] buf = BUFFER.get();
        try {
            // One read: the kernel formats a stat file whole on the first read of a buffer this size.
            int n = (int) LibC.read(fd, buf, buf.length);
            return n < buf.length ? new Read(buf, n) : whole(pid, name);
        } catch (LastErrorException e) {
            return null; // ESRCH: the process went between open and read
        } finally {
            LibC.closeQuietly(fd);
        }
    }

    /**
     * {@code /proc/<pid>/<name>} read to its end, for files of many records (a {@code children} list): the kernel may
     * end a read short at a record that does not fit, so one short read does not mean the end. Null as {@link #read}.
     */
    static Read readAll(long pid, String name) {
        int fd = open(pid, name);
        if (fd < 0) {
            return null;
        }
        byte[] buf = BUFFER.get();
        try {
            byte[] all = new byte[0];
            int n;
            while ((n = (int) LibC.read(fd, buf, buf.length)) > 0) {
                int at = all.length;
                all = java.util.Arrays.copyOf(all, at + n);
                System.arraycopy(buf, 0, all, at, n);
            }
            return new Read(all, all.length);
        } catch (LastErrorException e) {
            return null;
        } finally {
            LibC.closeQuietly(fd);
        }
    }

    /** The open descriptor, or -1 when the file cannot be opened (ENOENT: gone; EACCES: not ours to read). */
    private static int open(long pid, String name) {
        byte[] path = ("/proc/" + pid + "/" + name + "\0").getBytes(StandardCharsets.US_ASCII);
        try {
            return LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            return -1;
        }
    }

    /** A file larger than the buffer (never a stat line in practice): read whole, the slow way. */
    private static Read whole(long pid, String name) {
        try {
            byte[] all = Files.readAllBytes(Path.of("/proc", Long.toString(pid), name));
            return new Read(all, all.length);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

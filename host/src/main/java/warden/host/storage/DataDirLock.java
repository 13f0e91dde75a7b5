package warden.host.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One host per data dir: an OS file lock on {@code <data>/run/lock}, held for the host's life and released by the
 * kernel when the host dies, however it dies. The file says who holds it ({@code pid=}, then {@code address=} once the
 * dashboard listens), so a second host can name the first in its refusal.
 *
 * <p>Taken before anything reads a pid file or touches a child, so leftovers of an earlier host are only ever cleaned
 * up by the host that holds the lock. Taking it also proves the data dir writable: a full or read-only disk is reported
 * here, with the path and the errno, before anything starts.
 */
public final class DataDirLock implements AutoCloseable {

    /** Another host (or this process) holds the lock. */
    public static final class InUse extends RuntimeException {
        InUse(Path dir, String pid, String address) {
            super("data dir " + dir + " is in use by another Warden host (pid " + pid
                    + (address == null ? "" : ", " + address) + "); stop it first, or give this one another --data");
        }
    }

    /** The data dir cannot be written: the message names the path and the errno. */
    public static final class NotWritable extends RuntimeException {
        NotWritable(Path dir, Path file, IOException e) {
            super("cannot write to the data dir " + dir + ": " + Errno.describe(file, e));
        }
    }

    /** How much a start-up must be able to write: a full disk often still takes a few bytes into an existing page. */
    private static final int PROBE_BYTES = 64 * 1024;

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dataDir} (creating the dir), or fails with {@link InUse} or {@link NotWritable}. */
    public static DataDirLock acquire(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve("run").resolve("lock");
        FileChannel channel = null;
        Path writing = file;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) {
                Map<String, String> holder = read(file);
                channel.close();
                throw new InUse(dir, holder.getOrDefault("pid", lockedHere(holder)), holder.get("address"));
            }
            DataDirLock held = new DataDirLock(dir, channel, lock);
            held.write("pid=" + ProcessHandle.current().pid() + "\n");
            writing = dir.resolve("run").resolve("space-probe");
            try {
                probe(writing);
            } catch (IOException e) {
                held.close();
                throw e;
            }
            return held;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new NotWritable(dir, writing, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Adds where this host answers to the lock file, for the refusal a second host prints. */
    public void advertise(String address) {
        try {
            write("pid=" + ProcessHandle.current().pid() + "\naddress=" + address + "\n");
        } catch (IOException e) {
            // Only the second host's message loses the address.
        }
    }

    /** Releases the lock; the file stays (a later host overwrites it). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases it as well.
        }
        closeQuietly(channel);
    }

    private synchronized void write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(bytes), 0);
        channel.force(false);
    }

    private static void probe(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(ByteBuffer.allocate(PROBE_BYTES));
            c.force(false);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // Written as it is read: the message goes without the details.
        }
        return out;
    }

    private static String lockedHere(Map<String, String> holder) {
        return holder.isEmpty()
                ? "unknown"
                : String.valueOf(ProcessHandle.current().pid());
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // Nothing was written through it.
            }
        }
    }
}
